#include "AuthSession.h"

#include "Alive.h"
#include "NetLogging.h"

#include <QJsonDocument>

namespace ncre {

AuthSession::AuthSession(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_api.setTokenRefresher([this](std::function<void(bool)> done) { refresh(done); });
}

void AuthSession::adopt(const Session &session)
{
    m_api.setAccessToken(session.accessToken);
    m_refreshToken = session.refreshToken.toLatin1();
    m_account = session.account;
    emit refreshTokenChanged(m_refreshToken);
}

void AuthSession::logIn(const LoginRequest &login, const std::function<void(Result<Session, Problem>)> &done)
{
    m_api.logIn(login, alive(this, [this, done](Result<Session, Problem> session) {
        if (session)
            adopt(session.value());
        done(std::move(session));
    }));
}

void AuthSession::restoreOffline(const QByteArray &refreshToken, const QString &username)
{
    m_api.setAccessToken({});
    m_refreshToken = refreshToken;
    m_account = AccountInfo();
    m_account.username = username;
}

void AuthSession::resume(const QByteArray &refreshToken, const std::function<void(Result<Session, Problem>)> &done, int attempts)
{
    RefreshRequest body;
    body.refreshToken = QString::fromLatin1(refreshToken);
    ApiRequest request = ApiRequest::make("POST", QStringLiteral("/sessions/refresh"),
                                          QJsonDocument(body.toJson()).toJson(QJsonDocument::Compact));
    request.maxAttempts = attempts;
    m_api.send(request, alive(this, [this, done](const Result<ApiReply, Problem> &reply) {
        if (!reply) {
            done(reply.error());
            return;
        }
        const Result<QJsonObject> json = JsonReader::parseObject(reply->body);
        Result<Session> session = json ? Session::fromJson(*json, JsonStrictness::Lenient) : Result<Session>(json.error());
        if (!session) {
            done(Problem::fromError(session.error()));
            return;
        }
        adopt(session.value());
        done(session.value());
    }));
}

void AuthSession::refresh(const std::function<void(bool)> &done)
{
    if (m_refreshToken.isEmpty()) {
        done(false);
        return;
    }
    resume(m_refreshToken, alive(this, [this, done](const Result<Session, Problem> &session) {
        if (!session) {
            qCInfo(lcNet) << "session refresh refused:" << errorCodeName(session.error().code);
            if (session.error().status == 401) {
                m_refreshToken.clear();
                m_api.setAccessToken({});
                emit refreshTokenChanged({});
                emit sessionEnded();
            }
        }
        done(session.ok());
    }));
}

void AuthSession::logOut(const std::function<void()> &done)
{
    ApiRequest request = ApiRequest::make("DELETE", QStringLiteral("/sessions"));
    request.authenticated = true;
    m_logOutConfirmed = false;
    m_api.send(request, alive(this, [this, done](const Result<ApiReply, Problem> &reply) {
        m_logOutConfirmed = reply ? reply->status < 300 : reply.error().status == 401;
        // Whatever the server said, this computer forgets the session.
        m_refreshToken.clear();
        m_api.setAccessToken({});
        emit refreshTokenChanged({});
        done();
    }));
}

} // namespace ncre
