#include "LocalStore.h"
#include "SecretBox.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QElapsedTimer>
#include <QTest>

#include <algorithm>
#include <vector>

using namespace ncre;

// What one autosave costs: LocalStore::saveDraft (seal with secretbox + upsert, WAL, synchronous=NORMAL) against
// the floor of a raw prepared SQLite upsert of the same-sized row in the same kind of file.
class BenchDraftAutosave : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_payload = QByteArray(
        R"({"name":"张三","documentType":"resident_id","documentNumber":"11010519491231002X","ethnicity":"01",)"
        R"("education":"bachelor","occupation":"student","mobile":"13812345678","address":"北京市朝阳区建国路1号",)"
        R"("postalCode":"100020"})");

    // Sorted per-edit latencies in nanoseconds: of the raw upsert (floor) or of LocalStore::saveDraft.
    std::vector<qint64> latencies(bool sealed, int edits = 2000)
    {
        std::vector<qint64> ns;
        ns.reserve(size_t(edits));
        QElapsedTimer t;
        if (sealed) {
            LocalStore store(SecretBox::newKey());
            if (!store.open(m_dir.filePath("latency.sqlite")).ok())
                return {};
            for (int i = 0; i < edits; ++i) {
                t.start();
                if (!store.saveDraft("account", "profile", m_payload + QByteArray::number(i)).ok())
                    return {};
                ns.push_back(t.nsecsElapsed());
            }
        } else {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "rawLatency");
            db.setDatabaseName(m_dir.filePath("rawLatency.sqlite"));
            db.open();
            {
                QSqlQuery q(db);
                q.exec("PRAGMA journal_mode=WAL");
                q.exec("PRAGMA synchronous=NORMAL");
                q.exec("CREATE TABLE IF NOT EXISTS drafts (account TEXT, kind TEXT, body BLOB, updated_at INTEGER, "
                       "PRIMARY KEY (account, kind))");
                q.prepare("INSERT INTO drafts VALUES (?, ?, ?, ?) ON CONFLICT (account, kind) DO UPDATE SET "
                          "body = excluded.body, updated_at = excluded.updated_at");
                for (int i = 0; i < edits; ++i) {
                    t.start();
                    q.bindValue(0, "account");
                    q.bindValue(1, "profile");
                    q.bindValue(2, m_payload + QByteArray::number(i));
                    q.bindValue(3, i);
                    q.exec();
                    ns.push_back(t.nsecsElapsed());
                }
            }
            db.close();
        }
        std::sort(ns.begin(), ns.end());
        return ns;
    }

    static qint64 percentile(const std::vector<qint64> &sorted, double p)
    {
        return sorted.empty() ? 0 : sorted[size_t(p * double(sorted.size() - 1))];
    }

private slots:
    // Median and p99 per edit, reported as the benchmark result so scripts/bench reads them like the rest.
    void floorMedian() { QTest::setBenchmarkResult(qreal(percentile(latencies(false), 0.50)), QTest::WalltimeNanoseconds); }
    void floorP99() { QTest::setBenchmarkResult(qreal(percentile(latencies(false), 0.99)), QTest::WalltimeNanoseconds); }
    void saveDraftMedian() { QTest::setBenchmarkResult(qreal(percentile(latencies(true), 0.50)), QTest::WalltimeNanoseconds); }
    void saveDraftP99() { QTest::setBenchmarkResult(qreal(percentile(latencies(true), 0.99)), QTest::WalltimeNanoseconds); }

    void floorRawUpsert()
    {
        QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "raw");
        db.setDatabaseName(m_dir.filePath("raw.sqlite"));
        QVERIFY(db.open());
        QSqlQuery q(db);
        q.exec("PRAGMA journal_mode=WAL");
        q.exec("PRAGMA synchronous=NORMAL");
        q.exec("CREATE TABLE drafts (account TEXT, kind TEXT, body BLOB, updated_at INTEGER, PRIMARY KEY (account, kind))");
        QVERIFY(q.prepare("INSERT INTO drafts VALUES (?, ?, ?, ?) ON CONFLICT (account, kind) DO UPDATE SET "
                          "body = excluded.body, updated_at = excluded.updated_at"));
        qint64 n = 0;
        QBENCHMARK {
            q.bindValue(0, "account");
            q.bindValue(1, "profile");
            q.bindValue(2, m_payload + QByteArray::number(++n));
            q.bindValue(3, n);
            QVERIFY(q.exec());
        }
        q.finish();
        db.close();
    }

    void saveDraft()
    {
        LocalStore store(SecretBox::newKey());
        QVERIFY(store.open(m_dir.filePath("store.sqlite")).ok());
        qint64 n = 0;
        QBENCHMARK {
            QVERIFY(store.saveDraft("account", "profile", m_payload + QByteArray::number(++n)).ok());
        }
    }
};

QTEST_GUILESS_MAIN(BenchDraftAutosave)
#include "BenchDraftAutosave.moc"
