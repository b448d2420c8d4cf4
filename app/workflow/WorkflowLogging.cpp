#include "WorkflowLogging.h"

Q_LOGGING_CATEGORY(lcWorkflow, "ncre.workflow", QtInfoMsg)
