#include "Meta.h"
#include "PhotoSpec.h"

#include <QTest>

using namespace ncre;

// Which desk must update, which may (ClientVersions::needFor), and how the desk names itself to the server
// (User-Agent "ncre-desk/<version>"), issue 15.
class TestClientVersionRules : public QObject
{
    Q_OBJECT

private slots:
    void testNeed_data()
    {
        QTest::addColumn<QString>("minimum");
        QTest::addColumn<QString>("latest");
        QTest::addColumn<QString>("running");
        QTest::addColumn<int>("need");
        const int none = int(ClientVersions::Need::None);
        const int available = int(ClientVersions::Need::Available);
        const int required = int(ClientVersions::Need::Required);
        QTest::newRow("current") << "1.0.0" << "1.0.0" << "1.0.0" << none;
        QTest::newRow("newer than published") << "1.0.0" << "1.0.0" << "1.1.0" << none;
        QTest::newRow("update available") << "1.0.0" << "1.2.0" << "1.1.9" << available;
        QTest::newRow("numeric, not textual") << "1.0.0" << "1.10.0" << "1.9.0" << available;
        QTest::newRow("below minimum") << "2.0.0" << "2.1.0" << "1.99.99" << required;
        QTest::newRow("at minimum") << "2.0.0" << "2.1.0" << "2.0.0" << available;
        QTest::newRow("short form equals long") << "2.0" << "2.0" << "2.0.0" << none;
        QTest::newRow("unknown running version says nothing") << "2.0.0" << "2.1.0" << "dev" << none;
    }

    void testNeed()
    {
        QFETCH(QString, minimum);
        QFETCH(QString, latest);
        QFETCH(QString, running);
        QFETCH(int, need);
        ClientVersions v;
        v.minimum = minimum;
        v.latest = latest;
        v.downloadUrl = QUrl("https://example.org/");
        QCOMPARE(int(v.needFor(running)), need);
    }

    void testUserAgent()
    {
        QCOMPARE(deskUserAgent(), "ncre-desk/" + deskVersion().toLatin1());
        QCOMPARE(deskVersionFromUserAgent(deskUserAgent()), deskVersion());
        QCOMPARE(deskVersionFromUserAgent("ncre-desk/1.2.3 (X11; Linux)"), QStringLiteral("1.2.3"));
        QCOMPARE(deskVersionFromUserAgent("ncre-desk/1.2.3-beta"), QString());
        QCOMPARE(deskVersionFromUserAgent("Mozilla/5.0 ncre-desk/1.0"), QString());
        QCOMPARE(deskVersionFromUserAgent("curl/8.0"), QString());
        QCOMPARE(deskVersionFromUserAgent(QByteArray(100000, 'x')), QString());
    }

    void testCodecRefusesWhatCannotBeCompared()
    {
        const QJsonObject good{{"minimum", "1.0.0"}, {"latest", "1.2"}, {"downloadUrl", "https://example.org/d"}};
        QVERIFY(ClientVersions::fromJson(good, JsonStrictness::Strict).ok());
        QJsonObject o = good;
        o["minimum"] = "one";
        QCOMPARE(ClientVersions::fromJson(o, JsonStrictness::Strict).error().field, QStringLiteral("minimum"));
        o = good;
        o["downloadUrl"] = "javascript:alert(1)";
        QCOMPARE(ClientVersions::fromJson(o, JsonStrictness::Strict).error().field, QStringLiteral("downloadUrl"));
        // A server that does not publish versions (older than 1.0.0): no client member, nothing to say.
        Meta meta;
        meta.serverTime = QDateTime::currentDateTimeUtc();
        meta.apiVersion = "1.0";
        meta.photoSpec = PhotoSpec::ncreDefault();
        meta.loginProviders = {"password"};
        QJsonObject json = meta.toJson();
        QVERIFY(!json.contains("client"));
        const auto back = Meta::fromJson(json, JsonStrictness::Lenient);
        QVERIFY(back.ok());
        QVERIFY(!back->client);
    }
};

QTEST_GUILESS_MAIN(TestClientVersionRules)
#include "TestClientVersionRules.moc"
