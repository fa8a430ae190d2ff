#include "client/PushStore.h"

#include "msgpack/MpCodec.h"

#include <QDir>
#include <QFile>
#include <QStandardPaths>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace Boxscope {

namespace {
std::atomic<qint64> g_spillFrom { PushStore::kDefaultSpillFrom };
}

qint64 PushStore::spillFrom()
{
    return g_spillFrom.load(std::memory_order_relaxed);
}

void PushStore::setSpillFrom(qint64 bytes)
{
    g_spillFrom.store(bytes, std::memory_order_relaxed);
}

PushStore::Block::Block(size_t bytes)
    : capacity(bytes)
{
    if (bytes % kLargestBlockBytes == 0) {
        data = static_cast<char *>(std::aligned_alloc(kLargestBlockBytes, bytes));
#ifdef MADV_POPULATE_WRITE
        // One call faults the block in, instead of a trap per 4 KiB page as it fills (a hint:
        // an older kernel refuses it and the pages come one by one).
        if (data)
            ::madvise(data, bytes, MADV_POPULATE_WRITE);
#endif
    } else {
        data = static_cast<char *>(std::malloc(bytes));
    }
    if (!data)
        throw std::bad_alloc();
}

PushStore::Block::Block(char *spare)
    : data(spare)
    , capacity(kLargestBlockBytes)
{ }

PushStore::Block::Block(Block &&o) noexcept
    : data(std::exchange(o.data, nullptr))
    , size(std::exchange(o.size, 0))
    , capacity(std::exchange(o.capacity, 0))
    , fileOffset(std::exchange(o.fileOffset, -1))
{ }

PushStore::Block &PushStore::Block::operator=(Block &&o) noexcept
{
    if (this != &o) {
        std::free(data);
        data = std::exchange(o.data, nullptr);
        size = std::exchange(o.size, 0);
        capacity = std::exchange(o.capacity, 0);
        fileOffset = std::exchange(o.fileOffset, -1);
    }
    return *this;
}

PushStore::Block::~Block()
{
    std::free(data);
}

PushStore::~PushStore()
{
    clear();
}

// pread() or pwrite() until all `size` bytes have moved (EINTR retried); false on an error or
// the end of the file.
template<typename Io, typename Bytes>
static bool transferAll(Io io, int fd, Bytes *data, size_t size, qint64 offset)
{
    while (size > 0) {
        const ssize_t n = io(fd, data, size, off_t(offset));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            return false;
        data += n;
        size -= size_t(n);
        offset += n;
    }
    return true;
}

const char *PushStore::data(size_t i) const
{
    const Entry &e = m_entries[i];
    const Block &block = m_blocks[e.block - m_firstBlock];
    if (block.data)
        return block.data + e.offset;
    if (m_readBackBlock != e.block) {
        m_readBackBlock = UINT32_MAX;
        m_readBack.resize(qsizetype(block.size));
        if (!transferAll(::pread, m_fd, m_readBack.data(), block.size, block.fileOffset)) {
            m_readError = true;
            return nullptr;
        }
        m_readBackBlock = e.block;
    }
    return m_readBack.constData() + e.offset;
}

Push PushStore::at(size_t i) const
{
    const Entry &e = m_entries[i];
    Push p;
    if (const char *msgpack = data(i)) // else nil: the file could not be read back
        p.value = MpCodec::decode(msgpack, e.size).value;
    p.index = m_firstIndex + i;
    p.elapsedNs = e.elapsedNs;
    p.bytes = bytesAt(i);
    return p;
}

bool PushStore::stringAt(size_t i, QByteArrayView *out) const
{
    const auto *p = reinterpret_cast<const uchar *>(data(i));
    if (!p)
        return false;
    const size_t n = m_entries[i].size;
    size_t head = 0, len = 0;
    if (p[0] >= 0xa0 && p[0] <= 0xbf) {
        head = 1;
        len = p[0] & 0x1f;
    } else if (p[0] == 0xd9 && n >= 2) {
        head = 2;
        len = p[1];
    } else if (p[0] == 0xda && n >= 3) {
        head = 3;
        len = size_t(p[1]) << 8 | p[2];
    } else if (p[0] == 0xdb && n >= 5) {
        head = 5;
        len = size_t(p[1]) << 24 | size_t(p[2]) << 16 | size_t(p[3]) << 8 | p[4];
    } else {
        return false;
    }
    if (head + len != n) // a kept push is exactly one value
        return false;
    *out = QByteArrayView(reinterpret_cast<const char *>(p) + head, qsizetype(len));
    return true;
}

qint64 PushStore::append(const char *msgpack, size_t size, uint64_t index, qint64 elapsedNs)
{
    if (m_entries.empty()) {
        m_firstIndex = index;
        dropBlocks(); // nothing refers to the old blocks
    }
    // A block never moves or grows, so what points into it stays (until it goes to the file).
    if (m_blocks.empty() || m_blocks.back().capacity - m_blocks.back().size < size) {
        size_t bytes = std::max(m_nextBlockBytes, size);
        if (bytes > kLargestBlockBytes)
            bytes = (bytes + kLargestBlockBytes - 1) / kLargestBlockBytes * kLargestBlockBytes;
        addBlock(bytes, size);
        m_nextBlockBytes = std::min(m_nextBlockBytes * 2, kLargestBlockBytes);
    }
    Block &block = m_blocks.back();
    const uint32_t offset = uint32_t(block.size);
    std::memcpy(block.data + block.size, msgpack, size);
    block.size += size;
    m_memoryUsed += qint64(size);
    m_entries.push_back(Entry { uint32_t(m_firstBlock + m_blocks.size() - 1), offset, uint32_t(size), elapsedNs });
    return kEntryBytes + qint64(size);
}

void PushStore::addBlock(size_t bytes, size_t incoming)
{
    // Allocated first: when it throws, nothing has moved yet.
    Block block = bytes == kLargestBlockBytes && m_spare ? Block(std::exchange(m_spare, nullptr)) : Block(bytes);
    spillFor(incoming);
    m_blocks.push_back(std::move(block));
    m_memoryBytes += qint64(bytes);
}

void PushStore::spillFor(size_t incoming)
{
    const qint64 budget = spillFrom();
    if (budget < 0 || m_fileFailed)
        return;
    // Every block in memory is full here (a new one is being added), the newest too.
    while (m_memoryUsed + qint64(incoming) > budget && m_firstInMemory < m_blocks.size()) {
        Block &block = m_blocks[m_firstInMemory];
        // A 2 MiB block goes where a dropped one was, when there is such a place.
        const bool slot = block.capacity == kLargestBlockBytes && !m_freeSlots.empty();
        const qint64 at = slot ? m_freeSlots.back() : m_fileEnd;
        if (!openFile() || !transferAll(::pwrite, m_fd, static_cast<const char *>(block.data), block.size, at)) {
            m_fileFailed = true; // this block and the next stay in memory
            return;
        }
        if (slot)
            m_freeSlots.pop_back();
        else
            m_fileEnd += qint64(block.capacity == kLargestBlockBytes ? kLargestBlockBytes : block.size);
        block.fileOffset = at;
        m_spilledBytes += qint64(block.size);
        m_memoryUsed -= qint64(block.size);
        release(block);
        ++m_firstInMemory;
    }
}

void PushStore::release(Block &block)
{
    if (!block.data)
        return;
    m_memoryBytes -= qint64(block.capacity);
    if (block.capacity == kLargestBlockBytes && !m_spare)
        m_spare = std::exchange(block.data, nullptr);
    else
        std::free(std::exchange(block.data, nullptr));
}

bool PushStore::openFile()
{
    if (m_fd >= 0)
        return true;
    QStringList dirs;
    const QString cache = QStandardPaths::writableLocation(QStandardPaths::GenericCacheLocation);
    if (!cache.isEmpty())
        dirs << cache + QStringLiteral("/boxscope");
    dirs << QDir::tempPath();
    for (const QString &dir : std::as_const(dirs)) {
        if (!QDir().mkpath(dir))
            continue;
        const QByteArray path = QFile::encodeName(dir);
#ifdef O_TMPFILE
        m_fd = ::open(path.constData(), O_TMPFILE | O_RDWR | O_CLOEXEC, 0600);
        if (m_fd >= 0)
            return true;
#endif
        // No O_TMPFILE there: a file that is unlinked as soon as it exists.
        QByteArray name = path + "/boxscope-pushes-XXXXXX";
        m_fd = ::mkostemp(name.data(), O_CLOEXEC);
        if (m_fd >= 0) {
            ::unlink(name.constData());
            return true;
        }
    }
    return false;
}

void PushStore::dropFile()
{
    if (m_fd >= 0)
        ::close(m_fd);
    m_fd = -1;
    m_fileEnd = 0;
    m_fileFailed = false;
    m_spilledBytes = 0;
    m_freeSlots.clear();
    m_readBack = QByteArray();
    m_readBackBlock = UINT32_MAX;
}

void PushStore::dropBlocks()
{
    for (Block &block : m_blocks)
        release(block);
    m_blocks.clear();
    m_firstBlock = 0;
    m_firstInMemory = 0;
    m_memoryBytes = 0;
    m_memoryUsed = 0;
    m_nextBlockBytes = kFirstBlockBytes;
    std::free(std::exchange(m_spare, nullptr)); // an empty store holds nothing
    dropFile();
}

void PushStore::popFront()
{
    if (m_entries.empty())
        return;
    m_entries.pop_front();
    ++m_firstIndex;
    // Blocks before the new oldest entry's are free (all of them when none is left).
    const uint32_t keep = m_entries.empty() ? m_firstBlock + uint32_t(m_blocks.size()) : m_entries.front().block;
    while (m_firstBlock < keep && !m_blocks.empty()) {
        Block &block = m_blocks.front();
        if (block.data) {
            m_memoryUsed -= qint64(block.size);
            release(block);
        } else if (block.fileOffset >= 0) {
            m_spilledBytes -= qint64(block.size);
            // Its place is reused by the next 2 MiB block that goes to the file (a file system
            // without hole punching would otherwise grow with the flood, not with what is kept).
            if (block.capacity == kLargestBlockBytes)
                m_freeSlots.push_back(block.fileOffset);
#ifdef FALLOC_FL_PUNCH_HOLE
            // The disk space back meanwhile (a hint).
            ::fallocate(m_fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, off_t(block.fileOffset), off_t(block.size));
#endif
            if (m_firstInMemory > 0)
                --m_firstInMemory;
            if (m_firstInMemory == 0) { // nothing left in the file to read back
                m_readBack = QByteArray();
                m_readBackBlock = UINT32_MAX;
            }
        }
        if (m_readBackBlock == m_firstBlock)
            m_readBackBlock = UINT32_MAX;
        m_blocks.pop_front();
        ++m_firstBlock;
    }
    if (m_entries.empty())
        dropBlocks();
}

void PushStore::clear()
{
    m_entries.clear();
    dropBlocks();
}

} // namespace Boxscope
