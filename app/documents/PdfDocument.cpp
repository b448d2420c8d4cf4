#include "PdfDocument.h"

#include <QCryptographicHash>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

#include <poppler-qt6.h>

namespace ncre {

namespace {

constexpr double kMaxDpi = 1200;

std::unique_ptr<Poppler::Document> load(const QByteArray &bytes)
{
    std::unique_ptr<Poppler::Document> doc = Poppler::Document::loadFromData(bytes);
    if (doc) {
        doc->setRenderHint(Poppler::Document::Antialiasing);
        doc->setRenderHint(Poppler::Document::TextAntialiasing);
    }
    return doc;
}

} // namespace

PdfDocument::PdfDocument() = default;
PdfDocument::~PdfDocument() = default;

PdfDocument::OpenResult PdfDocument::open(const QByteArray &bytes)
{
    m_document.reset();
    m_bytes = bytes;
    std::unique_ptr<Poppler::Document> doc = load(m_bytes);
    if (!doc)
        return OpenResult::Failed;
    if (doc->isLocked())
        return OpenResult::NeedsPassword;
    if (doc->numPages() < 1)
        return OpenResult::Failed;
    m_document = std::move(doc);
    return OpenResult::Opened;
}

int PdfDocument::pageCount() const
{
    return m_document ? m_document->numPages() : 0;
}

QSizeF PdfDocument::pageSize(int page) const
{
    if (!m_document || page < 0 || page >= m_document->numPages())
        return {};
    const std::unique_ptr<Poppler::Page> p = m_document->page(page);
    return p ? p->pageSizeF() : QSizeF();
}

QFuture<QImage> PdfDocument::renderPage(int page, double dpi) const
{
    const QByteArray bytes = m_bytes;
    return QtConcurrent::run([bytes, page, dpi]() -> QImage {
        if (dpi <= 0 || dpi > kMaxDpi)
            return {};
        std::unique_ptr<Poppler::Document> doc = load(bytes);
        if (!doc || doc->isLocked() || page < 0 || page >= doc->numPages())
            return {};
        const std::unique_ptr<Poppler::Page> p = doc->page(page);
        return p ? p->renderToImage(dpi, dpi) : QImage();
    });
}

Result<void> PdfDocument::print(QPagedPaintDevice &device) const
{
    if (!m_document)
        return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("nothing open"));
    const double dpi = qBound(72.0, double(device.logicalDpiX()), 600.0);
    QPainter painter;
    for (int i = 0; i < m_document->numPages(); ++i) {
        const std::unique_ptr<Poppler::Page> page = m_document->page(i);
        const QImage image = page ? page->renderToImage(dpi, dpi) : QImage();
        if (image.isNull())
            return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("page %1 cannot be rendered").arg(i + 1));
        if (i == 0) {
            if (!painter.begin(&device))
                return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("the printer cannot start"));
        } else if (!device.newPage()) {
            return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("the printer refused a new page"));
        }
        const QRect area = painter.viewport();
        QSize fitted = image.size();
        fitted.scale(area.size(), Qt::KeepAspectRatio);
        painter.drawImage(QRect(area.topLeft(), fitted), image);
    }
    painter.end();
    return {};
}

Result<void> PdfDocument::verify(const QByteArray &bytes, const QByteArray &expectedSha256Hex)
{
    if (!expectedSha256Hex.isEmpty()
        && QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex() != expectedSha256Hex.toLower())
        return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("hash mismatch"));
    const std::unique_ptr<Poppler::Document> doc = load(bytes);
    if (!doc || doc->numPages() < 1)
        return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("not a readable PDF"));
    return {};
}

} // namespace ncre
