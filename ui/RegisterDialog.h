#pragma once

#include "ApiClient.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ncre {

class CaptchaField;

// 用户注册: account, password twice and a captcha, with the account rules shown and checked as the user types
// (the same rules the server applies); the server's refusal (account taken, captcha wrong) in words at its field.
class RegisterDialog : public QDialog
{
    Q_OBJECT

public:
    explicit RegisterDialog(ApiClient &api, QWidget *parent = nullptr);

    QString captchaId() const;
    QString username() const;
    void submit();

signals:
    void captchaShown();
    // The account was created; `password` is the one just chosen (kept in memory only, for the login form).
    void registered(const QString &username, const QString &password);

private:
    void refreshCaptcha();
    void validate();

    ApiClient &m_api;
    QLineEdit *m_account;
    QLineEdit *m_password;
    QLineEdit *m_repeat;
    CaptchaField *m_captcha;
    QLabel *m_accountHint;
    QLabel *m_passwordHint;
    QLabel *m_repeatHint;
    QLabel *m_status;
    QPushButton *m_ok;
};

} // namespace ncre
