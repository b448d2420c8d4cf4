#include "PasswordDialog.h"

#include "Alive.h"
#include "ErrorText.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>
#include <utility>

namespace ncre {

PasswordDialog::PasswordDialog(RegistrationFlow &flow, QString username, QWidget *parent)
    : QDialog(parent)
    , m_flow(flow)
    , m_username(std::move(username))
{
    setWindowTitle(tr("Change password"));
    setObjectName(QStringLiteral("passwordDialog"));
    m_current = new QLineEdit(this);
    m_current->setObjectName(QStringLiteral("pwCurrent"));
    m_new = new QLineEdit(this);
    m_new->setObjectName(QStringLiteral("pwNew"));
    m_repeat = new QLineEdit(this);
    m_repeat->setObjectName(QStringLiteral("pwRepeat"));
    for (QLineEdit *e : {m_current, m_new, m_repeat})
        e->setEchoMode(QLineEdit::Password);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("pwHint"));
    m_hint->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("pwStatus"));
    m_status->setWordWrap(true);
    m_status->setStyleSheet(QStringLiteral("color: #B00020;"));
    auto *form = new QFormLayout;
    form->addRow(tr("C&urrent password:"), m_current);
    form->addRow(tr("&New password:"), m_new);
    form->addRow(tr("&Repeat new password:"), m_repeat);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setObjectName(QStringLiteral("pwSubmit"));
    m_ok->setText(tr("&Change password"));
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(m_hint);
    layout->addWidget(m_status);
    layout->addWidget(new QLabel(tr("Other computers logged in with this account will have to log in again."), this));
    layout->addWidget(buttons);
    for (QLineEdit *e : {m_current, m_new, m_repeat})
        connect(e, &QLineEdit::textEdited, this, &PasswordDialog::validate);
    connect(buttons, &QDialogButtonBox::accepted, this, &PasswordDialog::submit);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    validate();
}

void PasswordDialog::validate()
{
    const ErrorList errors = AccountRules::validatePassword(m_new->text(), m_username);
    const bool mismatch = !m_repeat->text().isEmpty() && m_repeat->text() != m_new->text();
    const bool same = !m_new->text().isEmpty() && m_new->text() == m_current->text();
    if (!m_new->text().isEmpty() && !errors.isEmpty()) {
        m_hint->setText(ErrorText::message(errors.first()));
        m_hint->setStyleSheet(QStringLiteral("color: #B00020;"));
    } else if (same) {
        m_hint->setText(ErrorText::message(ErrorCode::AccountPasswordReused));
        m_hint->setStyleSheet(QStringLiteral("color: #B00020;"));
    } else if (mismatch) {
        m_hint->setText(tr("The two passwords differ."));
        m_hint->setStyleSheet(QStringLiteral("color: #B00020;"));
    } else {
        m_hint->setText(tr("8-64 characters with three of: lower case, upper case, digits, other characters; not your account."));
        m_hint->setStyleSheet(QString());
    }
    m_ok->setEnabled(!m_current->text().isEmpty() && errors.isEmpty() && !same && m_repeat->text() == m_new->text());
}

void PasswordDialog::submit()
{
    PasswordChange change;
    change.currentPassword = m_current->text();
    change.newPassword = m_new->text();
    m_ok->setEnabled(false);
    m_flow.changePassword(change, alive(this, [this, newPassword = change.newPassword](const Result<void, Problem> &r) {
        validate();
        if (!r) {
            // The field the server named (the current password is wrong, the new one breaks a rule), else the code.
            m_status->setText(r.error().errors.isEmpty() ? ErrorText::message(r.error().code)
                                                         : ErrorText::message(r.error().errors.first()));
            m_current->setFocus();
            m_current->selectAll();
            return;
        }
        emit changed(newPassword);
        accept();
    }));
}

} // namespace ncre
