#include "LocalStore.h"
#include "SecretBox.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

class TestLocalStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    QByteArray m_key = SecretBox::newKey();

    QString path(const char *name) { return m_dir.filePath(QLatin1String(name)); }

private slots:
    void testDraftsRoundTripPerAccount()
    {
        LocalStore store(m_key);
        const auto opened = store.open(path("drafts.sqlite"));
        QVERIFY(opened.ok());
        QCOMPARE(opened->migratedFrom, 0);
        QCOMPARE(store.schemaVersion(), LocalStore::latestSchemaVersion());
        QVERIFY(store.saveDraft("zhangsan", "profile", "{\"name\":\"张三\"}").ok());
        QVERIFY(store.saveDraft("lisi", "profile", "{\"name\":\"李四\"}").ok());
        QVERIFY(store.saveDraft("zhangsan", "profile", "{\"name\":\"张三丰\"}").ok()); // replaces
        QCOMPARE(store.loadDraft("zhangsan", "profile")->value(), QByteArray("{\"name\":\"张三丰\"}"));
        QCOMPARE(store.loadDraft("lisi", "profile")->value(), QByteArray("{\"name\":\"李四\"}"));
        QVERIFY(!store.loadDraft("zhangsan", "subjects")->has_value());
        QVERIFY(!store.loadDraft("nobody", "profile")->has_value());
    }

    // The canary: an ID number and a name saved in a draft appear nowhere in the file, its WAL or its journal.
    void testNothingPersonalInTheClear()
    {
        const QByteArray idNumber = "11010519491231002X";
        const QByteArray name = QString::fromUtf8("金丝雀").toUtf8();
        {
            LocalStore store(m_key);
            QVERIFY(store.open(path("canary.sqlite")).ok());
            QVERIFY(store.saveDraft("canary-account", "profile", "{\"documentNumber\":\"" + idNumber + "\",\"name\":\"" + name + "\"}").ok());
        }
        for (const char *suffix : {"", "-wal", "-shm"}) {
            QFile f(path("canary.sqlite") + QLatin1String(suffix));
            if (!f.open(QIODevice::ReadOnly))
                continue;
            const QByteArray bytes = f.readAll();
            QVERIFY(!bytes.contains(idNumber));
            QVERIFY(!bytes.contains(name));
            QVERIFY(!bytes.contains("canary-account"));
        }
    }

    void testWrongKeyCannotRead()
    {
        {
            LocalStore store(m_key);
            QVERIFY(store.open(path("keyed.sqlite")).ok());
            QVERIFY(store.saveDraft("a", "profile", "secret").ok());
        }
        LocalStore other(SecretBox::newKey());
        QVERIFY(other.open(path("keyed.sqlite")).ok());
        const auto r = other.loadDraft("a", "profile");
        QVERIFY(!r.ok());
        QCOMPARE(r.error().code, ErrorCode::StoreDecrypt);
        LocalStore noKey(QByteArray(5, 'k'));
        QCOMPARE(noKey.open(path("keyed.sqlite")).error().code, ErrorCode::StoreOpen);
    }

    void testDamagedFileIsMovedAsideAndTheAppStartsClean()
    {
        {
            QFile f(path("damaged.sqlite"));
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(QByteArray(8192, '\x5a')); // not a database
        }
        LocalStore store(m_key);
        const auto opened = store.open(path("damaged.sqlite"));
        QVERIFY(opened.ok());
        QVERIFY(!opened->movedAsideTo.isEmpty());
        QVERIFY(QFile::exists(opened->movedAsideTo)); // kept, not deleted
        QCOMPARE(QFile(opened->movedAsideTo).size(), qint64(8192));
        QVERIFY(store.saveDraft("a", "profile", "x").ok());
    }

    // The kept documents open offline after the account password is checked here: the store keeps a verifier
    // (never the password), replaced on each login, and forgotten with the account.
    void testUnlockVerifier()
    {
        LocalStore store(m_key);
        QVERIFY(store.open(path("unlock.sqlite")).ok());
        QVERIFY(!store.unlockVerifier("li.lei")->has_value());
        const QByteArray verifier = SecretBox::passwordVerifier(QStringLiteral("Secret-pass-1"));
        QVERIFY(verifier.startsWith("$argon2id$"));
        QVERIFY(store.putUnlockVerifier("li.lei", verifier).ok());
        QVERIFY(store.putDocument("li.lei", "ticket", "%PDF-1.7 ticket", "e1").ok());
        store.close();

        QFile file(path("unlock.sqlite"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("Secret-pass-1"));

        LocalStore again(m_key);
        QVERIFY(again.open(path("unlock.sqlite")).ok());
        const auto kept = again.unlockVerifier("li.lei");
        QVERIFY(kept.ok() && kept->has_value());
        QVERIFY(SecretBox::verifyPassword(kept->value(), QStringLiteral("Secret-pass-1")));
        QVERIFY(!SecretBox::verifyPassword(kept->value(), QStringLiteral("Secret-pass-2")));
        QVERIFY(!SecretBox::verifyPassword(QByteArray("garbage"), QStringLiteral("Secret-pass-1")));
        QVERIFY(!again.unlockVerifier("han.meimei")->has_value()); // per account
        QCOMPARE(again.documentKinds("li.lei").value(), QStringList{"ticket"});
        QVERIFY(again.wipeAccount("li.lei").ok());
        QVERIFY(!again.unlockVerifier("li.lei")->has_value());
        QVERIFY(again.documentKinds("li.lei")->isEmpty());
    }

    // One test per migration: a file left at version N opens, migrates to the latest, and keeps its data.
    void testMigrations_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v < LocalStore::latestSchemaVersion(); ++v)
            QTest::addRow("from version %d", v) << v;
    }
    void testMigrations()
    {
        QFETCH(int, from);
        const QString file = path("migrate.sqlite") + QString::number(from);
        QByteArray sealed;
        {
            // Build a file at version `from` with the early migrations only, as an older NCRE Desk left it.
            LocalStore full(m_key);
            QVERIFY(full.open(file + ".template").ok());
            QVERIFY(full.saveDraft("a", "profile", "kept").ok());
            full.close();
            QFile::copy(file + ".template", file);
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "downgrade");
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery q(db);
            const QStringList later = {"DROP TABLE IF EXISTS unlock", "DROP TABLE IF EXISTS documents", "DROP TABLE IF EXISTS outbox", "DROP TABLE IF EXISTS reference_cache",
                                       "DROP TABLE IF EXISTS drafts"};
            // Undo the migrations above `from`, newest first.
            for (int v = LocalStore::latestSchemaVersion(); v > from; --v)
                QVERIFY(q.exec(later.at(LocalStore::latestSchemaVersion() - v)));
            QVERIFY(q.exec(QString("PRAGMA user_version = %1").arg(from)));
            db.close();
        }
        QSqlDatabase::removeDatabase("downgrade");
        LocalStore store(m_key);
        const auto opened = store.open(file);
        QVERIFY(opened.ok());
        QCOMPARE(opened->migratedFrom, from);
        QCOMPARE(store.schemaVersion(), LocalStore::latestSchemaVersion());
        const auto draft = store.loadDraft("a", "profile");
        QVERIFY(draft.ok());
        if (from >= 1)
            QCOMPARE(draft->value(), QByteArray("kept"));
        QVERIFY(store.saveDraft("a", "profile", "new").ok());
    }

    void testNewerSchemaIsRefused()
    {
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "future");
            db.setDatabaseName(path("future.sqlite"));
            QVERIFY(db.open());
            QSqlQuery(db).exec("PRAGMA user_version = 999");
            db.close();
        }
        QSqlDatabase::removeDatabase("future");
        LocalStore store(m_key);
        QCOMPARE(store.open(path("future.sqlite")).error().code, ErrorCode::StoreOpen);
    }

    void testFailedWriteLeavesThePreviousDraft()
    {
        LocalStore store(m_key);
        QVERIFY(store.open(path("fail.sqlite")).ok());
        QVERIFY(store.saveDraft("a", "profile", "first").ok());
        store.failStatementAfter(1);
        QCOMPARE(store.saveDraft("a", "profile", "second").error().code, ErrorCode::StoreWrite);
        QCOMPARE(store.loadDraft("a", "profile")->value(), QByteArray("first"));
    }

    void testReferenceCacheKeepsBodyAndEtag()
    {
        LocalStore store(m_key);
        QVERIFY(store.open(path("cache.sqlite")).ok());
        QVERIFY(!store.cached("exam/current")->has_value());
        QVERIFY(store.putCached("exam/current", "\"abc\"", "{\"id\":\"2027-03\"}").ok());
        QVERIFY(store.putCached("exam/current", "\"def\"", "{\"id\":\"2027-09\"}").ok());
        const auto c = store.cached("exam/current");
        QVERIFY(c.ok() && c->has_value());
        QCOMPARE(c->value().etag, QByteArray("\"def\""));
        QCOMPARE(c->value().body, QByteArray("{\"id\":\"2027-09\"}"));
        QVERIFY(c->value().fetchedAt > 0);
    }

    void testOutboxKeepsKeysOrderAndSealsBodies()
    {
        const QByteArray idNumber = "440524188001010014";
        {
            LocalStore store(m_key);
            QVERIFY(store.open(path("outbox.sqlite")).ok());
            QVERIFY(store.enqueue("a", "PUT", "/registrations/current/profile", "{\"documentNumber\":\"" + idNumber + "\"}", "key-1").ok());
            QVERIFY(store.enqueue("a", "POST", "/registrations/current/submit", "{\"guarantee\":true}", "key-2").ok());
            QVERIFY(store.enqueue("b", "POST", "/registrations/current/submit", {}, "key-3").ok());
            QCOMPARE(store.enqueue("a", "POST", "/x", {}, {}).error().code, ErrorCode::IdempotencyKeyMissing);
            // The same key twice is the same submission, not a second one.
            QVERIFY(!store.enqueue("a", "POST", "/registrations/current/submit", {}, "key-2").ok());
        }
        QFile file(path("outbox.sqlite"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains(idNumber));
        QFile wal(path("outbox.sqlite") + "-wal");
        if (wal.open(QIODevice::ReadOnly))
            QVERIFY(!wal.readAll().contains(idNumber));

        LocalStore store(m_key); // a restart: the queue survives
        QVERIFY(store.open(path("outbox.sqlite")).ok());
        const auto queued = store.pending("a");
        QVERIFY(queued.ok());
        QCOMPARE(queued->size(), 2);
        QCOMPARE(queued->at(0).idempotencyKey, QByteArray("key-1"));
        QVERIFY(queued->at(0).body.contains(idNumber));
        QCOMPARE(queued->at(1).path, QStringLiteral("/registrations/current/submit"));
        QVERIFY(store.dequeue(queued->at(0).id).ok());
        QCOMPARE(store.pending("a")->size(), 1);
        QCOMPARE(store.pending("b")->size(), 1);
        QVERIFY(store.wipeAccount("a").ok());
        QCOMPARE(store.pending("a")->size(), 0);
    }

    // Documents kept per account, sealed: the bytes come back as stored, never appear in the file, and a row whose
    // seal was tampered with is refused rather than shown.
    void testDocumentsAreKeptSealedPerAccount()
    {
        const QByteArray pdf = "%PDF-1.7 admission ticket of 11010519491231002X";
        {
            LocalStore store(m_key);
            QVERIFY(store.open(path("documents.sqlite")).ok());
            QVERIFY(store.putDocument("a", "ticket", pdf, "\"v1\"").ok());
            QVERIFY(store.putDocument("a", "ticket", pdf + " v2", "\"v2\"").ok()); // replaces
            const auto kept = store.document("a", "ticket");
            QVERIFY(kept.ok() && kept->has_value());
            QCOMPARE(kept->value().bytes, pdf + " v2");
            QCOMPARE(kept->value().etag, QByteArray("\"v2\""));
            QVERIFY(!store.document("b", "ticket")->has_value());
            QVERIFY(!store.document("a", "form")->has_value());
        }
        for (const char *suffix : {"", "-wal"}) {
            QFile f(path("documents.sqlite") + QLatin1String(suffix));
            if (f.open(QIODevice::ReadOnly))
                QVERIFY(!f.readAll().contains("11010519491231002X"));
        }
        {
            QSqlDatabase db = QSqlDatabase::addDatabase("QSQLITE", "tamper");
            db.setDatabaseName(path("documents.sqlite"));
            QVERIFY(db.open());
            QSqlQuery q(db);
            QVERIFY(q.exec("UPDATE documents SET sealed = substr(sealed, 1, length(sealed) - 1) || "
                           "CASE WHEN substr(sealed, -1) = x'00' THEN x'01' ELSE x'00' END"));
            db.close();
        }
        QSqlDatabase::removeDatabase("tamper");
        LocalStore store(m_key);
        QVERIFY(store.open(path("documents.sqlite")).ok());
        const auto tampered = store.document("a", "ticket");
        QVERIFY(!tampered.ok());
        QCOMPARE(tampered.error().code, ErrorCode::StoreDecrypt);
    }

    void testWipeRemovesEveryTrace()
    {
        LocalStore store(m_key);
        QVERIFY(store.open(path("wipe.sqlite")).ok());
        QVERIFY(store.saveDraft("kiosk-user", "profile", "p").ok());
        QVERIFY(store.saveDraft("kiosk-user", "subjects", "s").ok());
        QVERIFY(store.saveDraft("other", "profile", "o").ok());
        QVERIFY(store.putDocument("kiosk-user", "ticket", "%PDF-1.7 ticket", "\"v1\"").ok());
        QVERIFY(store.wipeAccount("kiosk-user").ok());
        QVERIFY(!store.document("kiosk-user", "ticket")->has_value());
        QVERIFY(!store.loadDraft("kiosk-user", "profile")->has_value());
        QVERIFY(!store.loadDraft("kiosk-user", "subjects")->has_value());
        QCOMPARE(store.loadDraft("other", "profile")->value(), QByteArray("o"));
    }
};

QTEST_GUILESS_MAIN(TestLocalStore)
#include "TestLocalStore.moc"
