#pragma once

#include <QByteArray>
#include <QString>

namespace ncre::server::Credentials {

enum class KdfProfile {
    Interactive, // libsodium's interactive limits: the default
    Minimal,     // Argon2id at its minimum cost, for tests and load benchmarks only (--kdf minimal)
};

bool initialize(); // sodium_init; false if libsodium cannot start
QString hashPassword(const QString &password, KdfProfile profile);
bool verifyPassword(const QString &hash, const QString &password);
// `bytes` random bytes, base64url without padding (16 bytes = 128 bits).
QByteArray randomToken(int bytes = 32);
// `count` decimal digits from libsodium's CSPRNG, uniformly distributed (randombytes_uniform).
QByteArray randomDigits(int count);

} // namespace ncre::server
