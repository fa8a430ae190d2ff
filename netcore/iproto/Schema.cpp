#include "iproto/Schema.h"

#include <algorithm>

namespace Boxscope {

void Schema::clear()
{
    m_loaded = false;
    m_version = 0;
    m_spaces.clear();
    m_byName.clear();
}

// _vspace tuple: [id, owner, name, engine, field_count, flags, format]
// _vindex tuple: [space_id, index_id, name, type, opts, parts]
void Schema::load(const MpValue &vspaceRows, const MpValue &vindexRows, uint64_t version)
{
    clear();
    for (const MpValue &row : vspaceRows.items()) {
        if (!row.isArray() || row.size() < 3)
            continue;
        bool ok = false;
        const uint64_t id = row.at(0).toUInt64(&ok);
        if (!ok || !row.at(2).isStr())
            continue;
        Space s;
        s.id = uint32_t(id);
        s.name = row.at(2).toQString();
        if (row.size() > 3 && row.at(3).isStr())
            s.engine = row.at(3).toQString();
        if (row.size() > 6 && row.at(6).isArray()) {
            for (const MpValue &field : row.at(6).items()) {
                const MpValue *name = field.find("name");
                s.fieldNames << (name && name->isStr() ? name->toQString() : QString());
            }
        }
        m_byName.insert(s.name, s.id);
        m_spaces.insert(s.id, std::move(s));
    }
    for (const MpValue &row : vindexRows.items()) {
        if (!row.isArray() || row.size() < 4)
            continue;
        bool ok1 = false, ok2 = false;
        const uint64_t spaceId = row.at(0).toUInt64(&ok1);
        const uint64_t indexId = row.at(1).toUInt64(&ok2);
        auto it = m_spaces.find(uint32_t(spaceId));
        if (!ok1 || !ok2 || it == m_spaces.end() || !row.at(2).isStr())
            continue;
        it->indexes.push_back(Index { uint32_t(indexId), row.at(2).toQString(), row.at(3).toQString() });
    }
    for (Space &s : m_spaces)
        std::sort(s.indexes.begin(), s.indexes.end(), [](const Index &a, const Index &b) { return a.id < b.id; });
    m_version = version;
    m_loaded = true;
}

const Schema::Space *Schema::space(const QString &name) const
{
    auto it = m_byName.find(name);
    return it == m_byName.end() ? nullptr : space(*it);
}

const Schema::Space *Schema::space(uint32_t id) const
{
    auto it = m_spaces.find(id);
    return it == m_spaces.end() ? nullptr : &*it;
}

int64_t Schema::indexId(uint32_t spaceId, const QString &indexName) const
{
    const Space *s = space(spaceId);
    if (!s)
        return -1;
    for (const Index &i : s->indexes) {
        if (i.name == indexName)
            return i.id;
    }
    return -1;
}

QStringList Schema::spaceNames() const
{
    QStringList names = m_byName.keys();
    names.sort();
    return names;
}

QStringList Schema::indexNames(uint32_t spaceId) const
{
    QStringList names;
    if (const Space *s = space(spaceId)) {
        for (const Index &i : s->indexes)
            names << i.name;
    }
    return names;
}

} // namespace Boxscope
