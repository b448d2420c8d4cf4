#include "PdfDocument.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QPainter>
#include <QPdfWriter>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

namespace {

// A real two-page A4 PDF, drawn the way ncre-server draws its documents.
QByteArray twoPagePdf()
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    QPdfWriter writer(&buffer);
    writer.setPageSize(QPageSize(QPageSize::A4));
    writer.setResolution(150);
    QPainter p(&writer);
    p.setFont(QFont(QStringLiteral("Noto Sans CJK SC"), 24));
    p.drawText(QRect(100, 100, 1000, 200), Qt::AlignLeft, QString::fromUtf8("准考证 page 1"));
    p.fillRect(QRect(100, 400, 600, 300), Qt::black);
    writer.newPage();
    p.drawText(QRect(100, 100, 1000, 200), Qt::AlignLeft, QStringLiteral("page 2"));
    p.end();
    return bytes;
}

} // namespace

class TestPdfDocument : public QObject
{
    Q_OBJECT

private slots:
    void testOpensAndRendersOffThread()
    {
        PdfDocument doc;
        QCOMPARE(doc.open(twoPagePdf()), PdfDocument::OpenResult::Opened);
        QCOMPARE(doc.pageCount(), 2);
        QVERIFY(qAbs(doc.pageSize(0).width() - 595.3) < 1.0);
        QVERIFY(doc.pageSize(2).isEmpty());

        QFuture<QImage> future = doc.renderPage(0, 72);
        future.waitForFinished();
        const QImage image = future.result();
        QVERIFY(!image.isNull());
        QVERIFY(qAbs(image.width() - 595) <= 1);
        // The black box is drawn: some pixel is dark.
        bool dark = false;
        for (int y = 0; y < image.height() && !dark; y += 4)
            for (int x = 0; x < image.width() && !dark; x += 4)
                dark = qGray(image.pixel(x, y)) < 50;
        QVERIFY(dark);

        QFuture<QImage> big = doc.renderPage(1, 144);
        big.waitForFinished();
        QVERIFY(qAbs(big.result().width() - 1191) <= 2);
    }

    // Printing goes to any QPagedPaintDevice; a QPdfWriter stands in for the printer so the output can be read back:
    // as many pages as the document, with the page's content (the black box) on the printed page.
    void testPrintsEveryPage()
    {
        PdfDocument doc;
        QCOMPARE(doc.open(twoPagePdf()), PdfDocument::OpenResult::Opened);
        QByteArray printed;
        {
            QBuffer buffer(&printed);
            buffer.open(QIODevice::WriteOnly);
            QPdfWriter printer(&buffer);
            printer.setPageSize(QPageSize(QPageSize::A4));
            printer.setResolution(100);
            QVERIFY(doc.print(printer).ok());
        }
        PdfDocument result;
        QCOMPARE(result.open(printed), PdfDocument::OpenResult::Opened);
        QCOMPARE(result.pageCount(), 2);
        QFuture<QImage> page = result.renderPage(0, 50);
        page.waitForFinished();
        bool dark = false;
        for (int y = 0; y < page.result().height() && !dark; y += 2)
            for (int x = 0; x < page.result().width() && !dark; x += 2)
                dark = qGray(page.result().pixel(x, y)) < 50;
        QVERIFY(dark);

        PdfDocument closed;
        QByteArray none;
        QBuffer sink(&none);
        sink.open(QIODevice::WriteOnly);
        QPdfWriter unused(&sink);
        QCOMPARE(closed.print(unused).error().code, ErrorCode::DocumentNotAvailable);
    }

    void testBadRenderRequests_data()
    {
        QTest::addColumn<int>("page");
        QTest::addColumn<double>("dpi");
        QTest::addRow("page -1") << -1 << 72.0;
        QTest::addRow("page past the end") << 2 << 72.0;
        QTest::addRow("dpi 0") << 0 << 0.0;
        QTest::addRow("dpi absurd") << 0 << 100000.0;
    }
    void testBadRenderRequests()
    {
        QFETCH(int, page);
        QFETCH(double, dpi);
        PdfDocument doc;
        QCOMPARE(doc.open(twoPagePdf()), PdfDocument::OpenResult::Opened);
        QFuture<QImage> f = doc.renderPage(page, dpi);
        f.waitForFinished();
        QVERIFY(f.result().isNull());
    }

    void testRefusesWhatIsNotAPdf_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const QByteArray pdf = twoPagePdf();
        QTest::addRow("empty") << QByteArray();
        QTest::addRow("garbage") << QByteArray(4096, 'x');
        QTest::addRow("html error page") << QByteArray("<html><body>502 Bad Gateway</body></html>");
        QTest::addRow("first 200 bytes") << pdf.left(200);
    }
    void testRefusesWhatIsNotAPdf()
    {
        QFETCH(QByteArray, bytes);
        PdfDocument doc;
        QCOMPARE(doc.open(bytes), PdfDocument::OpenResult::Failed);
        QVERIFY(!doc.isOpen());
        QCOMPARE(PdfDocument::verify(bytes, {}).error().code, ErrorCode::DocumentNotAvailable);
    }

    void testEncryptedNeedsPassword()
    {
        QTemporaryDir dir;
        const QString plain = dir.filePath("plain.pdf");
        const QString locked = dir.filePath("locked.pdf");
        QFile f(plain);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(twoPagePdf());
        f.close();
        QProcess qpdf;
        qpdf.start("qpdf", {"--encrypt", "user-pw", "owner-pw", "256", "--", plain, locked});
        QVERIFY(qpdf.waitForFinished(30000));
        QCOMPARE(qpdf.exitCode(), 0);
        QFile l(locked);
        QVERIFY(l.open(QIODevice::ReadOnly));
        PdfDocument doc;
        QCOMPARE(doc.open(l.readAll()), PdfDocument::OpenResult::NeedsPassword);
    }

    void testVerifyChecksTheAnnouncedHash()
    {
        const QByteArray pdf = twoPagePdf();
        const QByteArray hash = QCryptographicHash::hash(pdf, QCryptographicHash::Sha256).toHex();
        QVERIFY(PdfDocument::verify(pdf, hash).ok());
        QVERIFY(PdfDocument::verify(pdf, hash.toUpper()).ok());
        QVERIFY(PdfDocument::verify(pdf, {}).ok());
        QByteArray tampered = pdf;
        tampered[tampered.size() / 2] = char(tampered[tampered.size() / 2] ^ 0x20);
        QCOMPARE(PdfDocument::verify(tampered, hash).error().code, ErrorCode::DocumentNotAvailable);
    }
};

QTEST_MAIN(TestPdfDocument)
#include "TestPdfDocument.moc"
