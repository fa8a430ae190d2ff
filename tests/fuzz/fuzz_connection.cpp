// The whole client engine on hostile bytes: a Connection speaks IPROTO over a device whose
// incoming bytes are the input (the greeting first), with requests of several kinds in flight
// and some pushes kept by count and by bytes. Whatever the server sends, every request ends
// exactly once (done or failed) or is still pending, nothing crashes, leaks or grows without
// bound (the decoded-bytes cap is set low so amplification shows).

#include "FuzzCheck.h"
#include "client/Connection.h"
#include "client/Request.h"

#include <QCoreApplication>
#include <QIODevice>

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>

using namespace Boxscope;

namespace {

// Hands out the input in chunks whose sizes come from its first byte; swallows what is written.
class ScriptedDevice : public QIODevice
{
public:
    ScriptedDevice(QByteArray in, int chunk)
        : m_in(std::move(in))
        , m_chunk(chunk)
    {
        open(QIODevice::ReadWrite);
    }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return qint64(m_in.size()) - m_pos + QIODevice::bytesAvailable(); }
    bool drained() const { return m_pos >= m_in.size(); }

protected:
    qint64 readData(char *data, qint64 max) override
    {
        const qint64 n = std::min<qint64>({ max, qint64(m_in.size()) - m_pos, qint64(m_chunk) });
        if (n <= 0)
            return 0;
        std::memcpy(data, m_in.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64 len) override { return len; }

private:
    QByteArray m_in;
    qint64 m_pos = 0;
    int m_chunk;
};

QCoreApplication *application()
{
    static int argc = 1;
    static char name[] = "fuzz_connection";
    static char *argv[] = { name, nullptr };
    static QCoreApplication app(argc, argv);
    return &app;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    application();
    if (size < 1)
        return 0;
    const int chunk = 1 + data[0] * 64; // 1 byte .. ~16 KiB per read
    ScriptedDevice device(QByteArray(reinterpret_cast<const char *>(data) + 1, qsizetype(size - 1)), chunk);
    {
        Connection c;
        ConnectOptions options;
        options.loadSchema = false;
        options.maxDecodedBytes = 4 * 1024 * 1024;
        c.setDefaultPushRetention(50);
        c.setDefaultPushRetentionBytes(64 * 1024);
        c.connectToDevice(&device, options);
        std::vector<Request *> requests = {
            c.call(QStringLiteral("f"), MpValue::array({ MpValue::uinteger(1) })),
            c.ping(),
            c.select(ObjectRef(512u), MpValue::array()),
            c.execute(QStringLiteral("SELECT 1"), MpValue::array()),
            c.eval(QStringLiteral("return ..."), MpValue::array()),
        };
        std::vector<int> finished(requests.size(), 0);
        for (size_t i = 0; i < requests.size(); ++i)
            QObject::connect(requests[i], &Request::finished, [&finished, i] { ++finished[i]; });
        for (int round = 0; round < 10000 && !device.drained(); ++round) {
            emit device.readyRead();
            QCoreApplication::processEvents();
        }
        QCoreApplication::processEvents();
        for (size_t i = 0; i < requests.size(); ++i) {
            FUZZ_CHECK(finished[i] <= 1, "request %zu finished %d times", i, finished[i]);
            FUZZ_CHECK(finished[i] == int(requests[i]->isFinished()), "request %zu: finished() %d, state %d", i,
                       finished[i], int(requests[i]->state()));
            FUZZ_CHECK(requests[i]->heldPushBytes() <= 64 * 1024, "request %zu holds %lld bytes of pushes", i,
                       (long long)requests[i]->heldPushBytes());
            FUZZ_CHECK(requests[i]->pushes().size() <= 50, "request %zu holds %zu pushes", i,
                       requests[i]->pushes().size());
        }
        c.disconnectFromServer();
        for (Request *r : requests)
            FUZZ_CHECK(r->isFinished(), "a request still pending after disconnect");
    }
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
    QCoreApplication::processEvents();
    return 0;
}
