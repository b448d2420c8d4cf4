#include "KioskPrinter.h"
#include "PdfDocument.h"

#include <QBuffer>
#include <QDir>
#include <QPainter>
#include <QPdfWriter>
#include <QTest>

using namespace ncre;

// The kiosk prints to a real CUPS queue (issue 16): a private cupsd with a cups-pdf queue (tests/cups/private-cups.sh,
// started around this test), KioskPrinter sends a two-page document with no dialog, and the PDF that comes out of
// the queue holds those pages — as many, and looking the same when rendered.
class TestKioskPrinting : public QObject
{
    Q_OBJECT

private:
    // Two pages a reader tells apart: a block top left with the candidate's name, then a disc in the middle.
    static QByteArray candidatePages()
    {
        QBuffer buffer;
        buffer.open(QIODevice::WriteOnly);
        QPdfWriter writer(&buffer);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setResolution(150);
        QPainter p(&writer);
        const QRect page = p.viewport();
        p.fillRect(QRect(page.left() + 100, page.top() + 100, page.width() / 2, page.height() / 4), Qt::black);
        QFont font(QStringLiteral("Noto Sans CJK SC"));
        font.setPixelSize(80);
        p.setFont(font);
        p.drawText(QPoint(page.left() + 100, page.height() / 2), QString::fromUtf8("欧阳清扬 报名登记表"));
        writer.newPage();
        p.setBrush(Qt::black);
        p.drawEllipse(page.center(), page.width() / 4, page.width() / 4);
        p.end();
        return buffer.data();
    }

    static QImage grey(const PdfDocument &pdf, int page)
    {
        return pdf.renderPage(page, 24).result().convertToFormat(QImage::Format_Grayscale8).scaled(160, 226);
    }

    // The mean difference of two greyscale images of one size, 0–255.
    static double difference(const QImage &a, const QImage &b)
    {
        double sum = 0;
        for (int y = 0; y < a.height(); ++y)
            for (int x = 0; x < a.width(); ++x)
                sum += std::abs(qGray(a.pixel(x, y)) - qGray(b.pixel(x, y)));
        return sum / (a.width() * a.height());
    }

private slots:
    void initTestCase()
    {
        if (!qEnvironmentVariableIsEmpty("NCRE_CUPS_UNAVAILABLE"))
            QSKIP(qPrintable(QStringLiteral("no private CUPS here: ") + qEnvironmentVariable("NCRE_CUPS_UNAVAILABLE")));
    }

    void testPrintsStraightToTheQueue()
    {
        KioskConfig config;
        config.printer = qEnvironmentVariable("NCRE_CUPS_QUEUE");
        const KioskPrinter printer(config);
        QVERIFY(printer.isAvailable());
        PdfDocument sent;
        QCOMPARE(sent.open(candidatePages()), PdfDocument::OpenResult::Opened);
        QCOMPARE(sent.pageCount(), 2);
        const QDir out(qEnvironmentVariable("NCRE_CUPS_PDF_OUT"));
        const QStringList before = out.entryList({"*.pdf"}, QDir::Files);
        QVERIFY(printer.print(sent, QStringLiteral("registration-form")).ok());

        // cups-pdf writes the job when the queue has filtered it: wait for a whole PDF to appear.
        PdfDocument printed;
        QString printedFile;
        auto lookForIt = [&]() {
            const QDir now(out.path()); // a QDir caches its listing: look afresh each time
            for (const QString &name : now.entryList({"*.pdf"}, QDir::Files)) {
                QFile f(now.filePath(name));
                if (before.contains(name) || !f.open(QIODevice::ReadOnly))
                    continue;
                if (printed.open(f.readAll()) == PdfDocument::OpenResult::Opened && printed.pageCount() == 2) {
                    printedFile = f.fileName();
                    return true;
                }
            }
            return false;
        };
        QTRY_VERIFY_WITH_TIMEOUT(!printedFile.isEmpty() || lookForIt(), 60000);
        QFile::remove(printedFile); // read; nothing of the test stays in the user's PDF folder
        for (int page = 0; page < 2; ++page) {
            const double d = difference(grey(sent, page), grey(printed, page));
            QVERIFY2(d < 12, qPrintable(QStringLiteral("page %1 differs by %2").arg(page + 1).arg(d)));
        }
        // And the pages are not interchangeable: the comparison tells them apart.
        QVERIFY(difference(grey(sent, 0), grey(printed, 1)) > 20);
    }

    void testAQueueThatIsNotThere()
    {
        KioskConfig config;
        config.printer = QStringLiteral("no-such-queue");
        PdfDocument pdf;
        QCOMPARE(pdf.open(candidatePages()), PdfDocument::OpenResult::Opened);
        const auto printed = KioskPrinter(config).print(pdf, QStringLiteral("form"));
        QVERIFY(!printed.ok());
        QCOMPARE(printed.error().code, ErrorCode::PrintFailed);
    }
};

QTEST_MAIN(TestKioskPrinting)
#include "TestKioskPrinting.moc"
