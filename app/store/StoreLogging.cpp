#include "StoreLogging.h"

Q_LOGGING_CATEGORY(lcStore, "ncre.store", QtInfoMsg)
