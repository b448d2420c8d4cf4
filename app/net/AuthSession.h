#pragma once

#include "ApiClient.h"

#include <QObject>

namespace ncre {

// The logged-in session: logs in (password + captcha, or the QQ broker's one-time code), keeps the access token in
// memory only, refreshes it once when the server answers 401, and hands the refresh token out through a signal so
// the caller keeps it in the OS keychain (app/store Keychain) — never in SQLite or QSettings.
class AuthSession : public QObject
{
    Q_OBJECT

public:
    explicit AuthSession(ApiClient &api, QObject *parent = nullptr);

    void logIn(const LoginRequest &login, const std::function<void(Result<Session, Problem>)> &done);
    // Resume from a refresh token kept in the keychain; ok when a new session was obtained. `attempts` > 0 caps the
    // tries (a start-up that must not wait long for a server that is away); 0: the client's retry policy.
    void resume(const QByteArray &refreshToken, const std::function<void(Result<Session, Problem>)> &done, int attempts = 0);
    // The server cannot be reached at start: the kept session is taken as it is (no access token yet), so the desk
    // can show what it kept; the first request that meets a 401 renews it once the server answers.
    void restoreOffline(const QByteArray &refreshToken, const QString &username);
    void logOut(const std::function<void()> &done);
    // Whether the server confirmed the last logOut(): it ended the session (2xx), or no longer knew it (401). False
    // while the answer is outstanding and when the server could not be reached: the session may still be valid
    // there until it expires.
    bool logOutConfirmed() const { return m_logOutConfirmed; }
    // The refresh token in use (empty when logged out): memory only; for a caller that must revoke the session
    // later when logOut() could not (the kiosk).
    QByteArray refreshToken() const { return m_refreshToken; }

    // A session obtained elsewhere (the QQ login's token response) becomes this one.
    void adoptSession(const Session &session) { adopt(session); }

    bool isLoggedIn() const { return !m_refreshToken.isEmpty(); }
    const AccountInfo &account() const { return m_account; }

signals:
    // Store it in the keychain (empty: delete it).
    void refreshTokenChanged(const QByteArray &refreshToken);
    // The server no longer accepts this session (refresh refused): the user must log in again.
    void sessionEnded();

private:
    void adopt(const Session &session);
    void refresh(const std::function<void(bool)> &done);

    ApiClient &m_api;
    QByteArray m_refreshToken;
    AccountInfo m_account;
    bool m_logOutConfirmed = false;
};

} // namespace ncre
