#pragma once

#include "Registration.h"

#include <QByteArray>
#include <QCoreApplication>
#include <QDateTime>
#include <QStringList>

namespace ncre {

// The slip printed at on-site confirmation (现场确认, issue 16): what was confirmed, for whom, when and by whom, as
// a one-page A5 PDF (QPdfWriter) that the kiosk prints. The document number is masked but for its last 4
// characters; the slip carries no photo.
struct ConfirmationSlip
{
    Q_DECLARE_TR_FUNCTIONS(ConfirmationSlip)

public:
    QString examName;
    QString siteName;
    QStringList subjects; // names as the site lists them
    QString staff;        // the staff account that confirmed
    QDateTime confirmedAt;

    QByteArray pdf(const Registration &registration) const;
};

} // namespace ncre
