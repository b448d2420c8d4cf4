#include "photo/PhotoFixtureSet.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTest>

// ncre-photo as a user or a site's batch script runs it: the exact contract of architecture §7 (arguments, exit
// codes, --json shape), fix output re-checked by check, and messages in the user's language.
class TestPhotoCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;

    struct Run
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };

    static Run run(const QStringList &args, const QString &lang = QStringLiteral("C"))
    {
        QProcess p;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert("LANG", lang);
        env.insert("LC_ALL", lang);
        env.remove("LANGUAGE");
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(NCRE_PHOTO_BINARY), args);
        if (!p.waitForFinished(120000))
            return {};
        return {p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1, p.readAllStandardOutput(), p.readAllStandardError()};
    }

    QString write(const char *name, const QByteArray &bytes)
    {
        const QString path = m_dir.filePath(QString::fromLatin1(name));
        QFile f(path);
        if (f.open(QIODevice::WriteOnly))
            f.write(bytes);
        return path;
    }

    static QJsonArray json(const Run &r) { return QJsonDocument::fromJson(r.out).array(); }

private slots:
    void initTestCase()
    {
        const auto fixtures = PhotoFixtureSet::all();
        QVERIFY2(!fixtures.isEmpty(), "fixture photographs missing: run scripts/setup");
        for (const auto &f : fixtures)
            write((QByteArray(f.name) + ".jpg").constData(), f.bytes);
        write("phone.jpg", PhotoFixtureSet::phonePortrait12MP());
    }

    // Quiet by default: nothing but the answer, unless asked with --verbose (or QT_LOGGING_RULES).
    void testQuietUnlessVerbose()
    {
        const QString compliant = m_dir.filePath(QStringLiteral("compliant.jpg"));
        const QString out = m_dir.filePath(QStringLiteral("quiet-fixed.jpg"));
        for (const QStringList &args : {QStringList{"check", compliant}, QStringList{"fix", compliant, "-o", out},
                                        QStringList{"check", m_dir.filePath(QStringLiteral("phone.jpg"))}}) {
            const Run quiet = run(args);
            QVERIFY(quiet.exitCode == 0 || quiet.exitCode == 1);
            QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());
            QVERIFY(!quiet.out.contains("ncre."));
        }
        const Run verbose = run({"check", "--verbose", compliant});
        QVERIFY2(verbose.exitCode == 0, verbose.err.right(4000).constData());
        QVERIFY2(verbose.err.contains("ncre.photo"), verbose.err.constData());
    }

    void testCheckCompliesExitsZero()
    {
        const Run r = run({"check", m_dir.filePath("compliant.jpg")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains("compliant.jpg"));
    }

    void testCheckJsonShape()
    {
        const Run r = run({"check", "--json", m_dir.filePath("compliant.jpg"), m_dir.filePath("sideways.jpg")});
        QCOMPARE(r.exitCode, 1); // any does not comply
        const QJsonArray a = json(r);
        QCOMPARE(a.size(), 2);
        const QJsonObject ok = a.at(0).toObject();
        QCOMPARE(ok.value("file").toString(), m_dir.filePath("compliant.jpg"));
        QCOMPARE(ok.value("ok").toBool(), true);
        QCOMPARE(ok.value("findings").toArray().size(), 0);
        const QJsonObject bad = a.at(1).toObject();
        QCOMPARE(bad.value("ok").toBool(), false);
        QStringList codes;
        for (const QJsonValue &f : bad.value("findings").toArray()) {
            QVERIFY(!f.toObject().value("message").toString().isEmpty());
            codes << f.toObject().value("code").toString();
        }
        QVERIFY(codes.contains("photo.orientation"));
        QVERIFY(codes.contains("photo.aspect"));
        const QStringList keys = ok.keys();
        QCOMPARE(QSet<QString>(keys.begin(), keys.end()), (QSet<QString>{"file", "ok", "findings"}));
    }

    void testCheckUnreadableInputExitsTwo()
    {
        const Run r = run({"check", m_dir.filePath("compliant.jpg"), m_dir.filePath("missing.jpg")});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("missing.jpg"));
        // In a JSON report the unreadable file is not lost: it is there, not ok, with the reason.
        const Run j = run({"check", "--json", m_dir.filePath("compliant.jpg"), m_dir.filePath("missing.jpg"), m_dir.path()});
        QCOMPARE(j.exitCode, 2);
        const QJsonArray report = json(j);
        QCOMPARE(report.size(), 3);
        QCOMPARE(report.at(1).toObject().value("ok").toBool(true), false);
        QVERIFY(report.at(1).toObject().value("findings").toArray().at(0).toObject().value("message").toString().contains("no such file"));
        QVERIFY(report.at(2).toObject().value("findings").toArray().at(0).toObject().value("message").toString().contains("folder"));
        const Run fixJson = run({"fix", "--json", m_dir.filePath("missing.jpg"), "-o", m_dir.filePath("x.jpg")});
        QCOMPARE(fixJson.exitCode, 2);
        QCOMPARE(json(fixJson).at(0).toObject().value("ok").toBool(true), false);
        // A damaged image is a finding (1), not an I/O error (2).
        QCOMPARE(run({"check", m_dir.filePath("truncated.jpg")}).exitCode, 1);
    }

    void testFixWritesACompliantJpegThatCheckAccepts()
    {
        const QString out = m_dir.filePath("phone-fixed.jpg");
        const Run r = run({"fix", m_dir.filePath("phone.jpg"), "-o", out, "--json"});
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r).at(0).toObject();
        QCOMPARE(o.value("ok").toBool(), true);
        QCOMPARE(o.value("output").toString(), out);
        QCOMPARE(o.value("findings").toArray().size(), 0);
        QCOMPARE(run({"check", out}).exitCode, 0);
    }

    void testFixThatCannotExitsOneAndWritesNothing()
    {
        const QString out = m_dir.filePath("cat-fixed.jpg");
        const Run r = run({"fix", m_dir.filePath("no-face.jpg"), "-o", out, "--json"});
        QCOMPARE(r.exitCode, 1);
        const QJsonObject o = json(r).at(0).toObject();
        QCOMPARE(o.value("ok").toBool(), false);
        QCOMPARE(o.value("findings").toArray().at(0).toObject().value("code").toString(), QStringLiteral("photo.face"));
        QVERIFY(o.value("output").isNull());
        QVERIFY(!QFile::exists(out));
    }

    // The original is never overwritten by its own fix.
    void testFixRefusesToOverwriteItsInput()
    {
        const QString input = write("own.jpg", PhotoFixtureSet::phonePortrait12MP());
        const QByteArray before = [&] { QFile f(input); f.open(QIODevice::ReadOnly); return f.readAll(); }();
        const Run r = run({"fix", input, "-o", input});
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("another file"));
        QFile after(input);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
    }

    // --version, and a file whose name starts with a dash after --.
    void testVersionAndDoubleDash()
    {
        const Run v = run({"--version"});
        QCOMPARE(v.exitCode, 0);
        QVERIFY(v.out.startsWith("ncre-photo "));
        write("-dash.jpg", PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90));
        QDir::setCurrent(m_dir.path());
        QCOMPARE(run({"check", "--", "-dash.jpg"}).exitCode, 0);
        QCOMPARE(run({"check", "-dash.jpg"}).exitCode, 2);
    }

    void testFixIoErrorsExitTwo()
    {
        QCOMPARE(run({"fix", m_dir.filePath("missing.jpg"), "-o", m_dir.filePath("x.jpg")}).exitCode, 2);
        QCOMPARE(run({"fix", m_dir.filePath("compliant.jpg"), "-o", m_dir.filePath("no/such/dir/x.jpg")}).exitCode, 2);
    }

    void testUsageErrorsExitTwo_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("reason");
        QTest::newRow("nothing") << QStringList{} << "no command";
        QTest::newRow("unknown command") << QStringList{"resize", "a.jpg"} << "unknown command resize";
        QTest::newRow("check without files") << QStringList{"check"} << "at least one file";
        QTest::newRow("check unknown option") << QStringList{"check", "--fast", "a.jpg"} << "unknown option --fast";
        QTest::newRow("fix without -o") << QStringList{"fix", "a.jpg"} << "needs -o";
        QTest::newRow("fix -o without file") << QStringList{"fix", "a.jpg", "-o"} << "-o needs";
        QTest::newRow("fix -o twice") << QStringList{"fix", "a.jpg", "-o", "b.jpg", "-o", "c.jpg"} << "twice";
        QTest::newRow("fix two inputs") << QStringList{"fix", "a.jpg", "b.jpg", "-o", "c.jpg"} << "exactly one";
    }
    void testUsageErrorsExitTwo()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, reason);
        const Run r = run(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains("ncre-photo check"));
        QVERIFY2(r.err.contains(reason.toUtf8()), r.err.constData()); // says what was wrong
    }

    void testMessagesFollowTheLanguageCodesDoNot()
    {
        const Run zh = run({"check", "--json", m_dir.filePath("grey.jpg")}, QStringLiteral("zh_CN.UTF-8"));
        const QJsonObject f = json(zh).at(0).toObject().value("findings").toArray().at(0).toObject();
        QCOMPARE(f.value("code").toString(), QStringLiteral("photo.colour"));
        QCOMPARE(f.value("message").toString(), QString::fromUtf8("照片是黑白的，需要彩色照片。"));
        const Run en = run({"check", "--json", m_dir.filePath("grey.jpg")});
        QCOMPARE(json(en).at(0).toObject().value("findings").toArray().at(0).toObject().value("message").toString(),
                 QStringLiteral("The photo is black and white; a colour photo is required."));
    }
};

QTEST_GUILESS_MAIN(TestPhotoCli)
#include "TestPhotoCli.moc"
