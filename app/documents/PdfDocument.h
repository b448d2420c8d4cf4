#pragma once

#include "Result.h"

#include <QByteArray>
#include <QFuture>
#include <QImage>

#include <memory>

class QPagedPaintDevice;

namespace ncre {

class PdfPages;

// A downloaded PDF (registration form, admission ticket), opened with Poppler (from its module, loaded on the first
// PDF: app/documents/PdfPoppler.cpp is the only file that includes poppler-qt6.h).
class PdfDocument
{
public:
    enum class OpenResult { Opened, Failed, NeedsPassword };

    PdfDocument();
    ~PdfDocument();
    PdfDocument(const PdfDocument &) = delete;
    PdfDocument &operator=(const PdfDocument &) = delete;

    // Loads from memory (the bytes stay owned by this object). Failed for anything Poppler cannot read.
    OpenResult open(const QByteArray &bytes);
    bool isOpen() const { return m_document != nullptr; }
    int pageCount() const;
    // Page size in points (1/72 inch), or an empty size for a page that does not exist.
    QSizeF pageSize(int page) const;

    // Renders `page` (0-based) at `dpi` off the calling thread. Poppler documents are not thread-safe, so each
    // render loads its own document from the same bytes. The future's image is null for a bad page or DPI.
    QFuture<QImage> renderPage(int page, double dpi) const;

    // Prints every page onto `device` (a QPrinter from the UI, or a QPdfWriter), one device page per PDF page,
    // each rendered at the device's resolution (capped at 600 dpi) and scaled to fit its printable area.
    // Codes: document.notAvailable when nothing is open or a page cannot be rendered.
    Result<void> print(QPagedPaintDevice &device) const;

    // What arrived is what the server sent: the SHA-256 the server announced (hex; skipped when empty), and a
    // document Poppler opens with at least one page. Codes: document.notAvailable (hash or structure mismatch).
    static Result<void> verify(const QByteArray &bytes, const QByteArray &expectedSha256Hex);

private:
    QByteArray m_bytes;
    std::unique_ptr<PdfPages> m_document;
};

} // namespace ncre
