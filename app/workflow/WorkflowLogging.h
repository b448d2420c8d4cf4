#pragma once

#include <QLoggingCategory>

// app/workflow's logging category: steps, outbox and transfer retries by path and error code. Never a profile value,
// account name or token.
Q_DECLARE_LOGGING_CATEGORY(lcWorkflow)
