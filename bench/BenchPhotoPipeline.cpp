#include "FaceDetector.h"
#include "JpegStructure.h"
#include "PhotoFixer.h"
#include "photo/PhotoFixtureSet.h"

#include <QBuffer>
#include <QImageReader>
#include <QTest>

using namespace ncre;

// The in-process photo pipeline on a 12 MP, EXIF-rotated, ~4.5 MB phone portrait (tests/photo/PhotoFixtureSet.h):
// PhotoFixer::fix whole, and its stages, and the same photo without the EXIF thumbnail phones write, against the floor of decoding the same file at 1/8 scale with libjpeg
// (through QImageReader's scaled decode, which is libjpeg's DCT scaling: what djpeg -scale 1/8 does).
class BenchPhotoPipeline : public QObject
{
    Q_OBJECT

private:
    QByteArray m_phone;            // as a phone writes it, with the camera's EXIF thumbnail
    QByteArray m_phoneNoThumbnail; // the same pixels without it (an edited or re-saved photo)
    PhotoFixer::Timings m_sum;
    int m_runs = 0;

private slots:
    void initTestCase()
    {
        m_phone = PhotoFixtureSet::phonePortrait12MP();
        m_phoneNoThumbnail = PhotoFixtureSet::phonePortrait12MP(false);
        QVERIFY2(!m_phone.isEmpty(), "fixture photographs missing: run scripts/setup");
        QVERIFY(FaceDetector::shared().isLoaded()); // loaded once per process, as in ncre-photo
    }

    void floorDecodeEighth()
    {
        QBENCHMARK {
            QBuffer buffer(&m_phone);
            buffer.open(QIODevice::ReadOnly);
            QImageReader reader(&buffer, "jpeg");
            reader.setScaledSize(QSize(500, 375));
            const QImage image = reader.read();
            QVERIFY(!image.isNull());
        }
    }

    void fix()
    {
        QBENCHMARK {
            const auto fixed = PhotoFixer().fix(m_phone);
            QVERIFY(fixed.ok());
            QVERIFY(fixed->fromThumbnail);
            m_sum.headerNs += fixed->timings.headerNs;
            m_sum.decodeNs += fixed->timings.decodeNs;
            m_sum.detectNs += fixed->timings.detectNs;
            m_sum.cropNs += fixed->timings.cropNs;
            m_sum.encodeNs += fixed->timings.encodeNs;
            m_sum.verifyNs += fixed->timings.verifyNs;
            ++m_runs;
        }
    }

    // The stages of the runs above, mean per run.
    void stageHeader() { QBENCHMARK_ONCE {} QTest::setBenchmarkResult(qreal(m_sum.headerNs) / qMax(1, m_runs), QTest::WalltimeNanoseconds); }
    void stageDecode() { QBENCHMARK_ONCE {} QTest::setBenchmarkResult(qreal(m_sum.decodeNs) / qMax(1, m_runs), QTest::WalltimeNanoseconds); }
    void stageDetect() { QBENCHMARK_ONCE {} QTest::setBenchmarkResult(qreal(m_sum.detectNs) / qMax(1, m_runs), QTest::WalltimeNanoseconds); }
    void stageCropScale() { QBENCHMARK_ONCE {} QTest::setBenchmarkResult(qreal(m_sum.cropNs) / qMax(1, m_runs), QTest::WalltimeNanoseconds); }
    void stageEncode() { QBENCHMARK_ONCE {} QTest::setBenchmarkResult(qreal(m_sum.encodeNs) / qMax(1, m_runs), QTest::WalltimeNanoseconds); }
    void fixWithoutThumbnail()
    {
        QBENCHMARK {
            const auto fixed = PhotoFixer().fix(m_phoneNoThumbnail);
            QVERIFY(fixed.ok());
            QVERIFY(!fixed->fromThumbnail);
        }
    }

    void stageVerify() { QBENCHMARK_ONCE {} QTest::setBenchmarkResult(qreal(m_sum.verifyNs) / qMax(1, m_runs), QTest::WalltimeNanoseconds); }

    // What the measurements added for issue 12 cost, on their own.
    // The marker walk over the whole 4.5 MB file (truncation, coding, data after EOI).
    void costJpegStructure()
    {
        QBENCHMARK {
            const auto s = readJpegStructure(m_phone);
            QVERIFY(s.ok() && !s->truncated());
        }
    }
    // The head measured (hair top, chin, sides) and the background sampled, on an ID photo decoded for checking,
    // with the face already found.
    void costMeasureHead()
    {
        const QImage photo = PhotoFixtureSet::compliantImage();
        const QList<QRect> faces = FaceDetector::shared().detect(photo);
        QVERIFY(!faces.isEmpty());
        QBENCHMARK {
            BackgroundSample background;
            const HeadGeometry head = measureHead(photo, faces.first(), &background);
            QVERIFY(head.topMeasured && background.plain());
        }
    }
    // For scale: finding the face on the same picture, which every check did before.
    void costDetectFace()
    {
        const QImage photo = PhotoFixtureSet::compliantImage();
        QBENCHMARK {
            QVERIFY(!FaceDetector::shared().detect(photo).isEmpty());
        }
    }
};

QTEST_GUILESS_MAIN(BenchPhotoPipeline)
#include "BenchPhotoPipeline.moc"
