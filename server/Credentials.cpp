#include "Credentials.h"

#include <sodium.h>

namespace ncre::server::Credentials {

bool initialize()
{
    return sodium_init() >= 0;
}

QString hashPassword(const QString &password, KdfProfile profile)
{
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    const unsigned long long ops
        = profile == KdfProfile::Minimal ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    const size_t mem = profile == KdfProfile::Minimal ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    if (crypto_pwhash_str_alg(out, utf8.constData(), size_t(utf8.size()), ops, mem, crypto_pwhash_ALG_ARGON2ID13) != 0)
        return {};
    return QString::fromLatin1(out);
}

bool verifyPassword(const QString &hash, const QString &password)
{
    const QByteArray h = hash.toLatin1();
    const QByteArray p = password.toUtf8();
    return crypto_pwhash_str_verify(h.constData(), p.constData(), size_t(p.size())) == 0;
}

QByteArray randomToken(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    randombytes_buf(raw.data(), size_t(raw.size()));
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

QByteArray randomDigits(int count)
{
    QByteArray digits(count, Qt::Uninitialized);
    for (char &d : digits)
        d = char('0' + randombytes_uniform(10));
    return digits;
}

} // namespace ncre::server::Credentials
