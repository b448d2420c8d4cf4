#pragma once

#include <QLoggingCategory>

// app/transfer's logging category. Never log URLs' query strings, headers (tokens) or bodies.
Q_DECLARE_LOGGING_CATEGORY(lcTransfer)
