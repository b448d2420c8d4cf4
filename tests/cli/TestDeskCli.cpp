#include <QProcess>
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

private slots:
    void testRefusedArguments_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::newRow("unknown language") << QStringList{"--lang", "fr"};
        QTest::newRow("plain http elsewhere") << QStringList{"--server", "http://example.com"};
        QTest::newRow("both server and demo") << QStringList{"--server", "https://example.com", "--demo"};
        QTest::newRow("no server at all") << QStringList{};
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
        QSignalSpy output(&p, &QProcess::readyRead);
        while (!out.contains("demo server ready at http://127.0.0.1:")) {
            QVERIFY2(p.state() == QProcess::Running, out.constData());
            QVERIFY2(output.wait(20000), out.constData());
            out += p.readAll();
        }
        p.terminate();
        QVERIFY(p.waitForFinished(10000));
    }
};

QTEST_GUILESS_MAIN(TestDeskCli)
#include "TestDeskCli.moc"
