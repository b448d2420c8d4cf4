#pragma once

#include "Result.h"

#include <QByteArray>

namespace ncre {

// Authenticated encryption of personal data at rest (libsodium crypto_secretbox: XSalsa20-Poly1305) with a
// 32-byte key that lives in the OS keychain, never next to the data.
namespace SecretBox {

constexpr int kKeyBytes = 32;

QByteArray newKey();
// nonce || ciphertext; empty on failure (a key of the wrong size).
QByteArray seal(const QByteArray &plaintext, const QByteArray &key);
// The plaintext, or store.decrypt (wrong key, or the data was changed).
Result<QByteArray> open(const QByteArray &sealed, const QByteArray &key);

} // namespace SecretBox

} // namespace ncre
