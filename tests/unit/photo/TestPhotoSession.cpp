#include "PhotoSession.h"
#include "photo/PhotoFixtureSet.h"

#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTest>
#include <QTransform>

using namespace ncre;

namespace {

QMutex g_mutex;
QStringList g_messages;

void record(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    if (QByteArray(context.category).startsWith("ncre.photo")) {
        QMutexLocker lock(&g_mutex);
        g_messages << message;
    }
}

} // namespace

// The desk's photo pipeline: image work off the GUI thread, the newest request wins (older work is cancelled and
// never reported), the frame placed around the head, and the spec the server publishes applied.
class TestPhotoSession : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY2(!PhotoFixtureSet::compliantImage().isNull(), "fixture photographs missing: run scripts/setup");
    }

    // Decoding and face detection report where they ran: never on the main (GUI) thread.
    void testImageWorkRunsOffTheGuiThread()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("ncre.photo.debug=true"));
        g_messages.clear();
        const QtMessageHandler previous = qInstallMessageHandler(record);
        PhotoSession session;
        QSignalSpy checked(&session, &PhotoSession::checked);
        session.openBytes(PhotoFixtureSet::phonePortrait12MP());
        QVERIFY(session.isBusy());
        QVERIFY(session.image().isNull()); // nothing was done on this thread before returning
        QVERIFY(checked.wait(30000));
        session.rotate(90);
        QVERIFY(checked.wait(30000));
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QMutexLocker lock(&g_mutex);
        const QStringList work = g_messages.filter(QStringLiteral("thread"));
        QVERIFY2(work.filter(QStringLiteral("face detection")).size() >= 2, qPrintable(g_messages.join('\n')));
        QVERIFY2(!work.filter(QStringLiteral("decoded")).isEmpty(), qPrintable(g_messages.join('\n')));
        QVERIFY2(work.filter(QStringLiteral("main thread")).isEmpty(), qPrintable(work.join('\n')));
    }

    // The frame lands around the head of a phone photo and what it frames complies.
    void testFramePlacedAroundTheHead()
    {
        PhotoSession session;
        QSignalSpy opened(&session, &PhotoSession::opened);
        QSignalSpy checked(&session, &PhotoSession::checked);
        session.openBytes(PhotoFixtureSet::phonePortrait12MP());
        QVERIFY(checked.wait(30000));
        QCOMPARE(opened.size(), 1);
        QVERIFY(!session.crop().isEmpty());
        QVERIFY2(session.findings().isEmpty(), qPrintable(session.findings().value(0).message));
        QVERIFY(PhotoInspector().inspect(session.preparedJpeg()).ok());
        QCOMPARE(session.fileInspection().exifRotation, 90);
        QVERIFY(session.fileInspection().has(ErrorCode::PhotoBytes)); // 4 MB: the file itself is not uploadable
    }

    // Opening another photo while one is being worked on: only the newest is reported.
    void testNewestRequestWins()
    {
        PhotoSession session;
        QSignalSpy opened(&session, &PhotoSession::opened);
        QSignalSpy failed(&session, &PhotoSession::openFailed);
        QSignalSpy checked(&session, &PhotoSession::checked);
        session.openBytes(PhotoFixtureSet::phonePortrait12MP());
        session.openBytes(PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90));
        QVERIFY(checked.wait(30000));
        QCoreApplication::processEvents(); // let any stale delivery through, if there were one
        QCOMPARE(opened.size(), 1);
        QCOMPARE(failed.size(), 0);
        QCOMPARE(session.image().size(), QSize(300, 417)); // the second photo, not the 12 MP one
        QCOMPARE(checked.size(), 1);
    }

    // A photo lying on its side: the desk says which way to turn it (the same advice as ncre-photo), and once the
    // candidate turns it that way the frame lands on the face and complies. Turned the wrong way, the advice follows.
    void testTurnAdviceInTheDesk_data()
    {
        QTest::addColumn<int>("lying");
        QTest::newRow("head on the right") << 90;
        QTest::newRow("upside down") << 180;
        QTest::newRow("head on the left") << 270;
    }
    void testTurnAdviceInTheDesk()
    {
        QFETCH(int, lying);
        PhotoSession session;
        QSignalSpy checked(&session, &PhotoSession::checked);
        session.openBytes(PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage().transformed(QTransform().rotate(lying)), 92));
        QVERIFY(checked.wait(30000));
        const int advice = (360 - lying) % 360;
        QCOMPARE(session.fileInspection().rotationToUpright, advice);
        QCOMPARE(session.findings().first().code, ErrorCode::PhotoOrientation);
        QCOMPARE(session.findings().first().message, PhotoInspector::turnAdvice(advice));
        if (advice != 180) {
            session.rotate(advice + 180); // the wrong way: now upside down
            QVERIFY(checked.wait(30000));
            QCOMPARE(session.findings().first().message, PhotoInspector::turnAdvice(180));
            session.rotate(180);
        } else {
            session.rotate(advice);
        }
        QVERIFY(checked.wait(30000));
        QVERIFY2(session.findings().isEmpty(), qPrintable(session.findings().value(0).message));
    }

    // A file that cannot be opened says why, with the same findings `ncre-photo check` gives.
    void testUnreadableFileSaysWhy()
    {
        PhotoSession session;
        QSignalSpy failed(&session, &PhotoSession::openFailed);
        session.openBytes(PhotoFixtureSet::avifHeader());
        QVERIFY(failed.wait(30000));
        QVERIFY(session.fileInspection().has(ErrorCode::PhotoFormat));
        QVERIFY(session.preparedJpeg().isEmpty());
        session.openFile(QStringLiteral("/nonexistent/photo.jpg"));
        QVERIFY(failed.wait(30000));
        QCOMPARE(session.findings().first().code, ErrorCode::PhotoDecode);
    }

    // The spec the server publishes replaces the built-in one and the frame is checked again.
    void testSpecFromTheServerApplies()
    {
        PhotoSession session;
        QSignalSpy checked(&session, &PhotoSession::checked);
        session.openBytes(PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90));
        QVERIFY(checked.wait(30000));
        QVERIFY(session.findings().isEmpty());
        PhotoSpec onlyWhite = PhotoSpec::ncreDefault();
        onlyWhite.backgroundColours = {QStringLiteral("#FFFFFF")};
        onlyWhite.backgroundTolerance = 3; // a published rule stricter than the grey wall
        session.setSpec(onlyWhite);
        QVERIFY(checked.wait(30000));
        QCOMPARE(session.findings().size(), 1);
        QCOMPARE(session.findings().first().code, ErrorCode::PhotoBackground);
        QVERIFY(session.preparedJpeg().isEmpty());
    }
};

QTEST_MAIN(TestPhotoSession)
#include "TestPhotoSession.moc"
