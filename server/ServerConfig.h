#pragma once

#include "HttpLimits.h"
#include "Result.h"

#include <QString>

namespace ncre::server {

// ncre-server's configuration file (--config FILE, INI): the limits a stranger's requests may spend, each with a
// default that holds without a file. docs/operator-guide.md lists every key. A key this version does not know, or a
// value out of its range, is refused with the key's name (exit 2): a server never runs on a typo.
//
//   [http]      HttpLimits: maxConnections, maxConnectionsPerAddress, maxHeaderBytes, maxTargetBytes, maxHeaderCount,
//               headerTimeoutMs, idleTimeoutMs, bodyGraceMs, bodyMinBytesPerSecond, writeTimeoutMs, acceptPauseMs
//   [hashing]   workers (threads hashing passwords, default: cores - 1, at least 1), queue (hashes that may wait;
//               beyond it 503 with Retry-After)
struct ServerConfig
{
    HttpLimits http;
    int hashWorkers = 0; // 0: one fewer than the cores, at least one
    int hashQueue = 16;

    // The defaults when `path` is empty. Errors: request.malformed with the key in `field` and what it expects.
    static Result<ServerConfig> load(const QString &path);
};

} // namespace ncre::server
