#include "traffic/CaptureFileActions.h"

#include "traffic/IprotoFrameModel.h"
#include "traffic/IprotoView.h"

#include "client/Connection.h"
#include "client/IprotoCapture.h"
#include "client/PcapImport.h"
#include "client/PcapngWriter.h"
#include "common/Theme.h"
#include "sockets/ByteText.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace Boxscope {

CaptureFileActions::CaptureFileActions(IprotoView *view)
    : QObject(view)
    , m_view(view)
{
    m_savePcapng = new QAction(tr("Save the capture as pcapng…"), this);
    m_savePcapng->setObjectName(QStringLiteral("actionSavePcapng"));
    m_savePcapng->setStatusTip(tr("Write every kept frame as a pcapng file Wireshark opens"));
    m_copyHex = new QAction(tr("Copy the frame as a hex dump"), this);
    m_copyHex->setObjectName(QStringLiteral("actionCopyFrameHex"));
    m_copyHex->setStatusTip(tr("Offset, 16 bytes in hex and as ASCII a line"));
    m_copyCArray = new QAction(tr("Copy the frame as a C array"), this);
    m_copyCArray->setObjectName(QStringLiteral("actionCopyFrameCArray"));
    m_copyCArray->setStatusTip(tr("static const unsigned char frame_N[] = { … };"));

    auto *menu = new QMenu(view);
    menu->setAccessibleName(tr("Export menu of the IPROTO traffic"));
    menu->addAction(m_savePcapng);
    menu->addSeparator();
    menu->addAction(m_copyHex);
    menu->addAction(m_copyCArray);
    m_exportButton = new QToolButton(view);
    m_exportButton->setText(tr("Export"));
    m_exportButton->setToolTip(tr("Save the capture as pcapng, copy the selected frame"));
    m_exportButton->setAccessibleName(tr("Export the captured traffic"));
    m_exportButton->setPopupMode(QToolButton::InstantPopup);
    m_exportButton->setMenu(menu);
    m_importButton = new QPushButton(tr("Import…"), view);
    m_importButton->setToolTip(tr("Open a pcap or pcapng file of Tarantool traffic (tcpdump, Wireshark)"));
    m_importButton->setAccessibleName(tr("Import a pcap or pcapng capture"));

    connect(m_savePcapng, &QAction::triggered, this, [this] {
        const QString path = QFileDialog::getSaveFileName(
                m_view, tr("Save the capture"), QStringLiteral("iproto.pcapng"), tr("pcapng captures (*.pcapng)"));
        QString error;
        if (!path.isEmpty() && !savePcapng(path, &error))
            QMessageBox::warning(m_view, tr("Export"), tr("Could not write %1: %2").arg(path, error));
    });
    connect(m_copyHex, &QAction::triggered, this, &CaptureFileActions::copyHexDump);
    connect(m_copyCArray, &QAction::triggered, this, &CaptureFileActions::copyCArray);
    connect(m_importButton, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(m_view, tr("Import a capture"), QString(),
                                                          tr("Captures (*.pcap *.pcapng *.cap);;All files (*)"));
        QString error;
        if (!path.isEmpty() && !importFile(path, &error))
            QMessageBox::warning(m_view, tr("Import"), tr("Could not read %1: %2").arg(path, error));
    });
}

bool CaptureFileActions::savePcapng(const QString &path, QString *error) const
{
    IprotoCapture *capture = m_view->frames()->capture();
    QFile f(path);
    if (!capture || !f.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        if (error)
            *error = capture ? f.errorString() : tr("no capture");
        return false;
    }
    return PcapngWriter().write(*capture, &f, error);
}

bool CaptureFileActions::copyHexDump() const
{
    const CapturedFrame *f = m_view->currentFrame();
    if (!f)
        return false;
    QGuiApplication::clipboard()->setText(ByteText::hexDump(f->raw, f->raw.size()));
    return true;
}

bool CaptureFileActions::copyCArray() const
{
    const CapturedFrame *f = m_view->currentFrame();
    if (!f)
        return false;
    QGuiApplication::clipboard()->setText(cArray(f->raw, f->seq));
    return true;
}

QString CaptureFileActions::cArray(const QByteArray &bytes, quint64 seq)
{
    QString out = QStringLiteral("static const unsigned char frame_%1[] = {").arg(seq);
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        out += i % 12 == 0 ? QStringLiteral("\n    ") : QStringLiteral(" ");
        out += QStringLiteral("0x%1").arg(uchar(bytes[i]), 2, 16, QLatin1Char('0'));
        if (i + 1 < bytes.size())
            out += QLatin1Char(',');
    }
    out += QStringLiteral("\n};\n");
    return out;
}

QWidget *CaptureFileActions::importFile(const QString &path, QString *error)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        if (error)
            *error = f.errorString();
        return nullptr;
    }
    auto *window = new QWidget(m_view->window(), Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setObjectName(QStringLiteral("ImportedCapture"));
    window->setWindowTitle(tr("IPROTO traffic — %1").arg(QFileInfo(path).fileName()));
    auto *capture = new IprotoCapture(window);
    if (IprotoCapture *live = m_view->frames()->capture())
        capture->setLimits(live->maxFrames(), live->maxBytes());
    const PcapImport::Summary s = PcapImport::read(&f, capture);
    if (!s.ok && capture->frameCount() == 0 && s.packets == 0) {
        delete window;
        if (error)
            *error = s.error;
        return nullptr;
    }
    auto *summary = new QLabel(window);
    summary->setObjectName(QStringLiteral("importSummary"));
    summary->setAccessibleName(tr("What the import read"));
    summary->setWordWrap(true);
    summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QString text = QStringLiteral("%1: %2").arg(QFileInfo(path).fileName(), s.text());
    if (!s.ok)
        text += QLatin1Char('\n') + tr("The file is damaged: %1").arg(s.error);
    if (!s.problems.isEmpty())
        text += QLatin1Char('\n') + s.problems.mid(0, 5).join(QLatin1Char('\n'));
    summary->setText(text);
    summary->setToolTip(s.problems.join(QLatin1Char('\n')));
    if (!s.ok || s.gaps)
        Theme::setTextColor(summary, Theme::Color::Warning);
    auto *view = new IprotoView(capture, window);
    view->followBox()->setChecked(false);
    // Offline, "Show the request" is the request frame of the same TCP stream.
    connect(view, &IprotoView::syncActivated, view, [view, capture] {
        if (const CapturedFrame *frame = view->currentFrame())
            if (const CapturedFrame *request = capture->requestOf(*frame))
                view->selectFrame(request->seq);
    });
    auto *layout = new QVBoxLayout(window);
    layout->addWidget(summary);
    layout->addWidget(view, 1);
    window->resize(m_view->size().expandedTo(QSize(900, 600)));
    window->show();
    return window;
}

} // namespace Boxscope
