#include "RegisterDialog.h"

#include "Alive.h"
#include "CaptchaField.h"
#include "ErrorText.h"
#include "InputText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

namespace {

void setHint(QLabel *label, const ErrorList &errors, const QString &rule, bool touched)
{
    const bool bad = touched && !errors.isEmpty();
    label->setText(bad ? ErrorText::message(errors.first()) : rule);
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
    m_captcha = new CaptchaField(api, QStringLiteral("regCaptcha"), this);
    m_accountHint = new QLabel(this);
    m_accountHint->setObjectName(QStringLiteral("regAccountHint"));
    m_accountHint->setWordWrap(true);
    m_passwordHint = new QLabel(this);
    m_passwordHint->setObjectName(QStringLiteral("regPasswordHint"));
    m_passwordHint->setWordWrap(true);
    m_repeatHint = new QLabel(this);
    m_repeatHint->setObjectName(QStringLiteral("regRepeatHint"));
    // Each hint keeps the height of its longest message (two lines), so the fields below never move as the hint
    // turns into an error and back: a click meant for «repeat password» lands there.
    for (QLabel *hint : {m_accountHint, m_passwordHint, m_repeatHint})
        hint->setMinimumHeight(2 * hint->fontMetrics().lineSpacing() + 2);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("regStatus"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #B00020;"));

    auto *form = new QFormLayout;
    // The field and its hint in a widget of their own: the form gives the row the height a wrapped hint needs (a
    // layout nested in the row did not, and the rows moved as hints came and went).
    auto cell = [this](QWidget *editor, QLabel *hint) {
        auto *host = new QWidget(this);
        auto *box = new QVBoxLayout(host);
        box->setContentsMargins(0, 0, 0, 0);
        box->setSpacing(2);
        box->addWidget(editor);
        box->addWidget(hint);
        return host;
    };
    // Each label names its field (screen readers) and its Alt+letter goes to the field, not to the cell around it.
    auto row = [this, form, &cell](const QString &text, QLineEdit *editor, QLabel *hint) {
        auto *label = new QLabel(text, this);
        label->setBuddy(editor);
        form->addRow(label, cell(editor, hint));
    };
    row(tr("&Account:"), m_account, m_accountHint);
    row(tr("&Password:"), m_password, m_passwordHint);
    row(tr("R&epeat password:"), m_repeat, m_repeatHint);
    auto *captchaLabel = new QLabel(tr("&Captcha:"), this);
    captchaLabel->setBuddy(m_captcha->answerField());
    form->addRow(captchaLabel, m_captcha);
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
    connect(m_captcha, &CaptchaField::shown, this, &RegisterDialog::captchaShown);
    connect(m_captcha, &CaptchaField::failed, this,
            [this](const Problem &p) { m_status->setText(ErrorText::message(p.code)); });
    connect(buttons, &QDialogButtonBox::accepted, this, &RegisterDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
    refreshCaptcha();
}

QString RegisterDialog::username() const
{
    return InputText::clean(m_account->text()); // as the server takes it: invisible marks and outer spaces dropped
}

void RegisterDialog::refreshCaptcha()
{
    m_captcha->refresh();
}

QString RegisterDialog::captchaId() const
{
    return m_captcha->id();
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
    // A disabled button says why (the hints above say what each field needs).
    m_ok->setToolTip(m_ok->isEnabled() ? QString() : tr("Fill in the account and the password twice as the hints say."));
}

void RegisterDialog::submit()
{
    if (m_captcha->answer().isEmpty()) {
        m_status->setText(tr("Enter the characters in the picture."));
        m_captcha->answerField()->setFocus();
        return;
    }
    AccountRegistration account;
    account.username = username();
    account.password = m_password->text();
    account.captchaId = m_captcha->id();
    account.captchaAnswer = m_captcha->answer();
    m_ok->setEnabled(false);
    m_api.registerAccount(account, alive(this, [this](Result<AccountInfo, Problem> info) {
        validate();
        if (!info) {
            m_status->setText(ErrorText::message(info.error().code));
            refreshCaptcha();
            return;
        }
        emit registered(info->username, m_password->text());
        accept();
    }));
}

} // namespace ncre
