#pragma once

#include "msgpack/MpValue.h"

#include <QByteArray>
#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <deque>
#include <iterator>
#include <vector>

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
///
/// Past a memory budget (spillFrom(), 96 MiB of pushes by default: above a request's default
/// byte cap, so with the default caps nothing reaches the file), the oldest full blocks go to
/// a file and are read back a block at a time when asked for: a request that keeps a flood with
/// its caps lifted holds the newest pushes in memory and the rest on disk, not all of it in the
/// process. The file has no name (O_TMPFILE, mode 0600, in the user's cache directory, else the
/// temporary one): nothing else can open it, and it is gone when the store is, or the process.
/// A block the file cannot take (no space, no such file system) stays in memory.
class PushStore
{
public:
    /// What an entry costs besides its bytes (counted in Push::bytes and the byte caps).
    static constexpr qint64 kEntryBytes = 24;
    /// The default of spillFrom().
    static constexpr qint64 kDefaultSpillFrom = 96 * 1024 * 1024;

    /// The bytes of pushes a store keeps in memory before it writes its oldest blocks to its
    /// file; negative: never. For every store of the process, from their next block on.
    static qint64 spillFrom();
    static void setSpillFrom(qint64 bytes);

    PushStore() = default;
    ~PushStore();
    PushStore(const PushStore &) = delete;
    PushStore &operator=(const PushStore &) = delete;

    size_t size() const { return m_entries.size(); }
    bool empty() const { return m_entries.empty(); }
    /// The push at position i (0: the oldest kept), decoded.
    Push at(size_t i) const;
    Push operator[](size_t i) const { return at(i); }
    Push front() const { return at(0); }
    Push back() const { return at(size() - 1); }
    /// The msgpack of push i, valid until the store changes or, for a push in the file, until
    /// the next read of a push in another block (one block is read back at a time). nullptr
    /// only when the file cannot be read back.
    const char *data(size_t i) const;
    size_t dataSize(size_t i) const { return m_entries[i].size; }
    /// When push i is a string: its bytes read in place (no copy, valid as data()'s); false for
    /// any other type.
    bool stringAt(size_t i, QByteArrayView *out) const;
    uint64_t indexAt(size_t i) const { return m_firstIndex + i; }
    qint64 elapsedNsAt(size_t i) const { return m_entries[i].elapsedNs; }
    qint64 bytesAt(size_t i) const { return kEntryBytes + qint64(m_entries[i].size); }

    /// Keeps a push given as one msgpack value (checked by the caller); its index is the one
    /// after the newest kept (or `index` for the first). Returns what it costs.
    qint64 append(const char *msgpack, size_t size, uint64_t index, qint64 elapsedNs);
    void popFront();
    void clear();

    /// The bytes of blocks in memory, and of the pushes in the file. The budget counts the
    /// pushes' bytes in memory (memoryUsedBytes()), as the byte caps do.
    qint64 memoryBytes() const { return m_memoryBytes; }
    qint64 memoryUsedBytes() const { return m_memoryUsed; }
    qint64 spilledBytes() const { return m_spilledBytes; }
    /// Set once a push could not be read back from the file (at() gave nil, data() nullptr):
    /// an export says so instead of writing what it could not read.
    bool hadReadError() const { return m_readError; }

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
        char *data = nullptr; ///< nullptr once in the file
        size_t size = 0;
        size_t capacity = 0;
        qint64 fileOffset = -1; ///< where it is in the file, once there
        Block() = default;
        explicit Block(size_t capacity);
        explicit Block(char *spare); ///< a largest block's buffer again
        Block(Block &&o) noexcept;
        Block &operator=(Block &&o) noexcept;
        Block(const Block &) = delete;
        Block &operator=(const Block &) = delete;
        ~Block();
    };
    static constexpr size_t kFirstBlockBytes = 4 * 1024;
    static constexpr size_t kLargestBlockBytes = 2 * 1024 * 1024;

    void addBlock(size_t bytes, size_t incoming);
    /// Writes the oldest full blocks still in memory to the file until `incoming` more bytes of
    /// pushes fit the budget.
    void spillFor(size_t incoming);
    bool openFile();
    void dropFile();
    void dropBlocks(); ///< every block, and the file
    /// Frees, or keeps as the spare, a largest block's buffer.
    void release(Block &block);

    std::deque<Entry> m_entries;
    std::deque<Block> m_blocks;
    size_t m_nextBlockBytes = kFirstBlockBytes;
    uint32_t m_firstBlock = 0;
    uint64_t m_firstIndex = 0;
    qint64 m_memoryBytes = 0; ///< blocks' capacity in memory
    qint64 m_memoryUsed = 0;  ///< pushes' bytes in memory (the budget's measure)
    qint64 m_spilledBytes = 0;
    mutable bool m_readError = false;
    std::vector<qint64> m_freeSlots; ///< where dropped 2 MiB blocks were in the file, for reuse

    int m_fd = -1;
    qint64 m_fileEnd = 0;
    bool m_fileFailed = false;  ///< spilling stopped: blocks stay in memory
    size_t m_firstInMemory = 0; ///< blocks before it (positions in m_blocks) are in the file
    char *m_spare = nullptr;    ///< a freed largest block, reused before a new one is faulted in
    // The block read back last (reads are const).
    mutable QByteArray m_readBack;
    mutable uint32_t m_readBackBlock = UINT32_MAX;
};

} // namespace Boxscope
