#pragma once

#include <QLoggingCategory>

// ncre-server's logging categories (listed with the others in docs/logging.md). Never log personal data:
// names, document numbers, phone numbers, photos, tokens or passwords. Log ids and error codes.
Q_DECLARE_LOGGING_CATEGORY(lcServer)
Q_DECLARE_LOGGING_CATEGORY(lcServerDb)
Q_DECLARE_LOGGING_CATEGORY(lcServerAccess)
