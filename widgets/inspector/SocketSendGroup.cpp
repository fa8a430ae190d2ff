#include "inspector/SocketSendGroup.h"

#include "common/Theme.h"

#include "common/Fonts.h"
#include "sockets/ByteText.h"
#include "sockets/SocketSession.h"

#include <QComboBox>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace Boxscope {

SocketSendGroup::SocketSendGroup(SocketSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    const bool udp = session->kind() == SocketSession::Kind::Udp;
    createWidgets(udp);
    layOut(udp);

    connect(m_send, &QPushButton::clicked, this, &SocketSendGroup::sendFromForm);
    connect(m_sendText, &QLineEdit::returnPressed, this, &SocketSendGroup::sendFromForm);
    connect(m_sendFile, &QPushButton::clicked, this, &SocketSendGroup::chooseFileToSend);
    connect(m_reply, &QPushButton::clicked, this, &SocketSendGroup::replyToSender);
    connect(session, &SocketSession::datagramReceived, this, [this](const SocketChunk &d) {
        if (!d.peer.isValid() || d.peer.isUnix())
            return;
        m_lastSender = d.peer;
        // No destination chosen yet: answering the first sender is the likely next step.
        if (m_destPort->value() == 0)
            setDestination(d.peer);
        m_reply->setToolTip(tr("sendto %1").arg(d.peer.toString()));
        refresh();
    });
}

void SocketSendGroup::createWidgets(bool udp)
{
    m_sendText = new QLineEdit(this);
    m_sendText->setPlaceholderText(tr("Text with escapes (\\n, \\r\\n, \\xNN) or hex bytes"));
    m_sendText->setAccessibleName(tr("Data to send"));
    m_sendText->setFont(monospaceFont());
    m_sendMode = new QComboBox(this);
    m_sendMode->addItem(tr("Text"), TextMode);
    m_sendMode->addItem(tr("Hex"), HexMode);
    m_sendMode->setAccessibleName(tr("Send as"));
    m_lineEnding = new QComboBox(this);
    m_lineEnding->addItem(tr("no line ending"), int(ByteText::LineEnding::None));
    m_lineEnding->addItem(QStringLiteral("\\n"), int(ByteText::LineEnding::LF));
    m_lineEnding->addItem(QStringLiteral("\\r\\n"), int(ByteText::LineEnding::CRLF));
    m_lineEnding->addItem(QStringLiteral("\\r"), int(ByteText::LineEnding::CR));
    m_lineEnding->setAccessibleName(tr("Line ending"));
    m_destHost = new QLineEdit(QStringLiteral("127.0.0.1"), this);
    m_destHost->setAccessibleName(tr("Destination host"));
    m_destHost->setPlaceholderText(tr("host"));
    m_destPort = new QSpinBox(this);
    m_destPort->setRange(0, 65535);
    m_destPort->setAccessibleName(tr("Destination port"));
    m_send = new QPushButton(udp ? tr("sendto") : tr("Send"), this);
    m_send->setAccessibleName(tr("Send"));
    m_reply = new QPushButton(tr("Reply to sender"), this);
    m_reply->setAccessibleName(tr("Reply to the sender of the latest datagram"));
    m_reply->setToolTip(tr("No datagram received yet"));
    m_sendFile = new QPushButton(tr("Send file…"), this);
    m_sendFile->setAccessibleName(tr("Send a file"));
    m_sendError = new QLabel(this);
    Theme::setTextColor(m_sendError, Theme::Color::Error);
    m_sendError->setAccessibleName(tr("Send error"));
    m_sendError->hide();
}

void SocketSendGroup::layOut(bool udp)
{
    auto *sendRow = new QHBoxLayout;
    sendRow->addWidget(m_sendMode);
    sendRow->addWidget(m_sendText, 1);
    sendRow->addWidget(m_lineEnding);
    if (udp) {
        sendRow->addWidget(new QLabel(tr("to"), this));
        sendRow->addWidget(m_destHost);
        sendRow->addWidget(m_destPort);
    } else {
        m_destHost->hide();
        m_destPort->hide();
    }
    sendRow->addWidget(m_send);
    if (udp)
        sendRow->addWidget(m_reply);
    else
        m_reply->hide();
    sendRow->addWidget(m_sendFile);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(sendRow);
    layout->addWidget(m_sendError);
}

void SocketSendGroup::chooseFileToSend()
{
    const QString path = QFileDialog::getOpenFileName(this, tr("Send a file"));
    if (!path.isEmpty())
        sendFile(path);
}

void SocketSendGroup::showError(const QString &text)
{
    m_sendError->setText(text);
    m_sendError->show();
}

void SocketSendGroup::refresh()
{
    const bool open = m_session && m_session->state() != SocketSession::State::Closed;
    m_send->setEnabled(open);
    m_sendFile->setEnabled(open);
    m_reply->setEnabled(open && m_lastSender.isValid());
}

void SocketSendGroup::setDestination(const SocketAddress &peer)
{
    if (!peer.isValid() || peer.isUnix())
        return;
    m_destHost->setText(peer.host);
    m_destPort->setValue(peer.port);
}

bool SocketSendGroup::replyToSender()
{
    if (!m_lastSender.isValid()) {
        showError(tr("No datagram received yet: there is no sender to reply to"));
        return false;
    }
    setDestination(m_lastSender);
    return sendFromForm();
}

bool SocketSendGroup::sendFromForm()
{
    if (!m_session)
        return false;
    bool ok = true;
    QString error;
    QByteArray data = m_sendMode->currentData().toInt() == HexMode
            ? ByteText::fromHex(m_sendText->text(), &ok, &error)
            : ByteText::fromEscaped(m_sendText->text(), &ok, &error);
    if (!ok) {
        showError(error);
        return false;
    }
    data += ByteText::lineEnding(ByteText::LineEnding(m_lineEnding->currentData().toInt()));
    qint64 n;
    QString what;
    if (m_session->kind() == SocketSession::Kind::Udp) {
        n = m_session->sendTo(m_destHost->text().trimmed(), quint16(m_destPort->value()), data);
        what = tr("sendto %1:%2").arg(m_destHost->text().trimmed()).arg(m_destPort->value());
    } else {
        n = m_session->send(data);
        what = tr("send");
    }
    if (n < 0) {
        error = tr("%1 failed: %2").arg(what, m_session->lastError().toString());
        showError(error);
        emit logMessage(LogLevel::Error, error);
        emit refreshNeeded();
        return false;
    }
    m_sendError->hide();
    emit logMessage(LogLevel::Info, tr("%1: %n byte(s)", nullptr, int(n)).arg(what));
    return true;
}

bool SocketSendGroup::sendFile(const QString &path)
{
    if (!m_session)
        return false;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        const QString error = tr("Cannot read %1: %2").arg(path, f.errorString());
        showError(error);
        emit logMessage(LogLevel::Error, error);
        return false;
    }
    const QByteArray data = f.readAll();
    const qint64 n = m_session->kind() == SocketSession::Kind::Udp
            ? m_session->sendTo(m_destHost->text().trimmed(), quint16(m_destPort->value()), data)
            : m_session->send(data);
    if (n < 0) {
        const QString error =
                tr("Sending %1 failed: %2").arg(QFileInfo(path).fileName(), m_session->lastError().toString());
        showError(error);
        emit logMessage(LogLevel::Error, error);
        return false;
    }
    m_sendError->hide();
    emit logMessage(LogLevel::Info, tr("sent the file %1: %n byte(s)", nullptr, int(n)).arg(path));
    return true;
}

} // namespace Boxscope
