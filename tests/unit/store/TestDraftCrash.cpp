#include "LocalStore.h"
#include "SecretBox.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>

using namespace ncre;

// kill -9 at any moment loses no committed edit: a writer prints each edit number after saveDraft() returns; it is
// killed with SIGKILL at a random point, many times; the store must then hold at least the last printed edit.
class TestDraftCrash : public QObject
{
    Q_OBJECT

private slots:
    void testKillNineLosesNoCommittedEdit()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath("crash.sqlite");
        const QByteArray key = SecretBox::newKey();
        long lastSeen = 0;
        for (int round = 0; round < 20; ++round) {
            QProcess writer;
            writer.start(NCRE_DRAFT_WRITER, {file, QString::fromLatin1(key.toHex())});
            QVERIFY(writer.waitForStarted());
            // Let it get some way in, a different way each round, then kill it mid-stride.
            const long target = lastSeen + 5 + long(QRandomGenerator::global()->bounded(200));
            QByteArray out;
            long printed = 0;
            QSignalSpy ready(&writer, &QProcess::readyReadStandardOutput);
            while (printed < target) {
                if (!writer.bytesAvailable())
                    QVERIFY(ready.wait(10000));
                out += writer.readAllStandardOutput();
                const QList<QByteArray> lines = out.split('\n');
                for (int i = lines.size() - 2; i >= 0; --i) {
                    if (!lines[i].isEmpty()) {
                        printed = lines[i].toLong();
                        break;
                    }
                }
            }
            ::kill(pid_t(writer.processId()), SIGKILL);
            writer.waitForFinished();
            out += writer.readAllStandardOutput();
            const QList<QByteArray> lines = out.trimmed().split('\n');
            const long acknowledged = lines.last().toLong();
            QVERIFY(acknowledged >= printed);

            LocalStore store(key);
            const auto opened = store.open(file);
            QVERIFY(opened.ok());
            QVERIFY(opened->movedAsideTo.isEmpty()); // a crash is not damage
            const auto draft = store.loadDraft("crash", "profile");
            QVERIFY(draft.ok() && draft->has_value());
            const long stored = QJsonDocument::fromJson(draft->value()).object().value("edit").toInteger();
            // Committed means kept: at least the last acknowledged edit (the next one may have landed too).
            QVERIFY2(stored >= acknowledged, qPrintable(QString("stored %1 < acknowledged %2").arg(stored).arg(acknowledged)));
            QVERIFY(stored <= acknowledged + 1);
            lastSeen = 0; // each writer restarts its numbering from 1
        }
    }
};

QTEST_GUILESS_MAIN(TestDraftCrash)
#include "TestDraftCrash.moc"
