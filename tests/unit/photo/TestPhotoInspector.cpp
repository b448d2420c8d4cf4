#include "FaceDetector.h"
#include "PhotoFixer.h"
#include "photo/PhotoFixtureSet.h"

#include <QTest>

using namespace ncre;

// Every check of app/photo against fixtures built from real photographs (tests/photo/PhotoFixtureSet.h): each
// passes and fails where it should, with exactly the expected codes; `fix` turns every fixable one into a photo
// that `check` accepts, and refuses the others with the reason.
class TestPhotoInspector : public QObject
{
    Q_OBJECT

private:
    QList<PhotoFixtureSet::Fixture> m_fixtures;

    static QStringList codes(const QList<PhotoFinding> &findings)
    {
        QStringList out;
        for (const PhotoFinding &f : findings)
            out << errorCodeName(f.code);
        out.removeDuplicates();
        out.sort();
        return out;
    }

    void addFixtureRows()
    {
        QTest::addColumn<int>("index");
        for (int i = 0; i < m_fixtures.size(); ++i)
            QTest::newRow(m_fixtures.at(i).name) << i;
    }

private slots:
    void initTestCase()
    {
        m_fixtures = PhotoFixtureSet::all();
        QVERIFY2(!m_fixtures.isEmpty(), "fixture photographs missing: run scripts/setup");
        for (const auto &f : m_fixtures)
            QVERIFY2(!f.bytes.isEmpty(), f.name);
        QVERIFY(FaceDetector::shared().isLoaded());
    }

    void testCheck_data() { addFixtureRows(); }
    void testCheck()
    {
        QFETCH(int, index);
        const PhotoFixtureSet::Fixture &f = m_fixtures.at(index);
        const Inspection inspection = PhotoInspector().inspect(f.bytes);
        QVERIFY2(codes(inspection.findings) == f.expectedCodes, qPrintable(codes(inspection.findings).join(',')));
        QCOMPARE(inspection.ok(), f.expectedCodes.isEmpty());
        for (const PhotoFinding &finding : inspection.findings)
            QVERIFY2(!finding.message.isEmpty(), errorCodeName(finding.code).toLatin1());
        if (f.rotationToUpright)
            QCOMPARE(inspection.rotationToUpright, f.rotationToUpright);
    }

    void testFix_data() { addFixtureRows(); }
    void testFix()
    {
        QFETCH(int, index);
        const PhotoFixtureSet::Fixture &f = m_fixtures.at(index);
        const PhotoSpec spec = PhotoSpec::ncreDefault();
        const auto fixed = PhotoFixer(spec).fix(f.bytes);
        if (!f.fixable) {
            QVERIFY(!fixed.ok());
            QVERIFY(!fixed.error().isEmpty());
            return;
        }
        QVERIFY2(fixed.ok(), qPrintable(fixed ? QString() : codes(fixed.error()).join(',') + ": " + fixed.error().first().message));
        // What fix wrote, checked again from the bytes alone.
        const Inspection again = PhotoInspector(spec).inspect(fixed->jpeg);
        QVERIFY2(again.ok(), qPrintable(codes(again.findings).join(',')));
        QVERIFY(fixed->jpeg.size() >= spec.minBytes && fixed->jpeg.size() <= spec.maxBytes);
        QVERIFY(fixed->size.width() >= spec.minWidth && fixed->size.height() >= spec.minHeight);
        // No metadata: no APP1 (EXIF/XMP), no APP2 (ICC), no comment; three components (RGB).
        QVERIFY(!fixed->jpeg.contains("Exif"));
        QVERIFY(!fixed->jpeg.contains("ICC_PROFILE"));
        QVERIFY(!fixed->jpeg.contains("\xFF\xFE"));
        const DecodedPhoto decoded = PhotoReader::read(fixed->jpeg).value();
        QVERIFY(!decoded.cmyk);
        QCOMPARE(decoded.exifRotation, 0);
        QVERIFY(!PhotoInspector::looksGrey(decoded.image));
    }

    // The reader decodes a 12 MP phone photo at 1/8 scale, upright, without ever holding it at full size.
    void testPhonePhotoIsDecodedScaledAndUpright()
    {
        const QByteArray phone = PhotoFixtureSet::phonePortrait12MP();
        QVERIFY(phone.size() > 3'000'000);
        const auto decoded = PhotoReader::read(phone, QSize(640, 640));
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->storedSize, QSize(4000, 3000));
        QCOMPARE(decoded->uprightSize, QSize(3000, 4000));
        QCOMPARE(decoded->exifRotation, 90);
        QCOMPARE(decoded->image.size(), QSize(375, 500)); // exactly libjpeg's 1/8
        const auto fixed = PhotoFixer().fix(phone);
        QVERIFY2(fixed.ok(), qPrintable(fixed ? QString() : fixed.error().first().message));
        QVERIFY(PhotoInspector().inspect(fixed->jpeg).ok());
    }

    void testHeaderBombIsRefusedBeforeDecoding()
    {
        // 60000×60000×4 bytes would be 14 GB: refused from the header, with a small allocation limit proving
        // nothing big was attempted.
        const QByteArray bomb = PhotoFixtureSet::withJpegDimensions(PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage()), 60000, 60000);
        const auto r = PhotoReader::read(bomb);
        QCOMPARE(r.error().code, ErrorCode::PhotoDimensions);
        const auto size = PhotoReader::headerSize(PhotoFixtureSet::pngBomb(100000, 100000));
        QCOMPARE(size.error().code, ErrorCode::PhotoDimensions);
    }

    void testSniffsContentNotNames_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("format");
        QTest::newRow("jpeg") << QByteArray("\xFF\xD8\xFF\xE0", 4) << int(ImageFormat::Jpeg);
        QTest::newRow("png") << QByteArray("\x89PNG\r\n\x1A\n....", 12) << int(ImageFormat::Png);
        QTest::newRow("gif") << QByteArray("GIF89a......") << int(ImageFormat::Gif);
        QTest::newRow("webp") << QByteArray("RIFF\x10\0\0\0WEBPVP8 ", 16) << int(ImageFormat::Webp);
        QTest::newRow("heic") << QByteArray("\0\0\0\x18" "ftypheic\0\0\0\0", 16) << int(ImageFormat::Heif);
        QTest::newRow("text") << QByteArray("hello") << int(ImageFormat::Unknown);
        QTest::newRow("empty") << QByteArray() << int(ImageFormat::Unknown);
    }
    void testSniffsContentNotNames()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(int, format);
        QCOMPARE(int(PhotoReader::sniff(bytes)), format);
    }

    // The crop proposed for a face puts the estimated head where the rules want it.
    void testProposedCropMeetsTheComposition()
    {
        const PhotoSpec spec = PhotoSpec::ncreDefault();
        const QRectF face(400, 300, 200, 200);
        const QRectF crop = PhotoFixer(spec).proposeCrop(QSizeF(1000, 1400), face);
        const HeadGeometry head = HeadGeometry::fromFace(face);
        QVERIFY(qAbs((head.top - crop.top()) / crop.height() - spec.composition.topMargin) < 1e-9);
        QVERIFY(qAbs(head.height() / crop.height() - spec.composition.head) < 1e-9);
        QVERIFY(qAbs(crop.center().x() - face.center().x()) < 1e-9);
        QVERIFY(spec.aspectAccepted(int(crop.width() * 100), int(crop.height() * 100)));
    }
};

QTEST_GUILESS_MAIN(TestPhotoInspector)
#include "TestPhotoInspector.moc"
