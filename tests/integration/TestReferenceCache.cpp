#include "AsyncWait.h"
#include "ReferenceCache.h"
#include "SecretBox.h"
#include "ServerProcess.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// Reference data kept with its ETag (RegistrationFlow's reference cache): the second fetch is conditional and
// answered 304 from the kept copy, and with the server gone the kept copy answers and says so.
class TestReferenceCache : public QObject
{
    Q_OBJECT

private slots:
    void testConditionalThenOffline()
    {
        auto server = std::make_unique<ServerProcess>();
        QVERIFY2(server->waitReady(), server->stderrText().constData());
        QTemporaryDir dir;
        LocalStore store(SecretBox::newKey());
        QVERIFY(store.open(dir.filePath("store.sqlite")).ok());
        ApiClient api;
        QVERIFY(api.setBaseUrl(server->url("")).ok());
        RetryPolicy quick;
        quick.maxAttempts = 2;
        quick.baseDelayMs = 10;
        api.setRetryPolicy(quick);
        ReferenceCache cache(api, &store);
        QSignalSpy offline(&cache, &ReferenceCache::servedOffline);
        auto fetch = [&](const QString &path) {
            return waitFor<Result<QByteArray, Problem>>([&](auto done) { cache.fetch(path, done); });
        };

        server->stderrText(); // forget the log so far
        const auto first = fetch("/exams/current");
        QVERIFY(first.ok());
        QVERIFY(first->contains("\"id\""));
        QVERIFY(store.cached("/exams/current")->has_value());
        QByteArray log = server->stderrText();
        QVERIFY2(log.contains("path=/api/v1/exams/current status=200"), log.constData());

        const auto second = fetch("/exams/current");
        QVERIFY(second.ok());
        QCOMPARE(second.value(), first.value()); // the kept body, for a 304
        log = server->stderrText();
        QVERIFY2(log.contains("path=/api/v1/exams/current status=304"), log.constData());
        QVERIFY(offline.isEmpty());

        // A path never fetched has nothing to fall back on: the server's answer stands.
        const auto missing = fetch("/exams/nope/sites");
        QVERIFY(!missing.ok());
        QCOMPARE(missing.error().status, 404);

        server.reset();
        const auto away = fetch("/exams/current");
        QVERIFY(away.ok());
        QCOMPARE(away.value(), first.value());
        QCOMPARE(offline.count(), 1);
        QCOMPARE(offline.first().at(0).toString(), QStringLiteral("/exams/current"));
        const auto never = fetch("/announcements");
        QVERIFY(!never.ok());
        QCOMPARE(never.error().status, 0);

        // Without a store nothing is kept, nothing answers offline.
        ReferenceCache bare(api, nullptr);
        const auto none = waitFor<Result<QByteArray, Problem>>([&](auto done) { bare.fetch("/exams/current", done); });
        QVERIFY(!none.ok());
    }
};

QTEST_MAIN(TestReferenceCache)
#include "TestReferenceCache.moc"
