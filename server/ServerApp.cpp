#include "ServerApp.h"

#include "DemoSeed.h"
#include "ServerLogging.h"

#include <QElapsedTimer>
#include <QTcpServer>
#include <memory>

namespace ncre::server {

ServerApp::ServerApp(const ServerOptions &options)
    : m_options(options)
    , m_http(m_db, m_clock, options.testHooks)
{
}

ServerApp::~ServerApp() = default;

QString ServerApp::baseUrl() const
{
    const QString host = m_options.host.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + m_options.host.toString() + QLatin1Char(']')
        : m_options.host.toString();
    return QStringLiteral("http://%1:%2").arg(host).arg(m_port);
}

QByteArray ServerApp::sharedSecret(const QString &name)
{
    // The first instance to start makes it; the others (and later starts) read the same.
    m_db.run(QStringLiteral("INSERT INTO server_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING"),
             {name, Credentials::randomToken(32)});
    return m_db.scalar(QStringLiteral("SELECT value FROM server_secrets WHERE name = ?"), {name}).toByteArray();
}

Result<void> ServerApp::start()
{
    if (!Credentials::initialize())
        return Error(ErrorCode::ServerInternal, {}, QStringLiteral("libsodium failed to initialise"));
    const QString path = m_options.databasePath.isEmpty() ? QStringLiteral(":memory:") : m_options.databasePath;
    if (Result<void> opened = m_db.open(path); !opened)
        return opened;
    if (m_options.seedDemo) {
        // Instances started together on an empty database: one seeds it, the others find it seeded.
        Result<void> seeded
            = m_db.underSetupLock([this]() { return DemoSeed::load(m_db, m_clock, m_options.kdf); });
        if (!seeded)
            return seeded;
    }
    // Shared by every instance on the same database (a document-check tag made by one is recognised by another).
    const QByteArray processKey = sharedSecret(QStringLiteral("server-key"));
    if (processKey.isEmpty())
        return Error(ErrorCode::ServerInternal, {}, QStringLiteral("cannot read or make the server's key in the database"));
    m_documentChecks = std::make_unique<DocumentChecks>(m_db, m_clock, processKey, m_options.config.documentsPerAccount,
                                                        m_options.config.documentsPerAddress);
    m_context = std::make_unique<ServerContext>(ServerContext{m_db, m_clock, m_http, m_catalog, m_registrations, m_payments, m_accounts,
                                      m_captchas, m_sessions, m_qqBroker, m_throttle, *m_documentChecks,
                                      PhotoSpec::ncreDefault(), m_options.kdf, processKey, 200, QString(), nullptr, nullptr,
                                      QqProviderConfig(), false, PaymentPlatformConfig(), false,
                                      ServerConfig::defaultClients()});
    m_hasher = std::make_unique<PasswordHasher>(m_options.config.hashWorkers, m_options.config.hashQueue, m_options.kdf,
                                                m_options.config.hashPerAddress);
    m_context->hasher = m_hasher.get();
    m_photoChecks = std::make_unique<WorkPool>(m_options.config.photoWorkers, m_options.config.photoQueue,
                                               m_options.config.photoPerAddress);
    m_context->photoChecks = m_photoChecks.get();
    m_context->qq = m_options.config.qq;
    m_context->clients = m_options.config.clients;
    m_captchas.setPerClient(m_options.config.captchasPerAddress);
    m_qqBroker.setPerClient(m_options.config.qqStartsPerAddress);
    m_http.setMinimumClient(m_options.config.clients);
    m_http.setIdempotencyKeysPerScope(m_options.config.idempotencyKeysPerScope);
    m_context->emulateQq = !m_options.config.qq.configured() && (m_options.seedDemo || m_options.testHooks);
    m_context->payment = m_options.config.payment;
    m_context->emulatePayments = !m_options.config.payment.configured() && (m_options.seedDemo || m_options.testHooks);
    if (m_options.config.payment.configured())
        m_context->platformKey = m_options.config.payment.notifyKey;
    registerExamRoutes(*m_context);
    registerAccountRoutes(*m_context);
    registerQqBrokerRoutes(*m_context);
    registerRegistrationRoutes(*m_context);
    registerPaymentRoutes(*m_context);
    registerDocumentRoutes(*m_context);
    registerStaffRoutes(*m_context);
#ifdef NCRE_TEST_HOOKS
    if (m_options.testHooks)
        registerTestHookRoutes(*m_context);
#endif
    m_http.setRateLimit(m_options.maxRequestsPerSecond);
    m_http.setLimits(m_options.config.http);
    m_http.setTrustProxy(m_options.trustProxy);
    // Deadlines are checked at most once a second (a query per request would cost the 304 polls a third of their
    // throughput); the test clock hook sweeps at once after moving time.
    m_http.setBeforeRequest([this, lastSweep = QElapsedTimer(), lastAnonymousSweep = QElapsedTimer()]() mutable {
        if (!lastSweep.isValid() || lastSweep.elapsed() >= 1000) {
            m_registrations.sweepExpired();
            lastSweep.start();
        }
        if (!lastAnonymousSweep.isValid() || lastAnonymousSweep.elapsed() >= 60'000) {
            sweepAnonymousData(*m_context);
            lastAnonymousSweep.start();
        }
    });

    m_port = m_http.listen(m_options.host, m_options.port);
    if (m_port == 0)
        return Error(ErrorCode::ServerInternal, {},
                     QStringLiteral("cannot listen on %1:%2: %3").arg(m_options.host.toString()).arg(m_options.port)
                         .arg(m_http.listenError()));
    const QString publicBase = m_options.config.publicBaseUrl.isEmpty() ? baseUrl()
                                                                         : m_options.config.publicBaseUrl.toString();
    // Where the candidate pays: the real platform's page, or the emulated pages of this server.
    m_payments.setPayPage(m_context->payment.configured()
                              ? m_context->payment.pageUrl
                              : QUrl(publicBase + QStringLiteral("/api/v1/pay/")));
    m_context->publicBaseUrl = publicBase;
    if (m_options.testHooks)
        qCWarning(lcServer) << "test hooks are ON: never use this server for real candidates";
    return {};
}

} // namespace ncre::server
