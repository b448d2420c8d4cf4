#include "JpegStructure.h"
#include "PhotoFixer.h"
#include "PhotoReader.h"
#include "photo/PhotoFixtureSet.h"

#include <QTest>

using namespace ncre;

// A JPEG's marker structure decides "complete or cut off" and "what is not the picture", and names codings that
// browsers cannot show; file kinds are named from their content.
class TestJpegStructure : public QObject
{
    Q_OBJECT

private:
    QByteArray m_jpeg;

private slots:
    void initTestCase()
    {
        m_jpeg = PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90);
        QVERIFY2(!m_jpeg.isEmpty(), "fixture photographs missing: run scripts/setup");
    }

    void testCompleteBaseline()
    {
        const auto s = readJpegStructure(m_jpeg);
        QVERIFY(s.ok());
        QVERIFY(!s->truncated());
        QCOMPARE(s->imageEnd, m_jpeg.size());
        QCOMPARE(s->trailingBytes(), 0);
        QCOMPARE(s->sofMarker, 0xC0);
        QCOMPARE(s->precision, 8);
        QCOMPARE(s->components, 3);
        QCOMPARE(s->size, QSize(300, 417));
        QVERIFY(s->widelySupported());
    }

    // Data after EOI (a motion photo's video, even one holding bytes that look like markers) is not damage.
    void testDataAfterTheImageIsCountedNotDamage()
    {
        const QByteArray video = QByteArray("\x00\x00\x00\x18" "ftypmp42", 12) + QByteArray("\xFF\xDA\x00\x08", 4)
            + QByteArray(5000, '\x42');
        const auto s = readJpegStructure(m_jpeg + video);
        QVERIFY(s.ok());
        QVERIFY(!s->truncated());
        QCOMPARE(s->trailingBytes(), video.size());
        // ... and the reader takes the picture as complete.
        QVERIFY(PhotoReader::read(m_jpeg + video).ok());
        // Bytes after the picture do not lift a picture under the minimum over it.
        const QByteArray small = PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 30);
        QVERIFY(small.size() < PhotoSpec::ncreDefault().minBytes);
        const Inspection padded = PhotoInspector().inspect(small + QByteArray(30 * 1024, '\x42'));
        QVERIFY(padded.has(ErrorCode::PhotoBytes));
        // Nor do metadata segments inside it (a 20 KB comment), which the registration does not keep.
        QByteArray comment("\xFF\xFE\x4E\x22", 4);
        comment += QByteArray(20000, 'A');
        const QByteArray inflated = small.left(2) + comment + small.mid(2);
        QVERIFY(inflated.size() > PhotoSpec::ncreDefault().minBytes);
        QCOMPARE(readJpegStructure(inflated)->pictureBytes(), readJpegStructure(small)->pictureBytes());
        QVERIFY(PhotoInspector().inspect(inflated).has(ErrorCode::PhotoBytes));
    }

    // A file cut anywhere inside the scan, or between segments, is truncated; a tail-based guess would not know.
    void testCutFilesAreTruncated()
    {
        for (qsizetype cut : {qsizetype(300), m_jpeg.size() / 2, m_jpeg.size() - 3, m_jpeg.size() - 1}) {
            const auto s = readJpegStructure(m_jpeg.left(cut));
            QVERIFY(s.ok());
            QVERIFY2(s->truncated(), qPrintable(QString::number(cut)));
            const auto read = PhotoReader::read(m_jpeg.left(cut));
            QVERIFY(!read.ok());
            QCOMPARE(read.error().code, ErrorCode::PhotoDecode);
        }
        // The EXIF thumbnail's own EOI (inside APP1) does not close the picture.
        const QByteArray withThumbnail = PhotoFixtureSet::withExif(m_jpeg, 1, m_jpeg.left(2000) + "\xFF\xD9");
        QVERIFY(readJpegStructure(withThumbnail.left(withThumbnail.size() - 100))->truncated());
        QVERIFY(!readJpegStructure(withThumbnail)->truncated());
    }

    void testNotAJpeg()
    {
        QVERIFY(!readJpegStructure(QByteArray("GIF89a")).ok());
        QVERIFY(!readJpegStructure(QByteArray()).ok());
        // A segment length that runs past the end of the file is a cut-off file, not a crash.
        QVERIFY(readJpegStructure(QByteArray("\xFF\xD8\xFF\xE1\xFF\xFF" "Exif", 10))->truncated());
    }

    void testCodings_data()
    {
        QTest::addColumn<int>("sof");
        QTest::addColumn<int>("precision");
        QTest::addColumn<QString>("feature");
        QTest::newRow("baseline") << 0xC0 << 8 << QString();
        QTest::newRow("extended") << 0xC1 << 8 << QString();
        QTest::newRow("progressive") << 0xC2 << 8 << QString();
        QTest::newRow("12-bit") << 0xC1 << 12 << QStringLiteral("12-bit samples");
        QTest::newRow("lossless") << 0xC3 << 8 << QStringLiteral("lossless coding");
        QTest::newRow("hierarchical") << 0xC5 << 8 << QStringLiteral("hierarchical coding");
        QTest::newRow("arithmetic") << 0xC9 << 8 << QStringLiteral("arithmetic coding");
        QTest::newRow("arithmetic progressive") << 0xCA << 8 << QStringLiteral("arithmetic coding");
        QTest::newRow("arithmetic lossless") << 0xCB << 8 << QStringLiteral("lossless coding");
    }
    void testCodings()
    {
        QFETCH(int, sof);
        QFETCH(int, precision);
        QFETCH(QString, feature);
        const auto s = readJpegStructure(PhotoFixtureSet::withFrameHeader(m_jpeg, uchar(sof), uchar(precision)));
        QVERIFY(s.ok());
        QCOMPARE(s->sofMarker, sof);
        QCOMPARE(s->unsupportedFeature(), feature);
    }

    // A real arithmetic-coded file (jpegtran -arithmetic) is named so, and fix writes it again as baseline.
    void testArithmeticFileIsNamedAndReencoded()
    {
        const QByteArray arithmetic = PhotoFixtureSet::arithmeticJpeg(m_jpeg);
        QVERIFY2(!arithmetic.isEmpty(), "jpegtran missing (libjpeg-turbo-progs)");
        QCOMPARE(readJpegStructure(arithmetic)->sofMarker, 0xC9);
        const auto fixed = PhotoFixer().fix(arithmetic);
        QVERIFY(fixed.ok());
        QCOMPARE(readJpegStructure(fixed->jpeg)->sofMarker, 0xC0);
    }

    // Damaged entropy-coded data that libjpeg decodes with warnings is photo.decode, in check and fix.
    void testCorruptScanDataIsDamage()
    {
        const QByteArray corrupt = PhotoFixtureSet::corruptScanData(m_jpeg);
        QVERIFY(!readJpegStructure(corrupt)->truncated()); // complete, yet damaged inside
        const auto read = PhotoReader::read(corrupt);
        QVERIFY(!read.ok());
        QCOMPARE(read.error().code, ErrorCode::PhotoDecode);
        QVERIFY(read.error().detail.startsWith(QLatin1String("corrupt")));
        QVERIFY(!PhotoFixer().fix(corrupt).ok());
    }

    // File kinds by content (libmagic beyond JPEG), never by name.
    void testFormatsAreNamed_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("name");
        QTest::newRow("avif") << PhotoFixtureSet::avifHeader() << QStringLiteral("AVIF");
        QTest::newRow("heic") << QByteArray("\0\0\0\x18" "ftypheic\0\0\0\0mif1heic", 24) + QByteArray(100, '\0')
                              << QStringLiteral("HEIC/HEIF");
        QTest::newRow("pdf") << QByteArray("%PDF-1.4\n%\xE2\xE3\xCF\xD3\n1 0 obj\n") << QStringLiteral("PDF");
        QTest::newRow("png") << PhotoFixtureSet::png(QImage(8, 8, QImage::Format_RGB32)) << QStringLiteral("PNG");
        QTest::newRow("gif") << QByteArray("GIF89a\x01\0\x01\0\0\0\0;", 14) << QStringLiteral("GIF");
        QTest::newRow("webp") << QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) << QStringLiteral("WebP");
        QTest::newRow("jpeg") << m_jpeg << QStringLiteral("JPEG");
    }
    void testFormatsAreNamed()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, name);
        QCOMPARE(imageFormatName(PhotoReader::sniff(bytes)), name);
        if (name == QLatin1String("JPEG"))
            return;
        const Inspection i = PhotoInspector().inspect(bytes);
        QVERIFY(i.has(ErrorCode::PhotoFormat));
        QVERIFY(!i.has(ErrorCode::PhotoDecode)); // named, not "damaged"
        QCOMPARE(std::count_if(i.findings.begin(), i.findings.end(),
                               [](const PhotoFinding &f) { return f.code == ErrorCode::PhotoFormat; }),
                 1); // once, not again in vaguer words
        // fix names it too.
        const auto fixed = PhotoFixer().fix(bytes);
        if (!fixed.ok() && fixed.error().first().code == ErrorCode::PhotoFormat)
            QVERIFY2(fixed.error().first().message.contains(name), qPrintable(fixed.error().first().message));
        bool named = false;
        for (const PhotoFinding &f : i.findings)
            named = named || f.message.contains(name);
        QVERIFY2(named, qPrintable(name));
    }
};

QTEST_GUILESS_MAIN(TestJpegStructure)
#include "TestJpegStructure.moc"
