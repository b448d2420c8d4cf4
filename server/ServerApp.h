#pragma once

#include "Catalog.h"
#include "Credentials.h"
#include "Database.h"
#include "HttpServer.h"
#include "RegistrationStore.h"
#include "ServerClock.h"
#include "ServerConfig.h"
#include "ServerContext.h"

#include <QHostAddress>
#include <memory>

namespace ncre::server {

struct ServerOptions
{
    QHostAddress host = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8080; // 0: any free port
    QString databasePath; // an SQLite path or a postgresql:// URL (Database::open); empty: a throw-away database
    bool seedDemo = false;
    bool testHooks = false;
    Credentials::KdfProfile kdf = Credentials::KdfProfile::Interactive;
    int maxRequestsPerSecond = 0; // 0: no overload shedding
    ServerConfig config;
    bool trustProxy = false; // --trust-proxy: X-Forwarded-For names the client (a reverse proxy in front)
};

// ncre-server assembled: database, catalog, routes, listening socket. Used by main() and by in-process tests.
class ServerApp
{
public:
    explicit ServerApp(const ServerOptions &options);
    ~ServerApp();

    // Opens the database, seeds it if asked, registers every route and listens.
    Result<void> start();
    quint16 port() const { return m_port; }
    QString baseUrl() const;

private:
    // A random secret kept in the database under `name`, the same for every instance: empty if it cannot be.
    QByteArray sharedSecret(const QString &name);

    ServerOptions m_options;
    Database m_db;
    ServerClock m_clock;
    Catalog m_catalog{m_db};
    PaymentStore m_payments{m_db, m_clock};
    RegistrationStore m_registrations{m_db, m_clock, m_catalog, m_payments};
    AccountStore m_accounts{m_db, m_clock};
    CaptchaStore m_captchas{m_db, m_clock};
    SessionStore m_sessions{m_db, m_clock, m_accounts};
    QqBrokerStore m_qqBroker{m_db, m_clock};
    LoginThrottle m_throttle{m_db, m_clock};
    std::unique_ptr<DocumentChecks> m_documentChecks;
    HttpServer m_http;
    std::unique_ptr<PasswordHasher> m_hasher;
    std::unique_ptr<WorkPool> m_photoChecks;
    std::unique_ptr<ServerContext> m_context;
    quint16 m_port = 0;
};

} // namespace ncre::server
