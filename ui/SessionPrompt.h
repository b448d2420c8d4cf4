#pragma once

#include "ApiClient.h"
#include "AuthSession.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ncre {

class CaptchaField;

// The session ended while the candidate was working (the password was changed on another computer, the account
// logged out everywhere, the refresh token lapsed): the password and a captcha, asked again over the main window,
// which stays as it is, every page and every draft with it. «退出登录» instead leaves for the login window (the
// drafts are kept on this computer either way).
class SessionPrompt : public QDialog
{
    Q_OBJECT

public:
    SessionPrompt(ApiClient &api, AuthSession &auth, const QString &username, QWidget *parent = nullptr);

    void logIn();
    QString captchaId() const;
    // Esc and the window's close button do not dismiss it: the work behind it needs a session; «退出登录» leaves.
    void reject() override;

signals:
    void captchaShown();
    // Logged in again as the same account; `password` for the offline-documents verifier.
    void resumed(const QString &password);
    // The candidate chose to log out instead.
    void logOutRequested();

private:
    AuthSession &m_auth;
    QString m_username;
    QLineEdit *m_password;
    CaptchaField *m_captcha;
    QLabel *m_error;
    QPushButton *m_logIn;
    bool m_leaving = false;
};

} // namespace ncre
