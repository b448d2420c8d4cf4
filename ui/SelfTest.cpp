#include "SelfTest.h"

#include "FaceDetector.h"
#include "FaceModel.h"
#include "PdfBackend.h"
#include "PdfDocument.h"
#include "TransferBackend.h"
#include "ModuleLoader.h"

#include <QBuffer>
#include <QImageReader>
#include <QPainter>
#include <QPdfWriter>

namespace ncre {

namespace {

QByteArray samplePdf()
{
    QBuffer buffer;
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    QPainter painter(&writer);
    painter.drawText(QPointF(100, 100), QStringLiteral("NCRE Desk self-test"));
    painter.end();
    return buffer.data();
}

} // namespace

int SelfTest::run(QStringList *lines)
{
    bool ok = true;
    auto report = [&](bool passed, const QString &what, const QString &detail) {
        ok = ok && passed;
        lines->append(QStringLiteral("%1 %2: %3").arg(passed ? QStringLiteral("ok  ") : QStringLiteral("FAIL"), what, detail));
    };

    const std::pair<const char *, const char *> modules[] = {
        {kTransferModule, kTransferFactory},
        {kPdfModule, kPdfLoad},
        {kFaceModule, kFaceFactory},
        {"ncre-sniff-magic", "ncre_sniff_mime"},
    };
    for (const auto &[name, symbol] : modules) {
        QString why;
        const bool loaded = ModuleLoader::resolve(QString::fromLatin1(name), symbol, &why) != nullptr;
        report(loaded, QString::fromLatin1(name),
               loaded ? QStringLiteral("loaded from ") + ModuleLoader::location(QString::fromLatin1(name)) : why);
    }

    PdfDocument pdf;
    const bool opened = pdf.open(samplePdf()) == PdfDocument::OpenResult::Opened;
    const QImage page = opened ? pdf.renderPage(0, 72).result() : QImage();
    report(!page.isNull(), QStringLiteral("pdf"),
           page.isNull() ? QStringLiteral("cannot render a PDF page")
                         : QStringLiteral("rendered page 1 of %1 at 72 dpi (%2x%3)")
                               .arg(pdf.pageCount())
                               .arg(page.width())
                               .arg(page.height()));

    // Every icon is SVG: Qt draws them only with its SVG image plugin (Debian: libqt6svg6), which no library
    // dependency brings along.
    const QImage icon = QImageReader(QStringLiteral(":/ncre/icons/home.svg")).read();
    report(!icon.isNull(), QStringLiteral("icons"),
           icon.isNull() ? QStringLiteral("SVG icons cannot be drawn: Qt's SVG plugin is missing (libqt6svg6)")
                         : QStringLiteral("SVG icons drawn (%1x%2)").arg(icon.width()).arg(icon.height()));

    const bool face = FaceDetector::shared().isLoaded();
    report(face, QStringLiteral("face model"), face ? QStringLiteral("loaded") : QStringLiteral("not loaded"));
    return ok ? 0 : 1;
}

} // namespace ncre
