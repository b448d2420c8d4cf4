#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QString>

namespace ncre {

// The one place where error codes become words for users. Translated (tr()); codes themselves never are.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    // A sentence the user understands, in the application's language.
    static QString message(ErrorCode code);
    // The message for an error about a form field, naming the field's label when one is given.
    static QString fieldMessage(const Error &error, const QString &fieldLabel = {});
};

} // namespace ncre
