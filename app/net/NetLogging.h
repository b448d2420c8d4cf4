#pragma once

#include <QLoggingCategory>

// app/net's logging category. Never log tokens, bodies or query strings: paths, statuses and codes only.
Q_DECLARE_LOGGING_CATEGORY(lcNet)
