#pragma once

#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>

namespace Boxscope {

/// One push (IPROTO_CHUNK) received for a request.
struct Push
{
    MpValue value;        ///< the pushed value (the CHUNK's DATA[0])
    uint64_t index = 0;   ///< 1-based, in arrival order
    qint64 elapsedNs = 0; ///< since the request was sent
    qint64 bytes = 0;     ///< what keeping it costs (PushStore::kEntryBytes + its msgpack)
};

/// The pushes a request keeps, as their msgpack in blocks and one 24-byte entry each (the byte
/// caps count those; a partly filled block's rest is not counted):
/// a value is decoded when it is read (at(), iteration), so a flood of 200 000 small pushes
/// costs about 8 MB instead of a tree node, a heap string and a deque slot per push.
///
/// Kept pushes are consecutive (only the oldest are dropped), so index() is the first's index
/// plus the position. Reading gives Push values (decoded copies), never references.
class PushStore
{
public:
    /// What an entry costs besides its bytes (counted in Push::bytes and the byte caps).
    static constexpr qint64 kEntryBytes = 24;

    size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    /// The push at position i (0: the oldest kept), decoded.
    Push at(size_t i) const;
    Push operator[](size_t i) const { return at(i); }
    Push front() const { return at(0); }
    Push back() const { return at(size() - 1); }
    /// The msgpack of push i, valid until the store changes.
    const char *data(size_t i) const;
    size_t dataSize(size_t i) const { return m_entries[i].size; }
    /// When push i is a string: its bytes read in place (no copy, valid until the store
    /// changes); false for any other type.
    bool stringAt(size_t i, QByteArrayView *out) const;
    uint64_t indexAt(size_t i) const { return m_firstIndex + i; }
    qint64 elapsedNsAt(size_t i) const { return m_entries[i].elapsedNs; }
    qint64 bytesAt(size_t i) const { return kEntryBytes + qint64(m_entries[i].size); }

    /// Keeps a push given as one msgpack value (checked by the caller); its index is the one
    /// after the newest kept (or `index` for the first). Returns what it costs.
    qint64 append(const char *msgpack, size_t size, uint64_t index, qint64 elapsedNs);
    void popFront();
    void clear();

    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = Push;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = Push;
        const_iterator(const PushStore *store, size_t i)
            : m_store(store)
            , m_i(i)
        { }
        Push operator*() const { return m_store->at(m_i); }
        const_iterator &operator++()
        {
            ++m_i;
            return *this;
        }
        bool operator==(const const_iterator &o) const { return m_i == o.m_i; }
        bool operator!=(const const_iterator &o) const { return m_i != o.m_i; }
        size_t position() const { return m_i; }

    private:
        const PushStore *m_store;
        size_t m_i;
    };
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, size()); }

private:
    struct Entry
    {
        uint32_t block; ///< its block's number (m_firstBlock is the oldest's)
        uint32_t offset;
        uint32_t size;
        qint64 elapsedNs;
    };
    /// Blocks grow from 4 KiB to 2 MiB as a request keeps more (a request with a few pushes
    /// costs a few KiB; growth starts over when the store empties); the 2 MiB ones are aligned
    /// and prefaulted in one madvise(MADV_POPULATE_WRITE) instead of a trap per 4 KiB page.
    struct Block
    {
        char *data = nullptr;
        size_t size = 0;
        size_t capacity = 0;
        Block() = default;
        explicit Block(size_t capacity);
        Block(Block &&o) noexcept;
        Block &operator=(Block &&o) noexcept;
        Block(const Block &) = delete;
        Block &operator=(const Block &) = delete;
        ~Block();
    };
    static constexpr size_t kFirstBlockBytes = 4 * 1024;
    static constexpr size_t kLargestBlockBytes = 2 * 1024 * 1024;

    std::deque<Entry> m_entries;
    std::deque<Block> m_blocks;
    size_t m_nextBlockBytes = kFirstBlockBytes;
    uint32_t m_firstBlock = 0;
    uint64_t m_firstIndex = 0;
};

} // namespace Boxscope
