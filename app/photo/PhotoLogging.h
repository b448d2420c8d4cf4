#pragma once

#include <QLoggingCategory>

// app/photo's logging category: decode limits, detector results (boxes and counts), encoder quality steps.
// Never pixels or file names a user chose (they may carry a name).
Q_DECLARE_LOGGING_CATEGORY(lcPhoto)
