#include "SessionPrompt.h"

#include "Alive.h"
#include "CaptchaField.h"
#include "ErrorText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

SessionPrompt::SessionPrompt(ApiClient &api, AuthSession &auth, const QString &username, QWidget *parent)
    : QDialog(parent)
    , m_auth(auth)
    , m_username(username)
{
    setObjectName(QStringLiteral("sessionPrompt"));
    setWindowTitle(tr("Log in again"));
    auto *why = new QLabel(tr("Your session has ended: the password may have been changed, or the account logged out, "
                              "on another computer. Enter your password to go on. Nothing you entered here is lost."),
                           this);
    why->setWordWrap(true);
    auto *account = new QLabel(username.toHtmlEscaped(), this);
    account->setObjectName(QStringLiteral("sessionAccount"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("sessionPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setAccessibleName(tr("Password"));
    m_password->setMaxLength(128);
    m_captcha = new CaptchaField(api, QStringLiteral("sessionCaptchaAnswer"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("Account:"), account);
    form->addRow(tr("&Password:"), m_password);
    auto *captchaLabel = new QLabel(tr("&Captcha:"), this);
    captchaLabel->setBuddy(m_captcha->answerField());
    form->addRow(captchaLabel, m_captcha);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("sessionError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #B00020;"));
    // The line is there from the start, so the buttons do not move when a message appears.
    m_error->setMinimumHeight(fontMetrics().lineSpacing() * 2);

    auto *buttons = new QDialogButtonBox(this);
    m_logIn = buttons->addButton(tr("&Log in"), QDialogButtonBox::AcceptRole);
    m_logIn->setObjectName(QStringLiteral("sessionLogIn"));
    m_logIn->setDefault(true);
    auto *logOut = buttons->addButton(tr("Log &out"), QDialogButtonBox::RejectRole);
    logOut->setObjectName(QStringLiteral("sessionLogOut"));

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(why);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(buttons);
    setMinimumWidth(460);

    connect(m_logIn, &QPushButton::clicked, this, &SessionPrompt::logIn);
    connect(m_password, &QLineEdit::returnPressed, this, &SessionPrompt::logIn);
    connect(m_captcha->answerField(), &QLineEdit::returnPressed, this, &SessionPrompt::logIn);
    connect(logOut, &QPushButton::clicked, this, [this]() {
        m_leaving = true;
        emit logOutRequested();
        QDialog::reject();
    });
    connect(m_captcha, &CaptchaField::shown, this, &SessionPrompt::captchaShown);
    connect(m_captcha, &CaptchaField::failed, this, [this](const Problem &problem) {
        m_error->setText(ErrorText::message(problem.code));
    });
    m_captcha->refresh();
    m_password->setFocus();
}

QString SessionPrompt::captchaId() const
{
    return m_captcha->id();
}

void SessionPrompt::reject()
{
    if (m_leaving)
        QDialog::reject();
}

void SessionPrompt::logIn()
{
    if (m_password->text().isEmpty()) {
        m_error->setText(tr("Enter your password."));
        m_password->setFocus();
        return;
    }
    if (m_captcha->answer().isEmpty()) {
        m_error->setText(tr("Enter the characters in the picture."));
        m_captcha->answerField()->setFocus();
        return;
    }
    LoginRequest login;
    login.username = m_username;
    login.password = m_password->text();
    login.captchaId = m_captcha->id();
    login.captchaAnswer = m_captcha->answer();
    m_logIn->setEnabled(false);
    m_error->clear();
    m_auth.logIn(login, alive(this, [this, password = login.password](const Result<Session, Problem> &session) {
        m_logIn->setEnabled(true);
        if (!session) {
            m_error->setText(ErrorText::message(session.error().code));
            m_captcha->refresh(); // a captcha answers one attempt only
            QLineEdit *at = session.error().code == ErrorCode::AuthCaptcha ? m_captcha->answerField() : m_password;
            at->setFocus();
            at->selectAll();
            return;
        }
        m_password->clear();
        emit resumed(password);
        accept();
    }));
}

} // namespace ncre
