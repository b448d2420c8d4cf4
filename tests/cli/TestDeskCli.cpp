#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

// ncre-desk's command line (architecture §7): wrong arguments exit 2 with a reason; --demo starts its own
// ncre-server and reaches the login window (the README's run command).
class TestDeskCli : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home; // QSettings of the runs land here, not in the user's

    QProcessEnvironment env() const
    {
        QProcessEnvironment e = QProcessEnvironment::systemEnvironment();
        e.insert("QT_QPA_PLATFORM", "offscreen");
        e.insert("HOME", m_home.path());
        e.insert("XDG_CONFIG_HOME", m_home.filePath("config"));
        e.insert("XDG_DATA_HOME", m_home.filePath("data"));
        e.insert("NCRE_SERVER_BINARY", NCRE_SERVER_BINARY);
        return e;
    }

    // Reads `p`'s merged output into `out` until it holds `needle`; fails the test if the program ends first.
    static void waitForOutput(QProcess &p, const QByteArray &needle, QByteArray &out)
    {
        QSignalSpy output(&p, &QProcess::readyRead);
        out += p.readAll();
        while (!out.contains(needle)) {
            QVERIFY2(p.state() == QProcess::Running, out.constData());
            QVERIFY2(output.wait(20000), out.constData());
            out += p.readAll();
        }
    }

private slots:
    void testRefusedArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown language") << QStringList{"--lang", "fr"};
        QTest::newRow("plain http elsewhere") << QStringList{"--server", "http://example.com"};
        QTest::newRow("both server and demo") << QStringList{"--server", "https://example.com", "--demo"};
        QTest::newRow("no server at all") << QStringList{};
        QTest::newRow("demo reset without demo") << QStringList{"--demo-reset", "--server", "https://example.com"};
        QTest::newRow("kiosk with --server") << QStringList{"--kiosk", "--server", "https://example.com"};
        QTest::newRow("kiosk without its configuration") << QStringList{"--kiosk", "--kiosk-config", "/nonexistent/kiosk.ini"};
        QTest::newRow("kiosk configuration and demo") << QStringList{"--kiosk", "--demo", "--kiosk-config", "/tmp/x.ini"};
        QTest::newRow("kiosk configuration without kiosk") << QStringList{"--kiosk-config", "/tmp/x.ini", "--server", "https://example.com"};
        QTest::newRow("kiosk in French") << QStringList{"--kiosk", "--demo", "--lang", "fr"};
    }
    void testRefusedArguments()
    {
        QFETCH(QStringList, args);
        QProcess p;
        p.setProcessEnvironment(env());
        p.start(NCRE_DESK_BINARY, args);
        QVERIFY(p.waitForFinished(30000));
        QCOMPARE(p.exitCode(), 2);
        QVERIFY(p.readAllStandardError().contains("ncre-desk: "));
    }

    // --kiosk-set-pin reads the PIN twice from standard input and writes only its hash; refusals change nothing.
    void testKioskSetPin()
    {
        const QString path = m_home.filePath("kiosk.ini");
        QFile::remove(path);
        auto setPin = [&](const QByteArray &input) {
            QProcess p;
            p.setProcessEnvironment(env());
            p.start(NCRE_DESK_BINARY, {"--kiosk-set-pin", "--kiosk-config", path});
            p.write(input);
            p.closeWriteChannel();
            p.waitForFinished(30000);
            return p.exitCode();
        };
        QCOMPARE(setPin("480213\n480219\n"), 2); // the two differ
        QVERIFY(!QFile::exists(path));
        QCOMPARE(setPin("123456\n123456\n"), 2); // too easy
        QCOMPARE(setPin("48021\n48021\n"), 2);   // too short
        QCOMPARE(setPin(""), 2);                  // nothing typed
        QVERIFY(!QFile::exists(path));
        QCOMPARE(setPin("480213\n480213\n"), 0);
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray ini = f.readAll();
        QVERIFY(ini.startsWith("[kiosk]\nstaffPinHash=\"$argon2id$v=19$"));
        QVERIFY(!ini.contains("480213"));
    }

    // A kiosk configuration missing a key, or with a wrong one, stops the kiosk naming the key; a whole one starts
    // it to its welcome screen.
    void testKioskConfiguration()
    {
        const QString path = m_home.filePath("kiosk-run.ini");
        QFile::remove(path);
        auto write = [&](const QByteArray &ini) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(ini);
        };
        auto refusal = [&]() {
            QProcess p;
            p.setProcessEnvironment(env());
            p.start(NCRE_DESK_BINARY, {"--kiosk", "--kiosk-config", path});
            p.waitForFinished(30000);
            return qMakePair(p.exitCode(), p.readAllStandardError());
        };
        write("[kiosk]\nserver=https://ncre.example.invalid\nsite=bj-bit\nprinter=front-desk\n");
        auto [code, err] = refusal();
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("staffPinHash") && err.contains("--kiosk-set-pin"), err.constData());
        QProcess pin;
        pin.setProcessEnvironment(env());
        pin.start(NCRE_DESK_BINARY, {"--kiosk-set-pin", "--kiosk-config", path});
        pin.write("480213\n480213\n");
        pin.closeWriteChannel();
        QVERIFY(pin.waitForFinished(30000));
        QCOMPARE(pin.exitCode(), 0);
        QFile f(path);
        QVERIFY(f.open(QIODevice::Append));
        f.write("idleTimeout=5\n");
        f.close();
        std::tie(code, err) = refusal();
        QCOMPARE(code, 2);
        QVERIFY2(err.contains("idleTimeout") && err.contains("30") && err.contains("3600"), err.constData());

        QVERIFY(f.open(QIODevice::ReadOnly));
        QByteArray ini = f.readAll();
        f.close();
        write(ini.replace("idleTimeout=5", "idleTimeout=60"));
        QProcess p;
        p.setProcessEnvironment(env());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(NCRE_DESK_BINARY, {"--kiosk", "--kiosk-config", path});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        waitForOutput(p, "welcome screen shown", out);
        if (QTest::currentTestFailed())
            return;
        // Stopped by its service (SIGTERM): the session is wiped first, then it ends cleanly.
        p.terminate();
        QVERIFY(p.waitForFinished(20000));
        out += p.readAll();
        QCOMPARE(p.exitStatus(), QProcess::NormalExit);
        QCOMPARE(p.exitCode(), 0);
        QVERIFY2(out.contains("session wiped completely"), out.constData());
    }

    // `--kiosk --demo`: its own demo server, a staff PIN printed for this run, and the welcome screen.
    void testKioskDemo()
    {
        QProcess p;
        p.setProcessEnvironment(env());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(NCRE_DESK_BINARY, {"--kiosk", "--demo", "--lang", "en"});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        waitForOutput(p, "welcome screen shown", out);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(QRegularExpression("the staff PIN is [0-9]{6} ").match(QString::fromUtf8(out)).hasMatch());
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
    }

    void testDemoStartsItsServerAndShowsLogin()
    {
        QProcess p;
        QProcessEnvironment e = env();
        e.insert("QT_LOGGING_RULES", "ncre.workflow.info=true");
        p.setProcessEnvironment(e);
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(NCRE_DESK_BINARY, {"--demo", "--lang", "en"});
        QVERIFY(p.waitForStarted());
        QByteArray out;
        waitForOutput(p, "demo server ready at http://127.0.0.1:", out);
        if (QTest::currentTestFailed())
            return;
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
    }

    // The demo keeps its data between runs (a database under the app's data folder); --demo-reset starts over; and
    // its server ends with the app even when the app is killed.
    void testDemoDataIsKeptResetAndItsServerEndsWithTheApp()
    {
        const QString db = m_home.filePath("data") + QStringLiteral("/NCRE/NCRE Desk/demo/demo.sqlite");
        auto startDemo = [&](const QStringList &extra) {
            auto p = std::make_unique<QProcess>();
            QProcessEnvironment e = env();
            e.insert("QT_LOGGING_RULES", "ncre.workflow.info=true");
            p->setProcessEnvironment(e);
            p->setProcessChannelMode(QProcess::MergedChannels);
            p->start(NCRE_DESK_BINARY, QStringList{"--demo", "--lang", "en"} + extra);
            p->waitForStarted();
            QByteArray out;
            while (p->state() == QProcess::Running && !out.contains("demo server ready at")) {
                if (!p->waitForReadyRead(20000))
                    break;
                out += p->readAll();
            }
            if (!out.contains("demo server ready at"))
                qWarning("%s", out.constData());
            return std::make_pair(std::move(p), out.contains("demo server ready at"));
        };
        auto serverRunning = [&]() {
            QProcess ps;
            ps.start(QStringLiteral("pgrep"), {QStringLiteral("-f"), QStringLiteral("ncre-server.*") + db});
            ps.waitForFinished(5000);
            return ps.exitCode() == 0;
        };
        {
            auto [desk, ready] = startDemo({});
            QVERIFY(ready);
            QVERIFY(QFile::exists(db));
            QVERIFY(serverRunning());
            desk->kill(); // SIGKILL: the app has no chance to stop its server
            QVERIFY(desk->waitForFinished(10000));
            QVERIFY(QTest::qWaitFor([&] { return !serverRunning(); }, 15000));
        }
        // Kept: the same file. --demo-reset: a fresh one (a damaged file is replaced, not reused).
        QFile damaged(db);
        QVERIFY(damaged.open(QIODevice::WriteOnly));
        damaged.write("not a database");
        damaged.close();
        {
            auto [desk, ready] = startDemo({"--demo-reset"});
            QVERIFY(ready);
            QFile fresh(db);
            QVERIFY(fresh.open(QIODevice::ReadOnly));
            QVERIFY(fresh.read(16).startsWith("SQLite format 3"));
            desk->terminate();
            QVERIFY(desk->waitForFinished(10000));
            QVERIFY(QTest::qWaitFor([&] { return !serverRunning(); }, 15000));
        }
    }
};

QTEST_GUILESS_MAIN(TestDeskCli)
#include "TestDeskCli.moc"
