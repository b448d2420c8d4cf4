#include "PdfDocument.h"

#include "ModuleLoader.h"
#include "PdfBackend.h"

#include <QCryptographicHash>
#include <QLoggingCategory>
#include <QPagedPaintDevice>
#include <QPainter>
#include <QtConcurrent/QtConcurrentRun>

namespace ncre {

namespace {

constexpr double kMaxDpi = 1200;

Q_LOGGING_CATEGORY(lcDocuments, "ncre.documents", QtInfoMsg)

// Poppler, from its module (loaded on the first PDF). Without the module no PDF opens, and the log says why.
std::unique_ptr<PdfPages> load(const QByteArray &bytes)
{
    static const auto loadPdf = []() {
        QString why;
        const auto f = reinterpret_cast<PdfLoadFunction>(
            ModuleLoader::resolve(QString::fromLatin1(kPdfModule), kPdfLoad, &why));
        if (!f)
            qCCritical(lcDocuments) << "PDFs cannot be read:" << why;
        return f;
    }();
    return std::unique_ptr<PdfPages>(loadPdf ? loadPdf(bytes) : nullptr);
}

} // namespace

PdfDocument::PdfDocument() = default;
PdfDocument::~PdfDocument() = default;

PdfDocument::OpenResult PdfDocument::open(const QByteArray &bytes)
{
    m_document.reset();
    m_bytes = bytes;
    std::unique_ptr<PdfPages> doc = load(m_bytes);
    if (!doc)
        return OpenResult::Failed;
    if (doc->isLocked())
        return OpenResult::NeedsPassword;
    if (doc->pageCount() < 1)
        return OpenResult::Failed;
    m_document = std::move(doc);
    return OpenResult::Opened;
}

int PdfDocument::pageCount() const
{
    return m_document ? m_document->pageCount() : 0;
}

QSizeF PdfDocument::pageSize(int page) const
{
    return m_document ? m_document->pageSize(page) : QSizeF();
}

QFuture<QImage> PdfDocument::renderPage(int page, double dpi) const
{
    const QByteArray bytes = m_bytes;
    return QtConcurrent::run([bytes, page, dpi]() -> QImage {
        if (dpi <= 0 || dpi > kMaxDpi)
            return {};
        const std::unique_ptr<PdfPages> doc = load(bytes);
        if (!doc || doc->isLocked())
            return {};
        return doc->render(page, dpi);
    });
}

Result<void> PdfDocument::print(QPagedPaintDevice &device) const
{
    if (!m_document)
        return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("nothing open"));
    const double dpi = qBound(72.0, double(device.logicalDpiX()), 600.0);
    QPainter painter;
    for (int i = 0; i < m_document->pageCount(); ++i) {
        const QImage image = m_document->render(i, dpi);
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
    const std::unique_ptr<PdfPages> doc = load(bytes);
    if (!doc || doc->pageCount() < 1)
        return Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("not a readable PDF"));
    return {};
}

} // namespace ncre
