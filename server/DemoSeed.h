#pragma once

#include "Credentials.h"
#include "Result.h"

namespace ncre::server {

class Database;
class ServerClock;

// --seed demo: loads seed/demo.json (a believable NCRE exam, sites with and without review, subjects, bulletins,
// staff and a demo candidate) into an empty database, with every window placed relative to the server's now.
namespace DemoSeed {
Result<void> load(Database &db, const ServerClock &clock, Credentials::KdfProfile kdf);
}

} // namespace ncre::server
