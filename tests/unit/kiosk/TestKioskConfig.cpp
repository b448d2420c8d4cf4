#include "KioskConfig.h"
#include "SecretBox.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// KioskConfig (issue 16): a whole configuration loads; each wrong or missing setting stops the kiosk with the key it
// concerns; the staff PIN's rules; --kiosk-set-pin's edit keeps the rest of the file.
class TestKioskConfig : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_hash;

    QString write(const QByteArray &ini, const QString &name = QStringLiteral("kiosk.ini"))
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(ini);
        return path;
    }

    // Every required key, valid.
    QByteArray whole() const
    {
        return "[kiosk]\nserver=https://ncre.example.edu.cn\nsite=bj-bit\nprinter=Front_Desk-1\nstaffPinHash=\"" + m_hash + "\"\n";
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_hash = SecretBox::passwordVerifier(QStringLiteral("480213"));
        QVERIFY(m_hash.startsWith("$argon2id$"));
    }

    void testWholeConfigurationLoads()
    {
        const auto c = KioskConfig::load(write(whole() + "idleTimeout=120\nstaffIdleTimeout=30\ncountdown=20\ncamera=none\n"
                                                         "onScreenKeyboard=TRUE\nlanguage=en\n"));
        QVERIFY2(c.ok(), c ? "" : qPrintable(c.error().message()));
        QCOMPARE(c->server, QUrl("https://ncre.example.edu.cn"));
        QCOMPARE(c->site, QStringLiteral("bj-bit"));
        QCOMPARE(c->printer, QStringLiteral("Front_Desk-1"));
        QVERIFY(!c->printsToFiles());
        QCOMPARE(c->staffPinHash, m_hash);
        QVERIFY(SecretBox::verifyPassword(c->staffPinHash, QStringLiteral("480213")));
        QCOMPARE(c->idleSeconds, 120);
        QCOMPARE(c->staffIdleSeconds, 30);
        QCOMPARE(c->countdownSeconds, 20);
        QCOMPARE(c->camera, QStringLiteral("none"));
        QVERIFY(c->onScreenKeyboard);
        QCOMPARE(c->language, QStringLiteral("en"));
    }

    void testDefaults()
    {
        const auto c = KioskConfig::load(write(whole()));
        QVERIFY(c.ok());
        QCOMPARE(c->idleSeconds, 90);
        QCOMPARE(c->staffIdleSeconds, 60);
        QCOMPARE(c->countdownSeconds, 30);
        QCOMPARE(c->camera, QStringLiteral("default"));
        QVERIFY(!c->onScreenKeyboard);
        QCOMPARE(c->language, QStringLiteral("zh_CN"));
    }

    void testWhatItWritesLoadsBack()
    {
        auto c = KioskConfig::load(write(QByteArray(whole()).replace("printer=Front_Desk-1", "printer=pdf:" + m_dir.path().toUtf8())
                                         + "language=en\n"));
        QVERIFY(c.ok());
        QVERIFY(c->printsToFiles());
        QCOMPARE(c->printDirectory(), m_dir.path());
        const auto again = KioskConfig::load(write(c->toIni(), QStringLiteral("again.ini")));
        QVERIFY2(again.ok(), again ? "" : qPrintable(again.error().message()));
        QCOMPARE(again->staffPinHash, c->staffPinHash);
        QCOMPARE(again->printer, c->printer);
        QCOMPARE(again->language, QStringLiteral("en"));
    }

    // Each row: what is appended to (or replaces in) a whole file, and the key the refusal must name.
    void testRefusals_data()
    {
        QTest::addColumn<QByteArray>("ini");
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("missing");
        const QByteArray pin = "staffPinHash=\"" + m_hash + "\"\n";
        const QByteArray rest = "site=bj-bit\nprinter=q\n" + pin;
        QTest::addRow("no server") << ("[kiosk]\n" + rest) << "server" << true;
        QTest::addRow("plain http elsewhere") << ("[kiosk]\nserver=http://ncre.example.edu.cn\n" + rest) << "server" << false;
        QTest::addRow("not a URL") << ("[kiosk]\nserver=ncre server\n" + rest) << "server" << false;
        QTest::addRow("ftp") << ("[kiosk]\nserver=ftp://127.0.0.1\n" + rest) << "server" << false;
        const QByteArray server = "[kiosk]\nserver=https://a.example\n";
        QTest::addRow("no site") << (server + "printer=q\n" + pin) << "site" << true;
        QTest::addRow("site with a space") << (server + "site=bj bit\nprinter=q\n" + pin) << "site" << false;
        QTest::addRow("site in capitals") << (server + "site=BJ-BIT\nprinter=q\n" + pin) << "site" << false;
        QTest::addRow("site too long") << (server + "site=" + QByteArray(33, 'a') + "\nprinter=q\n" + pin) << "site" << false;
        QTest::addRow("no printer") << (server + "site=bj-bit\n" + pin) << "printer" << true;
        QTest::addRow("printer with a slash") << (server + "site=bj-bit\nprinter=a/b\n" + pin) << "printer" << false;
        QTest::addRow("pdf folder missing") << (server + "site=bj-bit\nprinter=pdf:/nonexistent/folder\n" + pin) << "printer" << false;
        QTest::addRow("pdf folder relative") << (server + "site=bj-bit\nprinter=pdf:prints\n" + pin) << "printer" << false;
        QTest::addRow("pdf without a folder") << (server + "site=bj-bit\nprinter=pdf:\n" + pin) << "printer" << false;
        QTest::addRow("no PIN hash") << (server + "site=bj-bit\nprinter=q\n") << "staffPinHash" << true;
        QTest::addRow("PIN in the clear") << (server + "site=bj-bit\nprinter=q\nstaffPinHash=480213\n") << "staffPinHash" << false;
        QTest::addRow("argon2i, not argon2id")
            << (server + "site=bj-bit\nprinter=q\nstaffPinHash=\"" + QByteArray(m_hash).replace("argon2id", "argon2i") + "\"\n")
            << "staffPinHash" << false;
        const QByteArray base = server + rest;
        QTest::addRow("idle not a number") << (base + "idleTimeout=soon\n") << "idleTimeout" << false;
        QTest::addRow("idle too short") << (base + "idleTimeout=29\n") << "idleTimeout" << false;
        QTest::addRow("idle too long") << (base + "idleTimeout=3601\n") << "idleTimeout" << false;
        QTest::addRow("idle with a unit") << (base + "idleTimeout=90s\n") << "idleTimeout" << false;
        QTest::addRow("staff idle too short") << (base + "staffIdleTimeout=5\n") << "staffIdleTimeout" << false;
        QTest::addRow("countdown too long") << (base + "countdown=600\n") << "countdown" << false;
        QTest::addRow("empty camera") << (base + "camera=\n") << "camera" << false;
        QTest::addRow("keyboard yes") << (base + "onScreenKeyboard=yes\n") << "onScreenKeyboard" << false;
        QTest::addRow("language fr") << (base + "language=fr\n") << "language" << false;
        QTest::addRow("a typo") << (base + "idleTimout=60\n") << "idleTimout" << false;
        QTest::addRow("another group") << (base + "[printer]\nname=q\n") << "[printer]" << false;
        QTest::addRow("outside any group") << ("server=https://a.example\n" + base) << "server" << false;
    }
    void testRefusals()
    {
        QFETCH(QByteArray, ini);
        QFETCH(QString, key);
        QFETCH(bool, missing);
        const auto c = KioskConfig::load(write(ini));
        QVERIFY(!c.ok());
        QCOMPARE(c.error().key, key);
        QCOMPARE(c.error().missing, missing);
        QVERIFY(c.error().message().contains(key));
        QVERIFY(!c.error().expected.isEmpty());
    }

    void testUnreadableFiles()
    {
        // Set twice: QSettings would keep one in silence.
        const auto twice = KioskConfig::load(write(whole() + "server=https://other.example\n"));
        QVERIFY(!twice.ok());
        QVERIFY(twice.error().message().contains("server"));
        // A byte order mark (Windows Notepad) is not a malformed line.
        QVERIFY(KioskConfig::load(write("\xEF\xBB\xBF" + whole())).ok());
        // A line QSettings would skip in silence: the setting looks set and is not.
        const auto skipped = KioskConfig::load(write(whole() + "idleTimeout 60\n"));
        QVERIFY(!skipped.ok());
        QVERIFY(skipped.error().message().contains("line 6"));
        const auto none = KioskConfig::load(m_dir.filePath("absent.ini"));
        QVERIFY(!none.ok());
        QVERIFY(none.error().key.isEmpty());
        QVERIFY(none.error().message().contains("absent.ini"));
        const auto folder = KioskConfig::load(m_dir.path());
        QVERIFY(!folder.ok());
        QVERIFY(folder.error().key.isEmpty());
    }

    void testPinRules_data()
    {
        QTest::addColumn<QString>("pin");
        QTest::addColumn<bool>("acceptable");
        QTest::addRow("six digits") << "480213" << true;
        QTest::addRow("twelve digits") << "480213975310" << true;
        QTest::addRow("five digits") << "48021" << false;
        QTest::addRow("thirteen digits") << "4802139753101" << false;
        QTest::addRow("letters") << "48021a" << false;
        QTest::addRow("full-width digits") << QString::fromUtf8("４８０２１３") << false;
        QTest::addRow("one digit repeated") << "777777" << false;
        QTest::addRow("run up") << "123456" << false;
        QTest::addRow("run up through zero") << "789012" << false;
        QTest::addRow("run down") << "987654" << false;
        QTest::addRow("empty") << "" << false;
    }
    void testPinRules()
    {
        QFETCH(QString, pin);
        QFETCH(bool, acceptable);
        QCOMPARE(KioskConfig::pinProblem(pin).isEmpty(), acceptable);
    }

    void testWritingThePinKeepsTheRestOfTheFile()
    {
        const QString path = write("# front desk terminal\n[kiosk]\nserver=https://ncre.example.edu.cn\n"
                                   "staffPinHash=\"old\"\nsite=bj-bit\n[other]\nstaffPinHash=keep\n");
        QVERIFY(KioskConfig::writePinHash(path, m_hash).ok());
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray text = f.readAll();
        QVERIFY(text.startsWith("# front desk terminal\n[kiosk]\nserver=https://ncre.example.edu.cn\n"));
        QVERIFY(text.contains("staffPinHash=\"" + m_hash + "\"\nsite=bj-bit\n"));
        QVERIFY(!text.contains("\"old\""));
        QVERIFY(text.contains("[other]\nstaffPinHash=keep\n")); // another group's key is not this one

        // A new file is made with the group, readable by its owner and group only.
        const QString fresh = m_dir.filePath("fresh.ini");
        QVERIFY(KioskConfig::writePinHash(fresh, m_hash).ok());
        QFile made(fresh);
        QVERIFY(made.open(QIODevice::ReadOnly));
        QCOMPARE(made.readAll(), "[kiosk]\nstaffPinHash=\"" + m_hash + "\"\n");
        QVERIFY(!(made.permissions() & (QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::WriteGroup)));
        // And the hash reads back as one value, commas and all.
        QFile add(fresh);
        QVERIFY(add.open(QIODevice::Append));
        add.write("server=https://a.example\nsite=s\nprinter=q\n");
        add.close();
        const auto c = KioskConfig::load(fresh);
        QVERIFY2(c.ok(), c ? "" : qPrintable(c.error().message()));
        QCOMPARE(c->staffPinHash, m_hash);

        QVERIFY(!KioskConfig::writePinHash(m_dir.filePath("no/such/folder/kiosk.ini"), m_hash).ok());
    }
};

QTEST_GUILESS_MAIN(TestKioskConfig)
#include "TestKioskConfig.moc"
