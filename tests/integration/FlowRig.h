#pragma once

#include "AsyncWait.h"
#include "ClientFixtures.h"
#include "RegistrationFlow.h"
#include "SecretBox.h"
#include "ServerProcess.h"

#include <QTemporaryDir>

// Everything a candidate's NCRE Desk holds, without a window: API client, session, transfer engine, a real SQLite
// store in a temporary folder, and the RegistrationFlow bound to them — logged in to a fresh account on `server`.
struct FlowRig
{
    explicit FlowRig(QByteArray storeKey = ncre::SecretBox::newKey())
        : key(std::move(storeKey))
        , store(key)
    {
    }

    QTemporaryDir dir;
    ncre::ApiClient api;
    ncre::AuthSession auth{api};
    ncre::TransferEngine transfers;
    QByteArray key;
    ncre::LocalStore store;
    std::unique_ptr<ncre::RegistrationFlow> flow;
    QString username;

    // Fast retries and polls, so fault tests finish in seconds; the policies themselves are unit-tested.
    void configure(const QUrl &base)
    {
        QVERIFY(api.setBaseUrl(base).ok());
        ncre::RetryPolicy fast;
        fast.baseDelayMs = 20;
        fast.maxDelayMs = 400;
        fast.maxAttempts = 8;
        fast.deadlineMs = 20000;
        api.setRetryPolicy(fast);
    }

    // A new account registered and logged in through the client; the flow created (not started).
    void signUp(ServerProcess &server, TestHttp &hooks, const QString &name, const QString &password = "Secret-pass-1")
    {
        using namespace ncre;
        username = name;
        configure(server.url(""));
        QVERIFY(store.open(dir.filePath("ncre-desk.sqlite")).ok());
        const auto captcha = waitFor<Result<Captcha, Problem>>([&](auto done) { api.createCaptcha(done); });
        QVERIFY(captcha.ok());
        AccountRegistration account;
        account.username = name;
        account.password = password;
        account.captchaId = captcha->id;
        account.captchaAnswer = hooks.captchaAnswer(captcha->id);
        const auto created = waitFor<Result<AccountInfo, Problem>>([&](auto done) { api.registerAccount(account, done); });
        QVERIFY2(created.ok(), qPrintable(created ? QString() : created.error().detail));
        const LoginRequest login = passwordLogin(api, hooks, name, password);
        const auto session = waitFor<Result<Session, Problem>>([&](auto done) { auth.logIn(login, done); });
        QVERIFY(session.ok());
        makeFlow();
    }

    void makeFlow()
    {
        flow = std::make_unique<ncre::RegistrationFlow>(api, auth, transfers, &store);
        flow->setDownloadDirectory(dir.path());
        flow->setPollIntervals({100, 400});
    }

    ncre::Result<void, ncre::Problem> run(std::function<void(ncre::RegistrationFlow::Done)> call)
    {
        return waitFor<ncre::Result<void, ncre::Problem>>(std::move(call));
    }
};

// A complete, valid profile of a resident-ID holder, as a candidate types it.
inline ncre::Profile residentProfile(const QString &idNumber = "11010519491231002X")
{
    using F = ncre::ProfileField;
    ncre::Profile p;
    p.setValue(F::Name, QString::fromUtf8("张三"));
    p.setValue(F::DocumentType, "resident_id");
    p.setValue(F::DocumentNumber, idNumber);
    p.setValue(F::Ethnicity, "01");
    p.setValue(F::Education, "bachelor");
    p.setValue(F::Occupation, "student");
    p.setValue(F::Mobile, "13812345678");
    p.setValue(F::Address, QString::fromUtf8("北京市朝阳区建国路1号"));
    p.setValue(F::PostalCode, "100020");
    return p;
}
