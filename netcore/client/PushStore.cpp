#include "client/PushStore.h"

#include "msgpack/MpCodec.h"

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <new>
#include <utility>

#include <sys/mman.h>

namespace Boxscope {

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

PushStore::Block::Block(Block &&o) noexcept
    : data(std::exchange(o.data, nullptr))
    , size(std::exchange(o.size, 0))
    , capacity(std::exchange(o.capacity, 0))
{ }

PushStore::Block &PushStore::Block::operator=(Block &&o) noexcept
{
    if (this != &o) {
        std::free(data);
        data = std::exchange(o.data, nullptr);
        size = std::exchange(o.size, 0);
        capacity = std::exchange(o.capacity, 0);
    }
    return *this;
}

PushStore::Block::~Block()
{
    std::free(data);
}

const char *PushStore::data(size_t i) const
{
    const Entry &e = m_entries[i];
    return m_blocks[e.block - m_firstBlock].data + e.offset;
}

Push PushStore::at(size_t i) const
{
    const Entry &e = m_entries[i];
    Push p;
    p.value = MpCodec::decode(data(i), e.size).value;
    p.index = m_firstIndex + i;
    p.elapsedNs = e.elapsedNs;
    p.bytes = bytesAt(i);
    return p;
}

bool PushStore::stringAt(size_t i, QByteArrayView *out) const
{
    const auto *p = reinterpret_cast<const uchar *>(data(i));
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
    *out = QByteArrayView(data(i) + head, qsizetype(len));
    return true;
}

qint64 PushStore::append(const char *msgpack, size_t size, uint64_t index, qint64 elapsedNs)
{
    if (m_entries.empty()) {
        m_firstIndex = index;
        m_blocks.clear(); // nothing refers to the old blocks
        m_nextBlockBytes = kFirstBlockBytes;
    }
    // A block never moves or grows, so what points into it stays.
    if (m_blocks.empty() || m_blocks.back().capacity - m_blocks.back().size < size) {
        if (m_blocks.empty())
            m_firstBlock = 0;
        size_t bytes = std::max(m_nextBlockBytes, size);
        if (bytes > kLargestBlockBytes)
            bytes = (bytes + kLargestBlockBytes - 1) / kLargestBlockBytes * kLargestBlockBytes;
        m_blocks.emplace_back(bytes);
        m_nextBlockBytes = std::min(m_nextBlockBytes * 2, kLargestBlockBytes);
    }
    Block &block = m_blocks.back();
    const uint32_t offset = uint32_t(block.size);
    std::memcpy(block.data + block.size, msgpack, size);
    block.size += size;
    m_entries.push_back(Entry { uint32_t(m_firstBlock + m_blocks.size() - 1), offset, uint32_t(size), elapsedNs });
    return kEntryBytes + qint64(size);
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
        m_blocks.pop_front();
        ++m_firstBlock;
    }
}

void PushStore::clear()
{
    m_entries.clear();
    m_blocks.clear();
    m_firstBlock = 0;
    m_nextBlockBytes = kFirstBlockBytes;
}

} // namespace Boxscope
