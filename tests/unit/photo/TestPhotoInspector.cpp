#include "FaceDetector.h"
#include "PhotoFixer.h"
#include "photo/PhotoFixtureSet.h"

#include <QBuffer>
#include <QImageWriter>
#include <QTest>
#include <QTransform>

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

    // A phone photo's EXIF thumbnail finds the face before anything is decoded; only the head's region is decoded,
    // and what is written passes an independent check (which finds the face itself).
    void testPhonePhotoIsFixedFromItsThumbnail()
    {
        const QByteArray phone = PhotoFixtureSet::phonePortrait12MP();
        QVERIFY(!PhotoReader::exifThumbnail(phone.left(192 * 1024)).isEmpty());
        QBuffer buffer;
        buffer.setData(phone);
        buffer.open(QIODevice::ReadOnly);
        const auto header = PhotoReader::readHeader(&buffer);
        QVERIFY(header.ok());
        QCOMPARE(header->storedSize, QSize(4000, 3000));
        QCOMPARE(header->uprightSize, QSize(3000, 4000));
        QCOMPARE(header->exifRotation, 90);
        QVERIFY(header->plainJpeg);
        QCOMPARE(PhotoReader::sniff(header->exifThumbnail), ImageFormat::Jpeg);

        const auto quick = PhotoFixer().fix(phone);
        QVERIFY2(quick.ok(), qPrintable(quick ? QString() : quick.error().first().message));
        QVERIFY(quick->fromThumbnail);
        const Inspection check = PhotoInspector().inspect(quick->jpeg);
        QVERIFY2(check.ok(), qPrintable(check.ok() ? QString() : check.findings.first().message));

        // Without the thumbnail the whole photo is decoded, and the crop lands in the same place.
        const auto whole = PhotoFixer().fix(PhotoFixtureSet::phonePortrait12MP(false));
        QVERIFY(whole.ok());
        QVERIFY(!whole->fromThumbnail);
        QVERIFY2(qAbs(quick->crop.center().x() - whole->crop.center().x()) < whole->crop.width() * 0.05
                     && qAbs(quick->crop.height() / whole->crop.height() - 1) < 0.08,
                 qPrintable(QStringLiteral("quick %1 whole %2").arg(QVariant(quick->crop).toString(), QVariant(whole->crop).toString())));
    }

    // A preview that shows another picture (an edited photo keeps the camera's old one) or has another shape is
    // not trusted: the whole photo is decoded, and the result is still right.
    void testStaleThumbnailIsNotTrusted_data()
    {
        QTest::addColumn<QImage>("thumbnail");
        const QImage cat = QImage(PhotoFixtureSet::debianImage("chelsea.png")).convertToFormat(QImage::Format_RGB32);
        QTest::newRow("another picture") << cat.scaled(160, 120, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QTest::newRow("another shape") << cat.scaled(160, 160, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    void testStaleThumbnailIsNotTrusted()
    {
        QFETCH(QImage, thumbnail);
        QVERIFY(!thumbnail.isNull());
        const auto fixed = PhotoFixer().fix(PhotoFixtureSet::phonePortrait12MP(true, thumbnail));
        QVERIFY2(fixed.ok(), qPrintable(fixed ? QString() : fixed.error().first().message));
        QVERIFY(!fixed->fromThumbnail);
        QVERIFY(PhotoInspector().inspect(fixed->jpeg).ok());
    }

    // The region decoder (libjpeg directly: rows skipped, columns cropped, turned upright while decoding) shows the
    // same pixels as Qt's own decoder of the whole file, for every EXIF rotation.
    void testRegionDecodeMatchesQtsDecoder_data()
    {
        QTest::addColumn<int>("orientation");
        QTest::addColumn<bool>("progressive");
        QTest::newRow("1 (upright)") << 1 << false;
        QTest::newRow("3 (180)") << 3 << false;
        QTest::newRow("6 (90 clockwise)") << 6 << false;
        QTest::newRow("8 (270 clockwise)") << 8 << false;
        QTest::newRow("6, progressive") << 6 << true;
    }
    void testRegionDecodeMatchesQtsDecoder()
    {
        QFETCH(int, orientation);
        QFETCH(bool, progressive);
        const QImage picture = PhotoFixtureSet::compliantImage().scaled(640, 480, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
        QByteArray encoded;
        {
            QBuffer buffer(&encoded);
            buffer.open(QIODevice::WriteOnly);
            QImageWriter writer(&buffer, "jpeg");
            writer.setQuality(95);
            writer.setProgressiveScanWrite(progressive);
            QVERIFY(writer.write(picture));
        }
        const QByteArray bytes = PhotoFixtureSet::withExif(encoded, orientation);
        QImage reference = QImage::fromData(bytes, "jpeg"); // no auto-transform here: turn it ourselves
        reference = reference.transformed(QTransform().rotate(orientation == 3 ? 180 : orientation == 6 ? 90 : orientation == 8 ? 270 : 0))
                        .convertToFormat(QImage::Format_RGB32);
        const QRect region(QPoint(96, 64), reference.size() / 2);
        const auto decoded = PhotoReader::readRegion(bytes, region, 1.0);
        QVERIFY(decoded.ok());
        QCOMPARE(decoded->size(), region.size());
        const QImage expected = reference.copy(region);
        qint64 difference = 0;
        for (int y = 0; y < expected.height(); ++y)
            for (int x = 0; x < expected.width(); ++x) {
                const QRgb a = decoded->pixel(x, y), b = expected.pixel(x, y);
                difference += qAbs(qRed(a) - qRed(b)) + qAbs(qGreen(a) - qGreen(b)) + qAbs(qBlue(a) - qBlue(b));
            }
        const double mean = double(difference) / (3.0 * expected.width() * expected.height());
        QVERIFY2(mean < 2.0, qPrintable(QStringLiteral("mean difference %1 per channel").arg(mean)));
        // And at half scale, the same picture at half the pixels.
        const auto half = PhotoReader::readRegion(bytes, region, 0.5);
        QVERIFY(half.ok());
        QCOMPARE(half->size(), region.size() / 2);
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
        QTest::newRow("png") << PhotoFixtureSet::png(QImage(8, 8, QImage::Format_RGB32)) << int(ImageFormat::Png);
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

    // The crop proposed for a head with room around it puts the head exactly where the rules want it.
    void testProposedCropMeetsTheComposition()
    {
        const PhotoSpec spec = PhotoSpec::ncreDefault();
        const QRectF face(400, 300, 200, 200);
        const HeadGeometry head = HeadGeometry::fromFace(face);
        const QRectF crop = PhotoFixer(spec).proposeCrop(QSizeF(1000, 1400), head, false);
        QVERIFY(qAbs((head.top - crop.top()) / crop.height() - spec.composition.topMargin) < 1e-9);
        QVERIFY(qAbs(head.height() / crop.height() - spec.composition.head) < 1e-9);
        QVERIFY(qAbs(crop.center().x() - face.center().x()) < 1e-9);
        QVERIFY(spec.aspectAccepted(int(crop.width() * 100), int(crop.height() * 100)));
    }
};

QTEST_GUILESS_MAIN(TestPhotoInspector)
#include "TestPhotoInspector.moc"
