#include "SecretBox.h"

#include <sodium.h>

namespace ncre::SecretBox {

namespace {
bool ready()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}
} // namespace

QByteArray newKey()
{
    QByteArray key(kKeyBytes, Qt::Uninitialized);
    if (ready())
        crypto_secretbox_keygen(reinterpret_cast<unsigned char *>(key.data()));
    return key;
}

QByteArray seal(const QByteArray &plaintext, const QByteArray &key)
{
    if (!ready() || key.size() != crypto_secretbox_KEYBYTES)
        return {};
    QByteArray out(int(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES) + plaintext.size(), Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES,
                          reinterpret_cast<const unsigned char *>(plaintext.constData()),
                          static_cast<unsigned long long>(plaintext.size()), nonce,
                          reinterpret_cast<const unsigned char *>(key.constData()));
    return out;
}

Result<QByteArray> open(const QByteArray &sealed, const QByteArray &key)
{
    const qsizetype overhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (!ready() || key.size() != crypto_secretbox_KEYBYTES || sealed.size() < overhead)
        return Error(ErrorCode::StoreDecrypt, {}, QStringLiteral("not a sealed box"));
    QByteArray plain(sealed.size() - overhead, Qt::Uninitialized);
    const auto *nonce = reinterpret_cast<const unsigned char *>(sealed.constData());
    if (crypto_secretbox_open_easy(reinterpret_cast<unsigned char *>(plain.data()), nonce + crypto_secretbox_NONCEBYTES,
                                   static_cast<unsigned long long>(sealed.size() - crypto_secretbox_NONCEBYTES), nonce,
                                   reinterpret_cast<const unsigned char *>(key.constData()))
        != 0)
        return Error(ErrorCode::StoreDecrypt, {}, QStringLiteral("authentication failed"));
    return plain;
}

QByteArray passwordVerifier(const QString &password)
{
    if (!ready())
        return {};
    const QByteArray utf8 = password.toUtf8();
    char out[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(out, utf8.constData(), quint64(utf8.size()), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                          crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
        return {};
    return QByteArray(out);
}

bool verifyPassword(const QByteArray &verifier, const QString &password)
{
    if (!ready() || verifier.isEmpty() || verifier.size() >= crypto_pwhash_STRBYTES)
        return false;
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(verifier.constData(), utf8.constData(), quint64(utf8.size())) == 0;
}

} // namespace ncre::SecretBox
