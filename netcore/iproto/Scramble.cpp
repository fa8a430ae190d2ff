#include "iproto/Scramble.h"

#include <QCryptographicHash>

namespace Boxscope {

QByteArray chapSha1Scramble(const QByteArray &password, const QByteArray &salt)
{
    const QByteArray hash1 = QCryptographicHash::hash(password, QCryptographicHash::Sha1);
    const QByteArray hash2 = QCryptographicHash::hash(hash1, QCryptographicHash::Sha1);
    QCryptographicHash h(QCryptographicHash::Sha1);
    h.addData(salt.left(20));
    h.addData(hash2);
    QByteArray scramble = h.result();
    for (int i = 0; i < scramble.size(); ++i)
        scramble[i] = char(scramble[i] ^ hash1[i]);
    return scramble;
}

} // namespace Boxscope
