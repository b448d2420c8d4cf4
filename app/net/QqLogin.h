#pragma once

#include "ApiClient.h"
#include "AuthSession.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QTimer>

#include <memory>

class QOAuth2AuthorizationCodeFlow;
class QOAuthHttpServerReplyHandler;

namespace ncre {

// «QQ登录» through the server's broker with QtNetworkAuth (RFC 8252 native-app flow): the system browser opens the
// broker's /oauth/qq/start; QQ's page sends the browser back to a reply handler listening on 127.0.0.1 only (bound
// to QHostAddress(QHostAddress::LocalHost): the enum and the default constructor both listen beyond loopback on
// Qt 6.4); the one-time code is redeemed at /oauth/qq/token with the PKCE S256 verifier, which Qt 6.4 does not
// add itself and so goes in through setModifyParametersFunction. `state` is checked here as well as by Qt, so a
// mismatch fails the login instead of leaving it waiting.
class QqLogin : public QObject
{
    Q_OBJECT

public:
    QqLogin(ApiClient &api, AuthSession &auth, QObject *parent = nullptr);
    ~QqLogin() override;

    // Emits openBrowser(url), then calls `done` once: the session (adopted by `auth`), or why not. Starting again
    // cancels the login in progress.
    void start(std::function<void(Result<Session, Problem>)> done);
    void cancel();
    // How long the broker waits for the candidate in the browser.
    void setTimeoutMs(int ms) { m_timeout.setInterval(ms); }

    // The loopback address the browser comes back to while a login is in progress.
    QUrl redirectUri() const;

signals:
    // Open this in the system browser (QDesktopServices::openUrl in the UI).
    void openBrowser(const QUrl &url);

private:
    void finish(Result<Session, Problem> result);

    ApiClient &m_api;
    AuthSession &m_auth;
    QNetworkAccessManager m_nam;
    std::unique_ptr<QOAuth2AuthorizationCodeFlow> m_flow;
    std::unique_ptr<QOAuthHttpServerReplyHandler> m_handler;
    QString m_state;
    QByteArray m_verifier;
    QTimer m_timeout;
    std::function<void(Result<Session, Problem>)> m_done;
};

} // namespace ncre
