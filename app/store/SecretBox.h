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

// A verifier of the account password, kept so that the documents kept for exam day open without the server: the
// libsodium crypto_pwhash_str string (Argon2id, salt and limits inside; OPSLIMIT/MEMLIMIT_INTERACTIVE, ~64 MiB and
// some 100 ms: run it off the GUI thread). Empty on failure (out of memory).
QByteArray passwordVerifier(const QString &password);
// True when `password` is the one `verifier` was made from (crypto_pwhash_str_verify; constant time).
bool verifyPassword(const QByteArray &verifier, const QString &password);

} // namespace SecretBox

} // namespace ncre
