#pragma once

#include <QObject>
#include <QString>

class QAction;
class QLabel;
class QPushButton;
class QToolButton;
class QWidget;

namespace Boxscope {

class IprotoCapture;
class IprotoView;

/// The IPROTO view's file side: Export (the capture as a pcapng file Wireshark opens;
/// the selected frame to the clipboard as a hex dump or a C array) and Import (a pcap or
/// pcapng file of Tarantool traffic, decoded offline in a window of its own, where "Show the
/// request" selects the request frame of the same TCP stream).
class CaptureFileActions : public QObject
{
    Q_OBJECT
public:
    explicit CaptureFileActions(IprotoView *view);

    QToolButton *exportButton() const { return m_exportButton; }
    QPushButton *importButton() const { return m_importButton; }
    QAction *savePcapngAction() const { return m_savePcapng; }
    QAction *copyHexDumpAction() const { return m_copyHex; }
    QAction *copyCArrayAction() const { return m_copyCArray; }

    /// Writes the view's capture as pcapng.
    bool savePcapng(const QString &path, QString *error = nullptr) const;
    /// The selected frame's bytes to the clipboard; false when no frame is selected.
    bool copyHexDump() const;
    bool copyCArray() const;
    /// Opens a capture file in a new window (deleted when closed); nullptr and *error when the
    /// file cannot be read at all. The window's summary line says what was read and what not.
    QWidget *importFile(const QString &path, QString *error = nullptr);

    /// "static const unsigned char frame_7[] = {\n    0xce, ...\n};\n", 12 bytes a line.
    static QString cArray(const QByteArray &bytes, quint64 seq);

private:
    IprotoView *m_view;
    QToolButton *m_exportButton;
    QPushButton *m_importButton;
    QAction *m_savePcapng;
    QAction *m_copyHex;
    QAction *m_copyCArray;
};

} // namespace Boxscope
