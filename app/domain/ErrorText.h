#pragma once

#include "Error.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace ncre {

// The one place where error codes become words for users. Translated (tr()); codes themselves never are.
class ErrorText
{
    Q_DECLARE_TR_FUNCTIONS(ErrorText)

public:
    // A sentence the user understands, in the application's language.
    static QString message(ErrorCode code);
    // The message for an error as precise as its field allows: what the field's rule asks («An account name starts
    // with a letter») where the field is known, message(code) otherwise.
    static QString message(const Error &error);
    // A request will be tried again at `retryAt` (server time) because of `reason`: busy (server.busy,
    // server.unavailable) and unreachable (network.*) are told apart, with the time.
    static QString retryMessage(ErrorCode reason, const QDateTime &retryAt);
    // At a kiosk (issue 16) the reader cannot check the network or the disk and does not know "NCRE Desk": the
    // messages about the connection and the local store say to tell a member of staff instead. For the process.
    static void setKioskWording(bool kiosk);
    // The message for an error about a form field, naming the field's label when one is given.
    static QString fieldMessage(const Error &error, const QString &fieldLabel = {});
};

} // namespace ncre
