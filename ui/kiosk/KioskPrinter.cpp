#include "KioskPrinter.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QPrinter>
#include <QPrinterInfo>

namespace ncre {

KioskPrinter::KioskPrinter(KioskConfig config)
    : m_config(std::move(config))
{
}

bool KioskPrinter::isAvailable() const
{
    if (m_config.printsToFiles()) {
        const QFileInfo dir(m_config.printDirectory());
        return dir.isDir() && dir.isWritable();
    }
    return !QPrinterInfo::printerInfo(m_config.printer).isNull();
}

Result<void> KioskPrinter::print(const PdfDocument &pdf, const QString &title) const
{
    if (!isAvailable())
        return Error(ErrorCode::PrintFailed, QStringLiteral("printer"), QStringLiteral("printer %1 is not available").arg(m_config.printer));
    QPrinter printer(QPrinter::HighResolution);
    printer.setDocName(title);
    printer.setFullPage(false);
    if (m_config.printsToFiles()) {
        printer.setOutputFormat(QPrinter::PdfFormat);
        const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz"));
        printer.setOutputFileName(QDir(m_config.printDirectory()).filePath(QStringLiteral("print-%1.pdf").arg(stamp)));
    } else {
        printer.setPrinterName(m_config.printer);
    }
    if (!printer.isValid())
        return Error(ErrorCode::PrintFailed, QStringLiteral("printer"), QStringLiteral("printer %1 is not valid").arg(m_config.printer));
    if (Result<void> printed = pdf.print(printer); !printed)
        return Error(ErrorCode::PrintFailed, QStringLiteral("printer"), printed.error().detail);
    return {};
}

} // namespace ncre
