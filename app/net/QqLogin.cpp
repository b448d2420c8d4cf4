#include "QqLogin.h"

#include "NetLogging.h"

#include <QCryptographicHash>
#include <QJsonObject>
#include <QNetworkReply>
#include <QOAuth2AuthorizationCodeFlow>
#include <QOAuthHttpServerReplyHandler>
#include <QRandomGenerator>

namespace ncre {

namespace {

QByteArray randomUrlSafe(int bytes)
{
    QByteArray raw(bytes, Qt::Uninitialized);
    QRandomGenerator::system()->generate(raw.begin(), raw.end());
    return raw.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

Problem loginProblem(ErrorCode code, const QString &detail)
{
    return Problem::fromError(Error(code, {}, detail));
}

} // namespace

QqLogin::QqLogin(ApiClient &api, AuthSession &auth, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_auth(auth)
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(10 * 60'000); // the broker forgets the flow after ten minutes
    connect(&m_timeout, &QTimer::timeout, this,
            [this]() { finish(loginProblem(ErrorCode::AuthRequired, QStringLiteral("QQ login timed out"))); });
}

QqLogin::~QqLogin() = default;

QUrl QqLogin::redirectUri() const
{
    return m_handler ? QUrl(m_handler->callback()) : QUrl();
}

void QqLogin::cancel()
{
    finish(loginProblem(ErrorCode::TransferCancelled, QStringLiteral("QQ login cancelled")));
}

void QqLogin::finish(Result<Session, Problem> result)
{
    m_timeout.stop();
    if (m_handler)
        m_handler->close();
    // Deleted later: this may run inside one of their own signals.
    if (m_flow)
        m_flow.release()->deleteLater();
    if (m_handler)
        m_handler.release()->deleteLater();
    m_verifier.clear();
    m_state.clear();
    if (auto done = std::exchange(m_done, nullptr))
        done(std::move(result));
}

void QqLogin::start(std::function<void(Result<Session, Problem>)> done)
{
    if (m_done)
        cancel();
    m_done = std::move(done);
    if (!m_api.baseUrl().isValid()) {
        finish(loginProblem(ErrorCode::NetworkUnreachable, QStringLiteral("no server configured")));
        return;
    }
    m_handler = std::make_unique<QOAuthHttpServerReplyHandler>(QHostAddress(QHostAddress::LocalHost), 0);
    if (!m_handler->isListening()) {
        finish(loginProblem(ErrorCode::NetworkUnreachable, QStringLiteral("cannot listen on the loopback")));
        return;
    }
    m_handler->setCallbackText(tr("NCRE Desk: QQ login complete. You can close this page and return to NCRE Desk."));

    m_flow = std::make_unique<QOAuth2AuthorizationCodeFlow>(&m_nam);
    m_flow->setAuthorizationUrl(m_api.urlFor(QStringLiteral("/oauth/qq/start")));
    m_flow->setAccessTokenUrl(m_api.urlFor(QStringLiteral("/oauth/qq/token")));
    m_flow->setClientIdentifier(QStringLiteral("ncre-desk"));
    m_flow->setReplyHandler(m_handler.get());
    // 256 bits each: Qt's generated state is shorter than the broker accepts, and a verifier must be 43+ chars.
    m_state = QString::fromLatin1(randomUrlSafe(32));
    m_flow->setState(m_state);
    m_verifier = randomUrlSafe(32);
    const QByteArray challenge = QCryptographicHash::hash(m_verifier, QCryptographicHash::Sha256)
                                     .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QByteArray verifier = m_verifier;
    m_flow->setModifyParametersFunction([challenge, verifier](QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *p) {
        if (stage == QAbstractOAuth::Stage::RequestingAuthorization) {
            p->replace(QStringLiteral("code_challenge"), QString::fromLatin1(challenge));
            p->replace(QStringLiteral("code_challenge_method"), QStringLiteral("S256"));
            p->remove(QStringLiteral("scope")); // QQ's broker has none; an empty one is noise
        } else if (stage == QAbstractOAuth::Stage::RequestingAccessToken) {
            p->replace(QStringLiteral("code_verifier"), QString::fromLatin1(verifier));
        }
    });

    connect(m_flow.get(), &QAbstractOAuth::authorizeWithBrowser, this, &QqLogin::openBrowser);
    connect(m_handler.get(), &QAbstractOAuthReplyHandler::callbackReceived, this, [this](const QVariantMap &values) {
        if (values.value(QStringLiteral("state")).toString() != m_state) {
            qCWarning(lcNet) << "QQ login: state mismatch on the loopback redirect";
            finish(loginProblem(ErrorCode::AuthInvalidCredentials, QStringLiteral("state mismatch")));
        } else if (values.contains(QStringLiteral("error"))) {
            finish(loginProblem(ErrorCode::AuthInvalidCredentials, values.value(QStringLiteral("error")).toString()));
        }
    });
    // Qt reports a refused token request only in its log: watch the reply to say why.
    connect(&m_nam, &QNetworkAccessManager::finished, this, [this](QNetworkReply *reply) {
        if (!m_flow || reply->url() != m_flow->accessTokenUrl())
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status == 200 && reply->error() == QNetworkReply::NoError)
            return;
        const QByteArray body = reply->peek(64 * 1024);
        const auto json = JsonReader::parseObject(body);
        auto problem = json ? Problem::fromJson(*json, JsonStrictness::Lenient) : Result<Problem>(json.error());
        finish(problem ? problem.value()
                       : loginProblem(status ? ErrorCode::AuthInvalidCredentials : ErrorCode::NetworkUnreachable,
                                      reply->errorString()));
    });
    connect(m_flow.get(), &QAbstractOAuth::statusChanged, this, [this](QAbstractOAuth::Status status) {
        if (status != QAbstractOAuth::Status::Granted || !m_flow)
            return;
        Session session;
        session.accessToken = m_flow->token();
        session.refreshToken = m_flow->refreshToken();
        session.expiresIn = int(qMax<qint64>(0, QDateTime::currentDateTime().secsTo(m_flow->expirationAt())));
        const auto account = AccountInfo::fromJson(
            QJsonObject::fromVariantMap(m_flow->extraTokens().value(QStringLiteral("account")).toMap()), JsonStrictness::Lenient);
        if (!account || session.accessToken.isEmpty() || session.refreshToken.isEmpty()) {
            finish(loginProblem(ErrorCode::AuthInvalidCredentials, QStringLiteral("incomplete token response")));
            return;
        }
        session.account = account.value();
        m_auth.adoptSession(session);
        finish(session);
    });
    m_timeout.start();
    m_flow->grant();
}

} // namespace ncre
