#include "Backoff.h"

#include <QRandomGenerator>
#include <QTest>

#include <map>

using namespace ncre;

// A 503 storm: N clients all told "Retry-After: 10" at the same moment. How many come back in the busiest second,
// with our Backoff (retries spread over [RA, 2·RA]) against the floor of clients that retry exactly at Retry-After?
// Reported through QBENCHMARK's counter as "clients in the busiest second" (lower is better).
class BenchRetryJitter : public QObject
{
    Q_OBJECT

private:
    static int busiestSecond(int clients, bool jitter)
    {
        QRandomGenerator rng(7);
        const Backoff backoff(RetryPolicy{}, [&rng] { return rng.generateDouble(); });
        std::map<qint64, int> perSecond;
        for (int i = 0; i < clients; ++i) {
            const qint64 delay = jitter ? backoff.nextDelayMs(1, 10'000, 0).value() : 10'000;
            ++perSecond[delay / 1000];
        }
        int busiest = 0;
        for (const auto &[second, count] : perSecond)
            busiest = std::max(busiest, count);
        return busiest;
    }

private slots:
    void floorNoJitter()
    {
        int busiest = 0;
        QBENCHMARK {
            busiest = busiestSecond(10000, false);
        }
        QTest::setBenchmarkResult(busiest, QTest::Events);
    }

    void withBackoff()
    {
        int busiest = 0;
        QBENCHMARK {
            busiest = busiestSecond(10000, true);
        }
        QTest::setBenchmarkResult(busiest, QTest::Events);
        QVERIFY(busiest < 10000);
    }
};

QTEST_GUILESS_MAIN(BenchRetryJitter)
#include "BenchRetryJitter.moc"
