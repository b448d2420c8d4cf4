#pragma once

#include "HttpLimits.h"
#include "Meta.h"
#include "Result.h"

#include <QString>
#include <QUrl>

namespace ncre::server {

// ncre-server's configuration file (--config FILE, INI): the limits a stranger's requests may spend, each with a
// default that holds without a file. docs/operator-guide.md lists every key. A key this version does not know, or a
// value out of its range, is refused with the key's name (exit 2): a server never runs on a typo.
//
//   [http]      HttpLimits: maxConnections, maxConnectionsPerAddress, maxHeaderBytes, maxTargetBytes, maxHeaderCount,
//               headerTimeoutMs, idleTimeoutMs, bodyGraceMs, bodyMinBytesPerSecond, writeTimeoutMs, acceptPauseMs
//   [hashing]   workers (threads hashing passwords, default: cores - 1, at least 1), queue (hashes that may wait;
//               beyond it 429 with Retry-After), perAddress (in flight for one client address, default 2)
//   [photos]    workers (threads checking uploaded photos, default 1), queue (8), perAddress (1); beyond: 429
//   [anonymous] captchasPerAddress (live captchas per client address, default 300), qqStartsPerAddress (100)
//   [payment]   pageUrl (https), notifyKeyFile: the real payment platform (PaymentPlatformConfig)
//   [server]    publicBaseUrl (https, or http to a loopback address)
//   [clients]   minimumVersion (older desks get 426 client.updateRequired; default 1.0.0), latestVersion (default:
//               this server's version), downloadUrl (https): published in GET /meta "client"
//   [qq]        the real QQ Connect provider of the QQ login: appId, authorizeUrl, tokenUrl, openIdUrl (defaults:
//               graph.qq.com's OAuth 2.0 endpoints), and the app secret from the environment
//               (NCRE_QQ_APP_SECRET) or appSecretFile (a file only the server's user can read) — never on the
//               command line. URLs are https (http only to a loopback address).
struct QqProviderConfig
{
    QString appId;
    QByteArray appSecret;
    QUrl authorizeUrl = QUrl(QStringLiteral("https://graph.qq.com/oauth2.0/authorize"));
    QUrl tokenUrl = QUrl(QStringLiteral("https://graph.qq.com/oauth2.0/token"));
    QUrl openIdUrl = QUrl(QStringLiteral("https://graph.qq.com/oauth2.0/me"));

    bool configured() const { return !appId.isEmpty() && !appSecret.isEmpty(); }
};

// The payment platform (网上支付平台) in production: its pay page, to which the desk sends the candidate with the order
// id (`pageUrl` + "?orderId=<id>"), and the key it signs its notifies with (HMAC-SHA256, docs/openapi.yaml
// PaymentNotify), read from `notifyKeyFile`. Without it, orders cannot be paid, except on the emulated platform pages
// that --seed demo and --test-hooks serve.
struct PaymentPlatformConfig
{
    QUrl pageUrl;
    QByteArray notifyKey;

    bool configured() const { return pageUrl.isValid() && !notifyKey.isEmpty(); }
};

struct ServerConfig
{
    HttpLimits http;
    int hashWorkers = 0; // 0: one fewer than the cores, at least one
    int hashQueue = 16;
    int hashPerAddress = 2; // hashes one client address (an IPv6 /64) may have in flight
    // [photos] workers, queue, perAddress: uploaded photos decoded and checked at once, waiting, and per address.
    int photoWorkers = 1;
    int photoQueue = 8;
    int photoPerAddress = 1;
    // [documents] perAccountPerDay, perAddressPerDay: how many different document numbers one account, and one
    // client address, may try in the basic information within 24 hours (429 account.documentChecks beyond).
    int documentsPerAccount = 5;
    int documentsPerAddress = 20;
    // [anonymous] captchasPerAddress, qqStartsPerAddress: live captchas (5 min) and QQ login starts (10 min) one
    // client address may have (429 server.busy beyond): what strangers can make the server keep.
    int captchasPerAddress = 300;
    int qqStartsPerAddress = 100;
    // [idempotency] keysPerScopePerDay: different Idempotency-Keys one account, or one client address before login
    // (each account it signs up is one), may use in 24 hours (429 server.busy beyond).
    int idempotencyKeysPerScope = 1000;
    QqProviderConfig qq;
    // [payment] pageUrl, notifyKeyFile (a file only the server's user can read, at least 32 bytes).
    PaymentPlatformConfig payment;
    // [server] publicBaseUrl: where candidates' browsers and the desk reach this server (pay links, the QQ
    // callback), e.g. https://ncre.example.cn; empty: derived from --listen (right for the demo and the tests).
    QUrl publicBaseUrl;
    // [clients]: what GET /meta says of desk versions (Meta::client); defaults from the project.
    ClientVersions clients = defaultClients();

    static ClientVersions defaultClients();
    // The defaults when `path` is empty. Errors: request.malformed with the key in `field` and what it expects.
    static Result<ServerConfig> load(const QString &path);
};

} // namespace ncre::server
