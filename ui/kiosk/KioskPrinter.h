#pragma once

#include "KioskConfig.h"
#include "PdfDocument.h"
#include "Result.h"

namespace ncre {

// Printing at a kiosk (issue 16): straight to the configured printer, no dialog. A CUPS queue (QPrinter through
// Qt's CUPS support: the job is spooled in the kiosk's private TMPDIR, which the wipe empties), or "pdf:DIR" for
// trials and the demo (each job a PDF file in DIR). Errors: print.failed (the queue does not exist or refused the
// job; the detail names the queue, never the document).
class KioskPrinter
{
public:
    explicit KioskPrinter(KioskConfig config);

    // Prints every page of `pdf` as job `title` (e.g. «准考证»; no personal data: CUPS keeps job titles).
    Result<void> print(const PdfDocument &pdf, const QString &title) const;
    // Whether the configured printer can take jobs now (a CUPS queue that exists; a writable folder).
    bool isAvailable() const;

private:
    KioskConfig m_config;
};

} // namespace ncre
