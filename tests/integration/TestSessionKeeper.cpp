#include "FlowRig.h"
#include "Keychain.h"
#include "PhotoFixtures.h"
#include "SessionKeeper.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QLoggingCategory>
#include <QSettings>
#include <QTest>

using namespace ncre;

namespace {

// Every message of every category, debug included, as the app would write it.
QByteArray g_log;
void captureMessage(QtMsgType, const QMessageLogContext &context, const QString &message)
{
    g_log += QByteArray(context.category ? context.category : "") + ": " + message.toUtf8() + '\n';
}

} // namespace

// The session kept in a real Secret Service (gnome-keyring in a private D-Bus session, tests/keychain-session.sh)
// against a real ncre-server; and the canary: an ID number, a name, a mobile number and both tokens, planted through
// a whole registration, appear in no log, no QSettings file and nothing unencrypted on disk.
class TestSessionKeeper : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;

    static std::optional<QByteArray> kept(Keychain &keychain, const QString &entry)
    {
        const auto r = waitFor<Result<std::optional<QByteArray>>>([&](auto done) { keychain.read(entry, done); });
        return r ? r.value() : std::nullopt;
    }

private slots:
    void init()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY2(m_server->waitReady(), m_server->stderrText().constData());
    }
    void cleanup() { m_server.reset(); }

    void testRefreshTokenLivesInTheKeychainOnly()
    {
        TestHttp hooks(*m_server);
        hooks.registerAndLogIn("kept.session");
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        QByteArray issued;
        {
            ApiClient api;
            QVERIFY(api.setBaseUrl(m_server->url("")).ok());
            AuthSession auth(api);
            SessionKeeper keeper(auth, keychain, api.baseUrl());
            QSignalSpy changed(&auth, &AuthSession::refreshTokenChanged);
            const LoginRequest login = passwordLogin(api, hooks, "kept.session", "Secret-pass-1");
            const auto session = waitFor<Result<Session, Problem>>([&](auto done) { auth.logIn(login, done); });
            QVERIFY(session.ok());
            waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
            issued = changed.last().at(0).toByteArray();
            QVERIFY(!issued.isEmpty());
            // The account's name with it, so a start without the server still knows whose data to open.
            QCOMPARE(kept(keychain, keeper.entryName()), std::optional<QByteArray>("kept.session\n" + issued));
        }
        // The next start: no password asked, the kept token resumes the session and is rotated in the keychain.
        ApiClient api;
        QVERIFY(api.setBaseUrl(m_server->url("")).ok());
        AuthSession auth(api);
        SessionKeeper keeper(auth, keychain, api.baseUrl());
        const auto resumed = waitFor<Result<Session, Problem>>([&](auto done) { keeper.resume(done); });
        QVERIFY(resumed.ok());
        QCOMPARE(resumed->account.username, QStringLiteral("kept.session"));
        waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        const auto rotated = kept(keychain, keeper.entryName());
        QVERIFY(rotated && rotated->startsWith("kept.session\n") && !rotated->endsWith(issued));
        const auto reg = waitFor<Result<std::optional<Registration>, Problem>>(
            [&](auto done) { api.registration({}, [done](auto r, QByteArray) { done(std::move(r)); }); });
        QCOMPARE(reg.error().code, ErrorCode::ResourceNotFound); // authenticated: no registration yet, not 401

        // Logging out forgets it; a start after that asks for the password.
        waitFor<bool>([&](auto done) { auth.logOut([done]() { done(true); }); });
        waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        QCOMPARE(kept(keychain, keeper.entryName()), std::nullopt);
        const auto none = waitFor<Result<Session, Problem>>([&](auto done) { keeper.resume(done); });
        QCOMPARE(none.error().code, ErrorCode::AuthRequired);
    }

    // The server is away at start: the kept session is restored as it is (no access token), named, and kept.
    void testServerAwayKeepsTheSession()
    {
        TestHttp hooks(*m_server);
        hooks.registerAndLogIn("kept.away");
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        const QUrl server = m_server->url("");
        {
            ApiClient api;
            QVERIFY(api.setBaseUrl(server).ok());
            AuthSession auth(api);
            SessionKeeper keeper(auth, keychain, api.baseUrl());
            const LoginRequest login = passwordLogin(api, hooks, "kept.away", "Secret-pass-1");
            QVERIFY((waitFor<Result<Session, Problem>>([&](auto done) { auth.logIn(login, done); }).ok()));
            waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        }
        m_server.reset();
        ApiClient api;
        QVERIFY(api.setBaseUrl(server).ok());
        AuthSession auth(api);
        SessionKeeper keeper(auth, keychain, api.baseUrl());
        const auto away = waitFor<Result<Session, Problem>>([&](auto done) { keeper.resume(done, 2); });
        QCOMPARE(away.error().status, 0);
        QVERIFY(auth.isLoggedIn());
        QCOMPARE(auth.account().username, QStringLiteral("kept.away"));
        waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        QVERIFY(kept(keychain, keeper.entryName()).has_value()); // not forgotten for want of a network
    }

    void testKeptTokenRefusedByTheServerIsForgotten()
    {
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        ApiClient api;
        QVERIFY(api.setBaseUrl(m_server->url("")).ok());
        AuthSession auth(api);
        SessionKeeper keeper(auth, keychain, api.baseUrl());
        QVERIFY(waitFor<Result<void>>([&](auto done) { keychain.write(keeper.entryName(), "not-a-token", done); }).ok());
        const auto refused = waitFor<Result<Session, Problem>>([&](auto done) { keeper.resume(done); });
        QCOMPARE(refused.error().status, 401);
        waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        QCOMPARE(kept(keychain, keeper.entryName()), std::nullopt);
    }

    // Kiosk mode after each candidate (and «log out and forget me»): nothing of the account stays on the computer.
    void testForgetAccountLeavesNoTrace()
    {
        TestHttp hooks(*m_server);
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        FlowRig rig;
        SessionKeeper keeper(rig.auth, keychain, m_server->url(""));
        rig.signUp(*m_server, hooks, "kiosk.walkin");
        if (QTest::currentTestFailed())
            return;
        RegistrationFlow &flow = *rig.flow;
        QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
        flow.editProfile(residentProfile());
        QVERIFY(rig.run([&](auto done) { flow.saveProfile(done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.chooseSubjects("bj-buu", {"14"}, done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.submit(true, done); }).ok());
        QVERIFY(rig.run([&](auto done) { flow.uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
        hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "now"}});
        QVERIFY(rig.run([&](auto done) { flow.refresh(done); }).ok());
        const auto form = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::RegistrationForm, done); });
        QVERIFY(form.ok());
        // Something still queued, and a half-typed edit.
        rig.store.enqueue("kiosk.walkin", "PUT", "/registrations/current/profile", "{}", "kiosk-key").value();
        flow.editProfile(residentProfile("440524188001010014"));
        waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        QVERIFY(kept(keychain, keeper.entryName()).has_value());

        QVERIFY(rig.run([&](auto done) { flow.forgetAccount(done); }).ok());
        waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
        QCOMPARE(kept(keychain, keeper.entryName()), std::nullopt);
        QVERIFY(!rig.auth.isLoggedIn());
        QVERIFY(!flow.registration().has_value());
        for (const char *kind : {"profile", "registration"})
            QVERIFY(!rig.store.loadDraft("kiosk.walkin", kind)->has_value());
        QVERIFY(!rig.store.document("kiosk.walkin", "form")->has_value());
        QCOMPARE(rig.store.pending("kiosk.walkin")->size(), 0);
        QVERIFY(QDir(rig.dir.path()).entryList({"*.pdf", "*.part", "*.etag"}, QDir::Files).isEmpty());
        // Not even the account's hash is left in the file or its WAL.
        const QByteArray accountHash = QCryptographicHash::hash("kiosk.walkin", QCryptographicHash::Sha256).toHex();
        for (const char *suffix : {"", "-wal"}) {
            QFile f(rig.dir.filePath("ncre-desk.sqlite") + suffix);
            if (f.open(QIODevice::ReadOnly))
                QVERIFY(!f.readAll().contains(accountHash));
        }
    }

    void testCanaryNeverLeaks()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("*.debug=true"));
        g_log.clear();
        const QtMessageHandler previous = qInstallMessageHandler(captureMessage);
        const QByteArray idNumber = "11010519491231002X";
        const QByteArray name = QString::fromUtf8("张三").toUtf8();
        const QByteArray mobile = "13812345678";
        QByteArray refreshToken;
        QString accessToken;
        {
            TestHttp hooks(*m_server);
            Keychain keychain(QStringLiteral("NCRE Desk test"));
            // The store's key comes from the keychain, as in the app.
            const auto storeKey = waitFor<Result<QByteArray>>([&](auto done) { keychain.storeKey(done); });
            QVERIFY(storeKey.ok());
            FlowRig rig(storeKey.value());
            SessionKeeper keeper(rig.auth, keychain, m_server->url(""));
            QSignalSpy tokens(&rig.auth, &AuthSession::refreshTokenChanged);
            // The app's settings, as ui/ will write them: server, language, window state. Never personal data.
            QSettings settings(QStringLiteral("NCRE"), QStringLiteral("NCRE Desk"));
            settings.setValue(QStringLiteral("server"), m_server->url("").toString());
            rig.signUp(*m_server, hooks, "canary.candidate");
            if (QTest::currentTestFailed())
                return;
            RegistrationFlow &flow = *rig.flow;
            QVERIFY(rig.run([&](auto done) { flow.start(done); }).ok());
            QVERIFY(rig.run([&](auto done) { flow.acceptAgreement(done); }).ok());
            flow.editProfile(residentProfile(QString::fromLatin1(idNumber)));
            QVERIFY(rig.run([&](auto done) { flow.saveProfile(done); }).ok());
            QVERIFY(rig.run([&](auto done) { flow.chooseSubjects("bj-buu", {"14"}, done); }).ok());
            QVERIFY(rig.run([&](auto done) { flow.submit(true, done); }).ok());
            QVERIFY(rig.run([&](auto done) { flow.uploadPhoto(PhotoFixtures::compliantJpeg(), done); }).ok());
            const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
            QVERIFY(order.ok());
            hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "now"}});
            QVERIFY(rig.run([&](auto done) { flow.refresh(done); }).ok());
            const auto form = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::RegistrationForm, done); });
            QVERIFY(form.ok());
            // A failure path too: a queued save while the server refuses to answer.
            hooks.post("/api/v1/test-hooks/faults", {{"pathPrefix", "/api/v1/registrations"}, {"kind", "drop"}, {"count", 1000}});
            flow.editProfile(residentProfile(QString::fromLatin1(idNumber)));
            (void)rig.run([&](auto done) { flow.saveProfile(done); });
            hooks.send("DELETE", "/api/v1/test-hooks/faults");
            waitFor<bool>([&](auto done) { keeper.flush([done]() { done(true); }); });
            flow.stop();
            refreshToken = tokens.last().at(0).toByteArray();
            accessToken = rig.api.accessToken();
            settings.sync();
            QVERIFY(!refreshToken.isEmpty() && !accessToken.isEmpty());
            // Everything on disk that the client wrote: the store (and its WAL), QSettings, the download folder.
            QStringList files;
            for (const QString &root : {rig.dir.path(), QDir::homePath()}) {
                QDirIterator it(root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
                while (it.hasNext()) {
                    const QString f = it.next();
                    if (!f.contains(QLatin1String("/keyrings/"))) // the Secret Service's own, encrypted file
                        files << f;
                }
            }
            QVERIFY(files.contains(settings.fileName()));
            QVERIFY(std::any_of(files.begin(), files.end(), [](const QString &f) { return f.endsWith(".sqlite"); }));
            for (const QString &f : files) {
                QFile file(f);
                QVERIFY(file.open(QIODevice::ReadOnly));
                const QByteArray bytes = file.readAll();
                for (const QByteArray &secret : {idNumber, name, mobile, refreshToken, accessToken.toLatin1()})
                    QVERIFY2(!bytes.contains(secret), qPrintable(f + " holds " + QString::fromUtf8(secret.left(4)) + "…"));
            }
        }
        qInstallMessageHandler(previous);
        QLoggingCategory::setFilterRules(QString());
        QVERIFY(g_log.contains("ncre.")); // the log was captured at all
        for (const QByteArray &secret : {idNumber, name, mobile, refreshToken, accessToken.toLatin1()})
            QVERIFY2(!g_log.contains(secret), qPrintable("the log holds " + QString::fromUtf8(secret.left(4)) + "…"));
    }
};

QTEST_GUILESS_MAIN(TestSessionKeeper)
#include "TestSessionKeeper.moc"
