#include "PhotoSpec.h"

#include <QJsonDocument>
#include <QTest>

using namespace ncre;

class TestPhotoSpec : public QObject
{
    Q_OBJECT

private slots:
    void testNcreDefaultIsTheManualsRules()
    {
        const PhotoSpec spec = PhotoSpec::ncreDefault();
        QCOMPARE(spec.format, QStringLiteral("image/jpeg"));
        QCOMPARE(spec.minWidth, 144);
        QCOMPARE(spec.minHeight, 192);
        QCOMPARE(spec.minBytes, qint64(20 * 1024));
        QCOMPARE(spec.maxBytes, qint64(200 * 1024));
        QCOMPARE(spec.widthMm, 33.0);
        QCOMPARE(spec.heightMm, 48.0);
        QVERIFY(spec.colour);
        QCOMPARE(spec.composition.topMargin, 0.1);
        QCOMPARE(spec.composition.head, 0.7);
        QCOMPARE(spec.backgroundColours.first(), QStringLiteral("#FFFFFF"));
    }

    void testAspect_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("height");
        QTest::addColumn<bool>("accepted");
        QTest::addRow("144x192 (3:4)") << 144 << 192 << true;
        QTest::addRow("33:48") << 330 << 480 << true;
        QTest::addRow("slightly narrow, within tolerance") << 132 << 197 << true; // 0.670
        QTest::addRow("square") << 200 << 200 << false;
        QTest::addRow("landscape") << 192 << 144 << false;
        QTest::addRow("very narrow") << 100 << 200 << false;
        QTest::addRow("zero") << 0 << 192 << false;
    }
    void testAspect()
    {
        QFETCH(int, width);
        QFETCH(int, height);
        QFETCH(bool, accepted);
        QCOMPARE(PhotoSpec::ncreDefault().aspectAccepted(width, height), accepted);
    }

    void testRoundTrip()
    {
        const QJsonObject json = PhotoSpec::ncreDefault().toJson();
        const Result<PhotoSpec> again = PhotoSpec::fromJson(json, JsonStrictness::Strict);
        QVERIFY(again.ok());
        QCOMPARE(again->toJson(), json);
    }

    void testRejectsBadSpecs_data()
    {
        QTest::addColumn<QString>("member");
        QTest::addColumn<QJsonValue>("value");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("field");
        QTest::addRow("min above max") << "minWidth" << QJsonValue(5000) << "json.range" << "minWidth";
        QTest::addRow("negative bytes") << "minBytes" << QJsonValue(-1) << "json.range" << "minBytes";
        QTest::addRow("fractional pixels") << "minHeight" << QJsonValue(191.5) << "json.type" << "minHeight";
        QTest::addRow("string pixels") << "minHeight" << QJsonValue("192") << "json.type" << "minHeight";
        QTest::addRow("aspect inverted") << "aspectMin" << QJsonValue(0.9) << "json.range" << "aspectMin";
        QTest::addRow("bad colour") << "backgroundColours" << QJsonValue(QJsonArray{"white"}) << "json.value"
                                    << "backgroundColours";
        QTest::addRow("missing composition") << "composition" << QJsonValue() << "json.missing" << "composition";
        QTest::addRow("head above 1") << "composition" << QJsonValue(QJsonObject{{"topMargin", 0.1}, {"head", 1.5},
                                                                              {"shoulders", 0.2}, {"sideMargin", 0.1},
                                                                              {"tolerance", 0.05}})
                                      << "json.range" << "composition.head";
        QTest::addRow("unknown member") << "sepia" << QJsonValue(true) << "json.unknownField" << "sepia";
    }
    void testRejectsBadSpecs()
    {
        QFETCH(QString, member);
        QFETCH(QJsonValue, value);
        QFETCH(QString, code);
        QFETCH(QString, field);
        QJsonObject json = PhotoSpec::ncreDefault().toJson();
        if (value.isNull())
            json.remove(member);
        else
            json.insert(member, value);
        const Result<PhotoSpec> r = PhotoSpec::fromJson(json, JsonStrictness::Strict);
        QVERIFY(!r.ok());
        QCOMPARE(errorCodeName(r.error().code), code);
        QCOMPARE(r.error().field, field);
    }
};

QTEST_GUILESS_MAIN(TestPhotoSpec)
#include "TestPhotoSpec.moc"
