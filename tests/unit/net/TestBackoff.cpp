#include "Backoff.h"

#include <QTest>

using namespace ncre;

class TestBackoff : public QObject
{
    Q_OBJECT

private slots:
    void testRetryable_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<bool>("retryable");
        for (int s : {0, 408, 429, 502, 503, 504})
            QTest::addRow("%d", s) << s << true;
        for (int s : {200, 304, 400, 401, 403, 404, 409, 413, 415, 422, 428, 500, 501})
            QTest::addRow("%d", s) << s << false;
    }
    void testRetryable()
    {
        QFETCH(int, status);
        QFETCH(bool, retryable);
        QCOMPARE(Backoff::isRetryable(status), retryable);
    }

    void testRetryAfter_data()
    {
        QTest::addColumn<QByteArray>("value");
        QTest::addColumn<qint64>("ms"); // -1: not understood
        QTest::addRow("seconds") << QByteArray("7") << qint64(7000);
        QTest::addRow("zero") << QByteArray("0") << qint64(0);
        QTest::addRow("spaces") << QByteArray(" 3 ") << qint64(3000);
        QTest::addRow("http-date 90 s ahead") << QByteArray("Wed, 25 Nov 2026 08:01:30 GMT") << qint64(90000);
        QTest::addRow("http-date in the past") << QByteArray("Wed, 25 Nov 2026 07:00:00 GMT") << qint64(0);
        QTest::addRow("absurd seconds capped at a day") << QByteArray("999999999") << qint64(24 * 3600 * 1000);
        QTest::addRow("negative") << QByteArray("-5") << qint64(-1);
        QTest::addRow("garbage") << QByteArray("soon") << qint64(-1);
        QTest::addRow("empty") << QByteArray() << qint64(-1);
    }
    void testRetryAfter()
    {
        QFETCH(QByteArray, value);
        QFETCH(qint64, ms);
        const QDateTime now(QDate(2026, 11, 25), QTime(8, 0), Qt::UTC);
        const auto parsed = Backoff::parseRetryAfterMs(value, now);
        QCOMPARE(parsed.value_or(-1), ms);
    }

    void testFullJitterBounds_data()
    {
        QTest::addColumn<int>("attempt");
        QTest::addColumn<double>("random");
        QTest::addColumn<qint64>("delay");
        // base 500 ms, ceiling doubles per attempt, capped at 30 s; delay = random * ceiling.
        QTest::addRow("attempt 1, r=0") << 1 << 0.0 << qint64(0);
        QTest::addRow("attempt 1, r=0.5") << 1 << 0.5 << qint64(250);
        QTest::addRow("attempt 2, r=0.5") << 2 << 0.5 << qint64(500);
        QTest::addRow("attempt 3, r=0.999") << 3 << 0.999 << qint64(1998);
        QTest::addRow("attempt 5 capped") << 5 << 0.5 << qint64(4000);
    }
    void testFullJitterBounds()
    {
        QFETCH(int, attempt);
        QFETCH(double, random);
        QFETCH(qint64, delay);
        RetryPolicy policy;
        policy.maxAttempts = 10;
        const Backoff backoff(policy, [random] { return random; });
        QCOMPARE(backoff.nextDelayMs(attempt, std::nullopt, 0).value(), delay);
    }

    void testCeilingNeverExceedsMax()
    {
        RetryPolicy policy;
        policy.maxAttempts = 100;
        policy.deadlineMs = std::numeric_limits<qint64>::max() / 2;
        const Backoff backoff(policy, [] { return 0.9999; });
        for (int attempt = 1; attempt < 60; ++attempt)
            QVERIFY(backoff.nextDelayMs(attempt, std::nullopt, 0).value() <= policy.maxDelayMs);
    }

    void testRetryAfterIsHonouredAndSpread()
    {
        RetryPolicy policy;
        QCOMPARE(Backoff(policy, [] { return 0.0; }).nextDelayMs(1, 5000, 0).value(), qint64(5000));
        QCOMPARE(Backoff(policy, [] { return 0.5; }).nextDelayMs(1, 5000, 0).value(), qint64(7500));
        // Never earlier than the server asked, even when it asks for more than maxDelay.
        QCOMPARE(Backoff(policy, [] { return 0.0; }).nextDelayMs(1, 60000, 0).value(), qint64(60000));
    }

    void testGivesUp()
    {
        RetryPolicy policy;
        policy.maxAttempts = 3;
        policy.deadlineMs = 10000;
        const Backoff backoff(policy, [] { return 0.5; });
        QVERIFY(backoff.nextDelayMs(2, std::nullopt, 0).has_value());
        QVERIFY(!backoff.nextDelayMs(3, std::nullopt, 0).has_value()); // attempts used up
        QVERIFY(!backoff.nextDelayMs(1, 9000, 2000).has_value());      // would pass the deadline
    }
};

QTEST_GUILESS_MAIN(TestBackoff)
#include "TestBackoff.moc"
