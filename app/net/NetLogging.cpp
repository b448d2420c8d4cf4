#include "NetLogging.h"

Q_LOGGING_CATEGORY(lcNet, "ncre.net", QtInfoMsg)
