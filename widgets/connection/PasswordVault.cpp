#include "connection/PasswordVault.h"

#include <QInputDialog>
#include <QLineEdit>
#include <QPointer>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace Boxscope {

QString PasswordVault::serviceName()
{
    return QStringLiteral("Boxscope");
}

QString PasswordVault::probeKey()
{
    return QStringLiteral("boxscope-keychain-probe");
}

PasswordVault::PasswordVault(QObject *parent)
    : QObject(parent)
{ }

PasswordVault::~PasswordVault() = default;

void PasswordVault::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
}

QString PasswordVault::statusText() const
{
    switch (m_state) {
    case State::Available: return tr("Passwords are kept in the system keychain (Secret Service)");
    case State::Unavailable: return tr("No keychain: the password is asked for on each connect and not stored");
    case State::Unknown:
    case State::Probing: break;
    }
    return tr("Looking for the system keychain…");
}

// One qtkeychain job with a deadline. qtkeychain runs its jobs one at a time; a job that never
// finishes is left to finish (and delete itself) on its own rather than deleted under a
// pending D-Bus callback. Its answer after the deadline is ignored.
void PasswordVault::startJob(Op op, const QString &key, const QString &password, Answer answer)
{
    QKeychain::Job *job = nullptr;
    switch (op) {
    case Op::Read: job = new QKeychain::ReadPasswordJob(serviceName()); break;
    case Op::Write: {
        auto *write = new QKeychain::WritePasswordJob(serviceName());
        write->setTextData(password);
        job = write;
        break;
    }
    case Op::Delete: job = new QKeychain::DeletePasswordJob(serviceName()); break;
    }
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(key);

    auto answered = std::make_shared<bool>(false);
    QPointer<QKeychain::Job> watched(job);
    connect(job, &QKeychain::Job::finished, this, [answered, answer, op](QKeychain::Job *j) {
        if (*answered)
            return;
        *answered = true;
        const QString data = op == Op::Read ? static_cast<QKeychain::ReadPasswordJob *>(j)->textData() : QString();
        answer(int(j->error()), j->errorString(), data, false);
    });
    QTimer::singleShot(m_deadlineMs, this, [this, answered, answer, watched] {
        if (*answered)
            return;
        *answered = true;
        if (watched)
            disconnect(watched, nullptr, this, nullptr);
        answer(int(QKeychain::OtherError), tr("the keychain did not answer within %1 s").arg(m_deadlineMs / 1000.0),
               QString(), true);
    });
    job->start();
}

void PasswordVault::probe()
{
    if (m_state != State::Unknown)
        return;
    setState(State::Probing);
    startJob(Op::Read, probeKey(), QString(), [this](int error, const QString &errorString, const QString &, bool) {
        const bool available = error == QKeychain::NoError || error == QKeychain::EntryNotFound;
        if (available)
            emit logMessage(LogLevel::Info, tr("Passwords are kept in the system keychain"));
        else
            emit logMessage(LogLevel::Warning,
                            tr("No keychain (%1): passwords are asked for on connect").arg(errorString));
        setState(available ? State::Available : State::Unavailable);
        std::vector<Job> waiting;
        waiting.swap(m_waiting);
        for (const Job &job : waiting)
            run(job);
    });
}

void PasswordVault::submit(Job job)
{
    switch (m_state) {
    case State::Unknown:
        m_waiting.push_back(std::move(job));
        probe();
        return;
    case State::Probing: m_waiting.push_back(std::move(job)); return;
    case State::Available:
    case State::Unavailable: run(job); return;
    }
}

void PasswordVault::run(const Job &job)
{
    if (m_state != State::Available) {
        // Asynchronous like any answer, so callers need not expect a reentrant call.
        QTimer::singleShot(0, this, [done = job.done] {
            if (done)
                done({ Result::Unavailable, QString(), tr("no keychain") });
        });
        return;
    }
    const Op op = job.op;
    startJob(op, job.key, job.password,
             [this, op, done = job.done](int error, const QString &errorString, const QString &data, bool timedOut) {
                 Result result;
                 if (timedOut) {
                     // A keychain that stops answering is one no longer there.
                     result = { Result::Unavailable, QString(), errorString };
                     emit logMessage(LogLevel::Warning, tr("Keychain: %1").arg(errorString));
                     setState(State::Unavailable);
                 } else if (error == QKeychain::NoError) {
                     result = { Result::Ok, op == Op::Read ? data : QString(), QString() };
                 } else if (error == QKeychain::EntryNotFound) {
                     // Removing what is not there leaves the keychain as asked.
                     result = { op == Op::Delete ? Result::Ok : Result::NotFound, QString(), errorString };
                 } else {
                     result = { Result::Failed, QString(), errorString };
                     emit logMessage(LogLevel::Warning, tr("Keychain: %1").arg(errorString));
                 }
                 if (done)
                     done(result);
             });
}

void PasswordVault::store(const QString &profileId, const QString &password, Done done)
{
    submit({ Op::Write, profileId, password, std::move(done) });
}

void PasswordVault::read(const QString &profileId, Done done)
{
    submit({ Op::Read, profileId, QString(), std::move(done) });
}

void PasswordVault::remove(const QString &profileId, Done done)
{
    submit({ Op::Delete, profileId, QString(), std::move(done) });
}

void PasswordVault::passwordFor(const ConnectionProfile &profile, Prompt prompt,
                                std::function<void(std::optional<QString>)> done)
{
    if (profile.user.isEmpty()) {
        QTimer::singleShot(0, this, [done] { done(QString()); });
        return;
    }
    auto ask = [prompt, done, profile] { done(prompt ? prompt(profile) : std::nullopt); };
    if (profile.id.isEmpty()) {
        QTimer::singleShot(0, this, ask);
        return;
    }
    read(profile.id, [ask, done](const Result &result) {
        if (result.status == Result::Ok)
            done(result.password);
        else
            ask();
    });
}

std::optional<QString> PasswordVault::askWithDialog(QWidget *parent, const ConnectionProfile &profile)
{
    QInputDialog dialog(parent);
    dialog.setWindowTitle(tr("Password"));
    dialog.setLabelText(tr("Password for %1 on %2:").arg(profile.user, profile.displayName()));
    dialog.setTextEchoMode(QLineEdit::Password);
    dialog.setAccessibleName(tr("Password for %1").arg(profile.displayName()));
    if (dialog.exec() != QDialog::Accepted)
        return std::nullopt;
    return dialog.textValue();
}

} // namespace Boxscope
