#pragma once

#include "LocalStore.h"
#include "Result.h"

#include <QMetaType>
#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace ncre {

// The documents a candidate downloads and keeps.
enum class DocumentKind { RegistrationForm, AdmissionTicket };

// The registration form and admission ticket kept on this computer for exam day (sealed in the LocalStore), and
// the way to open them without the server (issue 13: «a restart needs the server»).
//
// After each password login or password change the desk calls remember(): the store keeps a verifier of the
// account password (SecretBox::passwordVerifier, Argon2id; never the password). Offline, unlock() checks the account
// and password the candidate types against that verifier, on a worker thread, and then the kept documents open.
// The store itself is sealed with the key in the OS keychain, so both are needed: this computer's keychain and the
// account password. An account that never logged in here with a password (QQ only) has no verifier: unlock says so.
class KeptDocuments : public QObject
{
    Q_OBJECT

public:
    explicit KeptDocuments(LocalStore &store, QObject *parent = nullptr);

    // "form" / "ticket": the key a document is kept under in the store.
    static QString storeKey(DocumentKind kind);

    // Keeps (or replaces) the verifier of `account`'s password; hashing runs on a worker thread, `done` on this
    // one. Errors: store.write.
    void remember(const QString &account, const QString &password, const std::function<void(Result<void>)> &done = {});

    // Checks `password` against the kept verifier of `account` and, when it matches, unlocks that account's kept
    // documents and answers the kinds kept (in DocumentKind order). Errors: auth.invalidCredentials (no such
    // account on this computer, no verifier, or a wrong password: the three are not told apart),
    // document.notAvailable (the password is right but nothing is kept yet), store.open.
    void unlock(const QString &account, const QString &password, const std::function<void(Result<QList<DocumentKind>>)> &done);
    bool isUnlocked() const { return !m_unlocked.isEmpty(); }
    QString unlockedAccount() const { return m_unlocked; }
    void lock() { m_unlocked.clear(); }

    // The kept document of the unlocked account (nullopt: none kept; auth.required when locked).
    Result<std::optional<QByteArray>> document(DocumentKind kind) const;

    // For the registration flow, which knows its account from the session: keep and read without unlock().
    Result<void> keep(const QString &account, DocumentKind kind, const QByteArray &pdf);
    Result<std::optional<QByteArray>> read(const QString &account, DocumentKind kind) const;

private:
    LocalStore &m_store;
    QString m_unlocked;
};

} // namespace ncre

Q_DECLARE_METATYPE(ncre::DocumentKind)
