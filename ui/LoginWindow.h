#pragma once

#include "Meta.h"

#include "ApiClient.h"
#include "AuthSession.h"
#include "QqLogin.h"

#include <QDialog>
#include <QPointer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QPushButton;
class QToolButton;

namespace ncre {

class CaptchaField;

// The first window: account, password and captcha (with a new captcha on demand), «登录»; the two bulletins
// before login (网上报名公告, 网上报名须知及流程); a line saying whether the server answers. Server errors are shown in
// words under the form, at the field they concern; never a code.
class LoginWindow : public QWidget
{
    Q_OBJECT

public:
    LoginWindow(ApiClient &api, AuthSession &auth, QWidget *parent = nullptr);

    void refreshCaptcha();
    void logIn();
    // «修改密码»: the password is changed once logged in, so this logs in with what the form holds and asks the
    // main window to open the password dialog first (passwordChangeRequested() is then true).
    void logInToChangePassword();
    bool passwordChangeRequested() const { return m_changePassword; }

    QString captchaId() const;
    // How the QQ login opens the browser (QDesktopServices::openUrl unless set; tests follow the URL themselves):
    // true when a browser took it.
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_urlOpener = std::move(opener); }
    // What GET /meta says: the QQ button only where the server offers QQ login; the update line (UpdateBanner).
    void applyMeta(const Meta &meta);

    QString account() const;
    // «注册»: the registration dialog over this window.
    void openRegistration();
    // In a kiosk (issue 16): no QQ login (it needs a browser) and no documents kept on this computer; a line says why.
    void setKioskMode();
    // The kiosk's staff login: account, password and captcha only (no registration, bulletins or password change).
    void setStaffMode();

signals:
    void loggedIn();
    // A password login succeeded (before loggedIn): the desk keeps a verifier of it for the offline documents.
    void passwordAccepted(const QString &account, const QString &password);
    // «本机保存的报名表和准考证…»: open the documents kept on this computer, without the server.
    void keptDocumentsRequested();
    void captchaShown();
    // The registration form opened over this window (true) or closed (false): a kiosk's hint follows it.
    void registrationOpen(bool open);

private:
    void submit();
    void showBulletins(BulletinKind kind);
    void showQqAddress(const QUrl &url);
    void setBusy(bool busy);
    void showError(const Problem &problem);

    ApiClient &m_api;
    AuthSession &m_auth;
    QqLogin m_qq;
    bool m_changePassword = false;
    bool m_kiosk = false;
    int m_captchaRetryMs = 1000;
    QPointer<QDialog> m_qqDialog;
    std::function<bool(const QUrl &)> m_urlOpener;
    QLabel *m_serverStatus;
    QLineEdit *m_account;
    QLineEdit *m_password;
    CaptchaField *m_captcha;
    QLabel *m_error;
    class UpdateBanner *m_update = nullptr;
    QPushButton *m_logIn;
};

} // namespace ncre
