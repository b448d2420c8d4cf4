#include "HttpRequest.h"

#include <QTest>

using ncre::server::clientBucket;

// Whom ncre-server's per-address limits count (issue 14): an IPv6 client by its /64, which one subscriber is given
// whole (found by an attack: counting single IPv6 addresses gave every client 2^64 allowances); IPv4, also mapped
// into IPv6, by its address.
class TestClientBucket : public QObject
{
    Q_OBJECT

private slots:
    void testBuckets_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("bucket");
        QTest::newRow("IPv4") << "203.0.113.7" << "203.0.113.7";
        QTest::newRow("IPv4-mapped") << "::ffff:203.0.113.7" << "203.0.113.7";
        QTest::newRow("IPv6") << "2001:db8:1:2:aaaa:bbbb:cccc:dddd" << "2001:db8:1:2::/64";
        QTest::newRow("IPv6, same /64") << "2001:db8:1:2::1" << "2001:db8:1:2::/64";
        QTest::newRow("IPv6 loopback") << "::1" << "::/64";
    }
    void testBuckets()
    {
        QFETCH(QString, address);
        QFETCH(QString, bucket);
        QCOMPARE(clientBucket(QHostAddress(address)), bucket);
    }

    void testNeighboursDiffer()
    {
        QVERIFY(clientBucket(QHostAddress("2001:db8:1:2::1")) != clientBucket(QHostAddress("2001:db8:1:3::1")));
        QVERIFY(clientBucket(QHostAddress("203.0.113.7")) != clientBucket(QHostAddress("203.0.113.8")));
    }
};

QTEST_GUILESS_MAIN(TestClientBucket)
#include "TestClientBucket.moc"
