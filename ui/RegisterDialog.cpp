#include "RegisterDialog.h"

#include "ErrorText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QToolButton>
#include <QVBoxLayout>

namespace ncre {

namespace {

void setHint(QLabel *label, const ErrorList &errors, const QString &rule, bool touched)
{
    const bool bad = touched && !errors.isEmpty();
    label->setText(bad ? ErrorText::message(errors.first().code) : rule);
    label->setStyleSheet(bad ? QStringLiteral("color: #B00020;") : QStringLiteral("color: palette(mid);"));
}

} // namespace

RegisterDialog::RegisterDialog(ApiClient &api, QWidget *parent)
    : QDialog(parent)
    , m_api(api)
{
    setWindowTitle(tr("Register a new account"));
    setObjectName(QStringLiteral("registerDialog"));
    m_account = new QLineEdit(this);
    m_account->setObjectName(QStringLiteral("regAccount"));
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("regPassword"));
    m_password->setEchoMode(QLineEdit::Password);
    m_repeat = new QLineEdit(this);
    m_repeat->setObjectName(QStringLiteral("regRepeat"));
    m_repeat->setEchoMode(QLineEdit::Password);
    m_captchaAnswer = new QLineEdit(this);
    m_captchaAnswer->setObjectName(QStringLiteral("regCaptcha"));
    m_captchaImage = new QLabel(this);
    auto *newCaptcha = new QToolButton(this);
    newCaptcha->setText(tr("&New captcha"));
    m_accountHint = new QLabel(this);
    m_accountHint->setObjectName(QStringLiteral("regAccountHint"));
    m_accountHint->setWordWrap(true);
    m_passwordHint = new QLabel(this);
    m_passwordHint->setObjectName(QStringLiteral("regPasswordHint"));
    m_passwordHint->setWordWrap(true);
    m_repeatHint = new QLabel(this);
    m_repeatHint->setObjectName(QStringLiteral("regRepeatHint"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("regStatus"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #B00020;"));

    auto *captchaRow = new QHBoxLayout;
    captchaRow->addWidget(m_captchaAnswer, 1);
    captchaRow->addWidget(m_captchaImage);
    captchaRow->addWidget(newCaptcha);
    auto *form = new QFormLayout;
    auto cell = [this](QWidget *editor, QLabel *hint) {
        auto *box = new QVBoxLayout;
        box->setSpacing(2);
        box->addWidget(editor);
        box->addWidget(hint);
        return box;
    };
    form->addRow(tr("&Account:"), cell(m_account, m_accountHint));
    form->addRow(tr("&Password:"), cell(m_password, m_passwordHint));
    form->addRow(tr("&Repeat password:"), cell(m_repeat, m_repeatHint));
    auto *captchaLabel = new QLabel(tr("&Captcha:"), this);
    captchaLabel->setBuddy(m_captchaAnswer);
    form->addRow(captchaLabel, captchaRow);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Register"));
    m_ok->setObjectName(QStringLiteral("regSubmit"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_status);
    layout->addWidget(buttons);

    for (QLineEdit *e : {m_account, m_password, m_repeat})
        connect(e, &QLineEdit::textEdited, this, &RegisterDialog::validate);
    connect(newCaptcha, &QToolButton::clicked, this, &RegisterDialog::refreshCaptcha);
    connect(buttons, &QDialogButtonBox::accepted, this, &RegisterDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
    refreshCaptcha();
}

QString RegisterDialog::username() const
{
    return m_account->text().trimmed();
}

void RegisterDialog::refreshCaptcha()
{
    m_api.createCaptcha([this](Result<Captcha, Problem> captcha) {
        if (!captcha) {
            m_status->setText(ErrorText::message(captcha.error().code));
            return;
        }
        m_captchaId = captcha->id;
        QPixmap pixmap;
        pixmap.loadFromData(captcha->png, "PNG");
        m_captchaImage->setPixmap(pixmap);
        m_captchaAnswer->clear();
        emit captchaShown();
    });
}

void RegisterDialog::validate()
{
    const QString user = username();
    setHint(m_accountHint, AccountRules::validateUsername(user),
            tr("4-32 characters: a letter first, then letters, digits, «_» or «.»."), !user.isEmpty());
    setHint(m_passwordHint, AccountRules::validatePassword(m_password->text(), user),
            tr("8-64 characters with three of: lower case, upper case, digits, other characters; not your account."),
            !m_password->text().isEmpty());
    const bool mismatch = !m_repeat->text().isEmpty() && m_repeat->text() != m_password->text();
    m_repeatHint->setText(mismatch ? tr("The two passwords differ.") : QString());
    m_repeatHint->setStyleSheet(QStringLiteral("color: #B00020;"));
    m_ok->setEnabled(AccountRules::validateUsername(user).isEmpty()
                     && AccountRules::validatePassword(m_password->text(), user).isEmpty()
                     && m_repeat->text() == m_password->text());
}

void RegisterDialog::submit()
{
    AccountRegistration account;
    account.username = username();
    account.password = m_password->text();
    account.captchaId = m_captchaId;
    account.captchaAnswer = m_captchaAnswer->text().trimmed();
    m_ok->setEnabled(false);
    m_api.registerAccount(account, [this](Result<AccountInfo, Problem> info) {
        validate();
        if (!info) {
            m_status->setText(ErrorText::message(info.error().code));
            refreshCaptcha();
            return;
        }
        emit registered(info->username);
        accept();
    });
}

} // namespace ncre
