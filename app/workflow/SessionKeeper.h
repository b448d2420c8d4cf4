#pragma once

#include "AuthSession.h"
#include "Keychain.h"

#include <QObject>

namespace ncre {

// Keeps the session's refresh token in the OS keychain and nowhere else: every rotation is written there, a logout
// or an ended session removes it, and the next start resumes from it without asking for the password. The access
// token stays in memory (ApiClient). One keychain entry per server, so a demo server and the real one never mix.
// The entry holds the account name with the token ("name\ntoken"), so a start without the server can still open
// the account's kept data (resumeOrKeep).
class SessionKeeper : public QObject
{
    Q_OBJECT

public:
    SessionKeeper(AuthSession &auth, Keychain &keychain, const QUrl &server, QObject *parent = nullptr);

    // Resumes the kept session; auth.required when there is none, the server's answer when it refuses it (the
    // entry is then removed). When the server cannot be reached (a network problem, status 0), the kept session
    // is restored offline (AuthSession::restoreOffline) before `done` hears the problem: the desk can then open
    // what it kept, and the session is renewed when the server answers. `attempts` as AuthSession::resume.
    void resume(const std::function<void(Result<Session, Problem>)> &done, int attempts = 0);
    // Done once every write so far reached the keychain (tests, and before the app quits).
    void flush(std::function<void()> done);
    QString entryName() const { return m_entry; }

signals:
    // The keychain refused a write: the session will not survive a restart (the UI says so once).
    void keychainFailed(const ncre::Error &error);

private:
    void store(const QByteArray &token);
    void writeNext();

    AuthSession &m_auth;
    Keychain &m_keychain;
    QString m_entry;
    bool m_writing = false;
    std::optional<QByteArray> m_pending; // the latest token still to write (empty: remove)
    QList<std::function<void()>> m_flushWaiters;
};

} // namespace ncre
