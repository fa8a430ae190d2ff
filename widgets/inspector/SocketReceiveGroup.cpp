#include "inspector/SocketReceiveGroup.h"

#include "common/Fonts.h"
#include "inspector/SocketReadResults.h"
#include "sockets/ByteText.h"
#include "sockets/SocketResult.h"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

#include <cerrno>

namespace Boxscope {

SocketReceiveGroup::SocketReceiveGroup(SocketSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    createWidgets();
    layOut(session->kind() == SocketSession::Kind::Udp);
    // Created after the form: it comes after it in the tab order wherever the page places it.
    m_results = new SocketReadResults(this);

    m_followTimer.setSingleShot(true);
    m_followTimer.setInterval(16);
    connect(&m_followTimer, &QTimer::timeout, this, &SocketReceiveGroup::flushFollow);
    connectForm();
    connectSession(session);
}

void SocketReceiveGroup::createWidgets()
{
    m_limit = new QSpinBox(this);
    m_limit->setRange(-1, 256 * 1024 * 1024);
    m_limit->setValue(-1);
    m_limit->setSpecialValueText(tr("no limit"));
    m_limit->setAccessibleName(tr("Read limit"));
    m_limit->setToolTip(tr("read(limit): at most this many bytes"));
    m_delimiter = new QLineEdit(this);
    m_delimiter->setPlaceholderText(tr("delimiter, e.g. \\n"));
    m_delimiter->setAccessibleName(tr("Read delimiter"));
    m_delimiter->setFont(monospaceFont());
    m_readTimeout = new QDoubleSpinBox(this);
    m_readTimeout->setRange(0, 86400);
    m_readTimeout->setDecimals(3);
    m_readTimeout->setSuffix(tr(" s"));
    m_readTimeout->setSpecialValueText(tr("no timeout"));
    m_readTimeout->setAccessibleName(tr("Read timeout"));
    m_read = new QPushButton(tr("Read"), this);
    m_read->setAccessibleName(tr("Read"));
    m_cancelReads = new QPushButton(tr("Cancel reads"), this);
    m_cancelReads->setAccessibleName(tr("Cancel pending reads"));
    m_follow = new QCheckBox(tr("Follow"), this);
    m_follow->setAccessibleName(tr("Follow: show everything as it arrives"));
    m_recvFrom = new QPushButton(tr("recvfrom"), this);
    m_recvFrom->setAccessibleName(tr("Receive a datagram"));
}

void SocketReceiveGroup::layOut(bool udp)
{
    auto *readRow = new QHBoxLayout(this);
    readRow->setContentsMargins(0, 0, 0, 0);
    if (udp) {
        m_limit->hide();
        m_delimiter->hide();
        m_readTimeout->hide();
        m_read->hide();
        m_cancelReads->hide();
        readRow->addWidget(m_recvFrom);
    } else {
        m_recvFrom->hide();
        readRow->addWidget(new QLabel(tr("limit"), this));
        readRow->addWidget(m_limit);
        readRow->addWidget(new QLabel(tr("delimiter"), this));
        readRow->addWidget(m_delimiter, 1);
        readRow->addWidget(new QLabel(tr("timeout"), this));
        readRow->addWidget(m_readTimeout);
        readRow->addWidget(m_read);
        readRow->addWidget(m_cancelReads);
    }
    readRow->addWidget(m_follow);
    if (udp)
        readRow->addStretch(1);
}

void SocketReceiveGroup::connectForm()
{
    connect(m_read, &QPushButton::clicked, this, &SocketReceiveGroup::readFromForm);
    connect(m_cancelReads, &QPushButton::clicked, this, [this] {
        if (m_session)
            m_session->cancelReads();
    });
    connect(m_recvFrom, &QPushButton::clicked, this, [this] {
        if (!receiveDatagram())
            addResult(QStringLiteral("recvfrom"), SocketResult::error(EAGAIN));
    });
    connect(m_follow, &QCheckBox::toggled, this, &SocketReceiveGroup::setFollow);
}

void SocketReceiveGroup::connectSession(SocketSession *session)
{
    connect(session, &SocketSession::readFinished, this, [this](const SocketResult &r) {
        const QString request = m_readLabels.take(r.id);
        addResult(request, r);
        emit logMessage(r.status == SocketResult::Status::Error        ? LogLevel::Error
                                : r.status == SocketResult::Status::Ok ? LogLevel::Info
                                                                       : LogLevel::Warning,
                        tr("%1 → %2, %n byte(s)", nullptr, int(r.data.size())).arg(request, r.toString()));
    });
    connect(session, &SocketSession::followData, this, [this](const QByteArray &data) {
        m_followPending += data;
        if (!m_followTimer.isActive())
            m_followTimer.start();
    });
    connect(session, &SocketSession::datagramReceived, this, [this](const SocketChunk &d) {
        emit logMessage(LogLevel::Info,
                        tr("datagram of %n byte(s) from %1", nullptr, int(d.data.size())).arg(d.peer.toString()));
        if (m_follow->isChecked())
            while (receiveDatagram()) { }
    });
    connect(session, &SocketSession::eofReached, this, [this] {
        emit logMessage(LogLevel::Warning, tr("peer closed its side (EOF)"));
        flushFollow();
        if (m_follow->isChecked())
            addResult(tr("follow"), SocketResult::eof());
        emit refreshNeeded();
    });
}

void SocketReceiveGroup::setFollow(bool on)
{
    if (!m_session)
        return;
    m_session->setFollow(on);
    emit logMessage(LogLevel::Info, on ? tr("follow on") : tr("follow off"));
    if (on && m_session->kind() == SocketSession::Kind::Udp)
        while (receiveDatagram()) { }
}

void SocketReceiveGroup::refresh()
{
    m_read->setEnabled(m_session
                       && (m_session->state() != SocketSession::State::Closed || m_session->bytesAvailable() > 0));
}

QString SocketReceiveGroup::describeRead(const SocketSession::ReadSpec &spec)
{
    // As the call would be written: read(5), read('\n'), read({limit = 5, delimiter = '\n'}).
    const QString delimiter = QStringLiteral("'%1'").arg(ByteText::toEscaped(spec.delimiter));
    QString args;
    if (spec.limit >= 0 && !spec.delimiter.isEmpty())
        args = QStringLiteral("{limit = %1, delimiter = %2}").arg(spec.limit).arg(delimiter);
    else if (spec.limit >= 0)
        args = QString::number(spec.limit);
    else if (!spec.delimiter.isEmpty())
        args = delimiter;
    if (spec.timeoutMs >= 0)
        args += (args.isEmpty() ? QString() : QStringLiteral(", ")) + QString::number(spec.timeoutMs / 1000.0);
    return QStringLiteral("read(%1)").arg(args);
}

quint64 SocketReceiveGroup::readFromForm()
{
    if (!m_session)
        return 0;
    bool ok = true;
    QString error;
    SocketSession::ReadSpec spec;
    spec.limit = m_limit->value();
    spec.delimiter = ByteText::fromEscaped(m_delimiter->text(), &ok, &error);
    if (!ok) {
        emit formError(tr("Delimiter: %1").arg(error));
        return 0;
    }
    const double t = m_readTimeout->value();
    spec.timeoutMs = t > 0 ? int(t * 1000) : -1;
    const quint64 id = m_session->read(spec);
    m_readLabels.insert(id, describeRead(spec));
    emit refreshNeeded();
    return id;
}

bool SocketReceiveGroup::receiveDatagram()
{
    if (!m_session)
        return false;
    SocketChunk d;
    if (!m_session->recvFrom(&d))
        return false;
    addResult(QStringLiteral("recvfrom"), SocketResult::ok(d.data),
              tr("from %1 (%2, port %3)").arg(d.peer.host, d.peer.family).arg(d.peer.port));
    return true;
}

void SocketReceiveGroup::flushFollow()
{
    m_followTimer.stop();
    if (m_followPending.isEmpty())
        return;
    addResult(tr("follow"), SocketResult::ok(m_followPending));
    m_followPending.clear();
}

void SocketReceiveGroup::addResult(const QString &request, const SocketResult &result, const QString &extra)
{
    m_results->add(request, result, extra);
    emit refreshNeeded();
}

} // namespace Boxscope
