#pragma once

#include "msgpack/MpValue.h"

#include <QHash>
#include <QString>
#include <QStringList>

#include <vector>

namespace Boxscope {

/// Space and index names as the server's _vspace and _vindex list them (what the
/// connected user may see), tagged with the schema version they were read at.
class Schema
{
public:
    struct Index
    {
        uint32_t id = 0;
        QString name;
        QString type;
    };
    struct Space
    {
        uint32_t id = 0;
        QString name;
        QString engine;
        QStringList fieldNames;
        std::vector<Index> indexes;
    };

    bool isLoaded() const { return m_loaded; }
    uint64_t version() const { return m_version; }

    /// Replaces the content from _vspace and _vindex rows (arrays of tuples).
    void load(const MpValue &vspaceRows, const MpValue &vindexRows, uint64_t version);
    void clear();

    const Space *space(const QString &name) const;
    const Space *space(uint32_t id) const;
    /// -1 when unknown.
    int64_t indexId(uint32_t spaceId, const QString &indexName) const;
    QStringList spaceNames() const;
    QStringList indexNames(uint32_t spaceId) const;

private:
    bool m_loaded = false;
    uint64_t m_version = 0;
    QHash<uint32_t, Space> m_spaces;
    QHash<QString, uint32_t> m_byName;
};

} // namespace Boxscope
