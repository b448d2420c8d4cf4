#pragma once

#include <QByteArray>
#include <QImage>
#include <QSizeF>

namespace ncre {

// One PDF loaded by the Poppler module (ncre-pdf-poppler, app/documents/PdfPoppler.cpp), which PdfDocument loads on
// first use so that Poppler and its dependencies (NSS, OpenJPEG, libtiff, lcms2, ...) cost nothing at start-up.
// Like a Poppler document, not thread-safe: one per thread.
class PdfPages
{
public:
    virtual ~PdfPages() = default;
    virtual bool isLocked() const = 0;
    virtual int pageCount() const = 0;
    virtual QSizeF pageSize(int page) const = 0; // points; empty for a page that does not exist
    virtual QImage render(int page, double dpi) const = 0;
};

// Loads `bytes` (kept by the caller for the document's life); nullptr when Poppler cannot read them.
using PdfLoadFunction = PdfPages *(*)(const QByteArray &bytes);
inline constexpr char kPdfModule[] = "ncre-pdf-poppler";
inline constexpr char kPdfLoad[] = "ncre_pdf_load";

} // namespace ncre
