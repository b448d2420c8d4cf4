#pragma once

#include <QLoggingCategory>

// app/store's logging category. Never log draft contents, account names or keys.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
