#include "PhotoLogging.h"

Q_LOGGING_CATEGORY(lcPhoto, "ncre.photo", QtInfoMsg)
