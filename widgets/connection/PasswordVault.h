#pragma once

#include "connection/ConnectionProfile.h"
#include "logging/Log.h"

#include <QObject>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

class QWidget;

namespace Boxscope {

/// Saved connections' passwords in the OS keychain (the Secret Service on Linux, through
/// qtkeychain), keyed by the profile's id under the service "Boxscope". Every job is
/// asynchronous and has a deadline: a keychain that does not answer in time counts as
/// unavailable, as does no keychain at all. Nothing is ever written anywhere else (qtkeychain's
/// insecure fallback to a settings file stays off): without a keychain the password is asked
/// for on each connect (passwordFor) and forgotten.
class PasswordVault : public QObject
{
    Q_OBJECT

public:
    enum class State {
        Unknown,    ///< not probed yet
        Probing,    ///< the probe is on its way
        Available,  ///< the keychain answered (a password or "no such entry")
        Unavailable ///< no keychain, an error, or no answer within the deadline
    };
    Q_ENUM(State)

    struct Result
    {
        enum Status {
            Ok,
            NotFound,    ///< the keychain has no password for that profile
            Unavailable, ///< no keychain answers (nothing was stored, read or removed)
            Failed       ///< the keychain answered with an error
        };
        Status status = Failed;
        QString password; ///< a read's password
        QString error;    ///< why, when not Ok
    };
    using Done = std::function<void(const Result &)>;
    /// Asks the user for a profile's password; nullopt: cancelled.
    using Prompt = std::function<std::optional<QString>(const ConnectionProfile &)>;

    static constexpr int kDefaultDeadlineMs = 5000;
    /// "Boxscope": the keychain entries' service name.
    static QString serviceName();
    /// The key the availability probe reads (never written).
    static QString probeKey();

    explicit PasswordVault(QObject *parent = nullptr);
    ~PasswordVault() override;

    void setDeadline(int ms) { m_deadlineMs = ms; }
    int deadline() const { return m_deadlineMs; }

    State state() const { return m_state; }
    bool isAvailable() const { return m_state == State::Available; }
    /// Reads probeKey() once (later calls do nothing): "entry not found" means the keychain
    /// is there; an error or no answer within the deadline means it is not. stateChanged
    /// tells the outcome. store/read/remove probe first by themselves.
    void probe();
    /// The sentence the connection dialog shows: which of keychain / asked-on-connect holds.
    QString statusText() const;

    void store(const QString &profileId, const QString &password, Done done = {});
    void read(const QString &profileId, Done done);
    void remove(const QString &profileId, Done done = {});

    /// The password to connect with: none for a guest profile (no user); the keychain's when
    /// it has one; otherwise what prompt returns (never stored). done(nullopt): cancelled.
    void passwordFor(const ConnectionProfile &profile, Prompt prompt, std::function<void(std::optional<QString>)> done);
    /// A modal password dialog for passwordFor's prompt.
    static std::optional<QString> askWithDialog(QWidget *parent, const ConnectionProfile &profile);

signals:
    void stateChanged(Boxscope::PasswordVault::State state);
    /// Keychain events for the log; never a password.
    void logMessage(Boxscope::LogLevel level, const QString &text);

private:
    enum class Op { Read, Write, Delete };
    struct Job
    {
        Op op;
        QString key;
        QString password;
        Done done;
    };
    using Answer = std::function<void(int error, const QString &errorString, const QString &data, bool timedOut)>;

    void submit(Job job);
    void run(const Job &job);
    void startJob(Op op, const QString &key, const QString &password, Answer answer);
    void setState(State state);

    State m_state = State::Unknown;
    int m_deadlineMs = kDefaultDeadlineMs;
    std::vector<Job> m_waiting; // until the probe has answered
};

} // namespace Boxscope
