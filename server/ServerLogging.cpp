#include "ServerLogging.h"

Q_LOGGING_CATEGORY(lcServer, "ncre.server", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerDb, "ncre.server.db", QtInfoMsg)
Q_LOGGING_CATEGORY(lcServerAccess, "ncre.server.access", QtInfoMsg)
