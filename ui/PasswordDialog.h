#pragma once

#include "RegistrationFlow.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;

namespace ncre {

// 修改密码: the current password, the new one twice, with the password rules shown and checked as typed. The server
// then ends every other session of the account (another computer must log in again).
class PasswordDialog : public QDialog
{
    Q_OBJECT

public:
    PasswordDialog(RegistrationFlow &flow, QString username, QWidget *parent = nullptr);

    void submit();

signals:
    // The server took the new password (the desk keeps a verifier of it for the offline documents).
    void changed(const QString &newPassword);

private:
    void validate();

    RegistrationFlow &m_flow;
    QString m_username;
    QLineEdit *m_current;
    QLineEdit *m_new;
    QLineEdit *m_repeat;
    QLabel *m_hint;
    QLabel *m_status;
    QPushButton *m_ok;
};

} // namespace ncre
