#pragma once

// Driving the kiosk in widget tests (TestKiosk, TestKioskScreenshots): find a named widget, wait for a screen, log in
// through the kiosk's login page, type on the PIN pad, register a candidate through the API, log staff in.
#include "Kiosk.h"
#include "KioskWindow.h"
#include "LoginWindow.h"
#include "PinPad.h"
#include "StaffPanel.h"
#include "integration/PhotoFixtures.h"
#include "integration/ServerProcess.h"

#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

namespace KioskDriver {

using namespace ncre;

template<typename T>
inline T *find(QWidget *root, const char *name)
{
    T *w = root ? root->findChild<T *>(QLatin1String(name)) : nullptr;
    if (!w)
        qWarning("no %s", name);
    return w;
}

inline void waitForScreen(Kiosk &kiosk, Kiosk::Screen screen)
{
    QTRY_VERIFY_WITH_TIMEOUT(kiosk.screen() == screen, 20000);
}

inline void logIn(Kiosk &kiosk, TestHttp &hooks, const QString &account, const QString &password)
{
    QTest::mouseClick(find<QPushButton>(kiosk.window(), "welcomeLogIn"), Qt::LeftButton);
    waitForScreen(kiosk, Kiosk::Screen::LogIn);
    LoginWindow *login = kiosk.loginPage();
    QVERIFY(login);
    QTRY_VERIFY_WITH_TIMEOUT(!login->captchaId().isEmpty(), 20000);
    QTest::keyClicks(find<QLineEdit>(login, "account"), account);
    QTest::keyClicks(find<QLineEdit>(login, "password"), password);
    QTest::keyClicks(find<QLineEdit>(login, "captchaAnswer"), hooks.captchaAnswer(login->captchaId()));
    QTest::mouseClick(find<QPushButton>(login, "logIn"), Qt::LeftButton);
    waitForScreen(kiosk, Kiosk::Screen::Registration);
}

inline void typePin(Kiosk &kiosk, const QString &pin)
{
    PinPad *pad = kiosk.pinPad();
    QVERIFY(pad);
    for (QChar digit : pin)
        QTest::mouseClick(find<QPushButton>(pad, qPrintable(QStringLiteral("pinKey") + digit)), Qt::LeftButton);
    QTest::mouseClick(find<QPushButton>(pad, "pinOk"), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(!kiosk.pinGate().isChecking(), 20000);
}

// A candidate registered through the API up to a review request at `site` (or payment, where none is needed).
inline QString candidateUpToReview(TestHttp &http, const QString &account, const QString &idNumber, const QString &site,
                            bool requestReview = true)
{
    http.setToken(http.registerAndLogIn(account));
    const QString version = http.get("/api/v1/exams/current").json().value("agreementVersion").toString();
    http.put("/api/v1/registrations/current/agreement", {{"agreementVersion", version}});
    QJsonObject profile = residentProfileJson(idNumber);
    profile.insert("name", account == "kiosk.ra" ? QString::fromUtf8("李审核") : QString::fromUtf8("王确认"));
    http.put("/api/v1/registrations/current/profile", profile);
    http.put("/api/v1/registrations/current/subjects", {{"siteId", site}, {"subjectIds", QJsonArray{"15"}}});
    http.post("/api/v1/registrations/current/submit", {{"guarantee", true}});
    http.send("PUT", "/api/v1/registrations/current/photo", PhotoFixtures::compliantJpeg(), "image/jpeg");
    if (!requestReview)
        return http.get("/api/v1/registrations/current").json().value("id").toString();
    return http.post("/api/v1/registrations/current/review-requests").json().value("id").toString();
}

inline void staffLogIn(StaffPanel *panel, TestHttp &hooks, const QString &account)
{
    LoginWindow *login = panel->login();
    // A captcha answers one attempt: after a refused login, wait for the fresh one (not the spent one still shown).
    const QString spent = panel->property("spentCaptcha").toString();
    QTRY_VERIFY_WITH_TIMEOUT(!login->captchaId().isEmpty() && login->captchaId() != spent, 20000);
    const QString captcha = login->captchaId();
    panel->setProperty("spentCaptcha", captcha);
    find<QLineEdit>(login, "account")->setText(account);
    find<QLineEdit>(login, "password")->setText("Staff-demo-1");
    find<QLineEdit>(login, "captchaAnswer")->setText(hooks.captchaAnswer(captcha));
    QTest::mouseClick(find<QPushButton>(login, "logIn"), Qt::LeftButton);
}

} // namespace KioskDriver
