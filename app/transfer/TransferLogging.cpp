#include "TransferLogging.h"

Q_LOGGING_CATEGORY(lcTransfer, "ncre.transfer", QtInfoMsg)
