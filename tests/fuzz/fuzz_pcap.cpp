// PcapImport on an arbitrary file: a pcap or pcapng of hostile packets (link layers, IP, TCP
// sequence numbers, IPROTO bytes) read into an IprotoCapture with small caps. Nothing crashes
// or grows past the caps, and the file read from a sequential device that hands out one byte
// at a time gives the same frames and the same summary as the file read at once.
//
// Input: the file.

#include "FuzzCheck.h"
#include "client/IprotoCapture.h"
#include "client/PcapImport.h"

#include <QBuffer>

#include <cstddef>
#include <cstdint>

using namespace Boxscope;

namespace {

// A sequential device that returns at most one byte per read.
class TrickleDevice : public QIODevice
{
public:
    explicit TrickleDevice(QByteArray in)
        : m_in(std::move(in))
    {
        open(QIODevice::ReadOnly | QIODevice::Unbuffered);
    }
    bool isSequential() const override { return true; }
    bool atEnd() const override { return m_pos >= m_in.size(); }
    qint64 bytesAvailable() const override { return qint64(m_in.size()) - m_pos; }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        if (m_pos >= m_in.size())
            return max > 0 ? -1 : 0;
        if (max <= 0)
            return 0;
        data[0] = m_in[m_pos++];
        return 1;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_in;
    qsizetype m_pos = 0;
};

struct Outcome
{
    PcapImport::Summary summary;
    QByteArray frames;
};

Outcome import(QIODevice *device)
{
    IprotoCapture capture;
    capture.setLimits(64, 64 * 1024);
    capture.setMaxFrameSize(16 * 1024);
    Outcome o;
    o.summary = PcapImport::read(device, &capture);
    FUZZ_CHECK(capture.frameCount() <= 64, "%lld frames kept", (long long)capture.frameCount());
    FUZZ_CHECK(o.summary.ok == o.summary.error.isEmpty(), "ok %d, error '%s'", int(o.summary.ok),
               qPrintable(o.summary.error));
    FUZZ_CHECK(o.summary.problems.size() <= 100, "%lld problems", (long long)o.summary.problems.size());
    for (const CapturedFrame &f : capture.frames()) {
        o.frames += QByteArray::number(f.stream) + (f.direction == CapturedFrame::Direction::Sent ? '>' : '<');
        o.frames += f.raw;
        FUZZ_CHECK(f.stream >= 1 && f.stream <= o.summary.streams, "stream %u of %llu", f.stream,
                   (unsigned long long)o.summary.streams);
        if (f.direction == CapturedFrame::Direction::Received)
            (void)capture.requestOf(f);
    }
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QBuffer whole(&bytes);
    whole.open(QIODevice::ReadOnly);
    const Outcome a = import(&whole);
    TrickleDevice trickle(bytes);
    const Outcome b = import(&trickle);
    FUZZ_CHECK(a.frames == b.frames, "frames differ when read byte by byte");
    FUZZ_CHECK(a.summary.text() == b.summary.text(), "'%s' vs '%s'", qPrintable(a.summary.text()),
               qPrintable(b.summary.text()));
    FUZZ_CHECK(a.summary.error == b.summary.error, "'%s' vs '%s'", qPrintable(a.summary.error),
               qPrintable(b.summary.error));
    return 0;
}
