#pragma once

#include "DocumentType.h"
#include "RegistrationFlow.h"

#include <QHash>
#include <QSet>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QScrollArea;

namespace ncre {

// 基本信息: a view of the flow's ProfileForm. The form, required fields marked with a red «*», each checked as it is typed against the shared field
// rules with the message under the field (never a dialog); birth date and gender filled in from an ID number
// that encodes them; every keystroke kept as a draft (with a «saved» line), restored after a crash; «Save» sends
// it, and the server's field errors land at their fields. Read-only once the information is locked.
class ProfilePage : public QWidget
{
    Q_OBJECT

public:
    explicit ProfilePage(RegistrationFlow &flow, QWidget *parent = nullptr);

    static QString fieldLabel(ProfileField field);
    static QString documentTypeLabel(DocumentType type);
    QWidget *editor(ProfileField field) const { return m_rows.value(field).editor; }
    QString errorText(ProfileField field) const;
    void save();
    void showFirstError();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

signals:
    void saved();

private:
    void askAboutRestoredChanges();
    struct Row
    {
        QLabel *label = nullptr;
        QWidget *editor = nullptr;
        QLabel *error = nullptr;
    };

    void showErrors();
    void updateLabels();
    void updateEditable();
    void updateLock();
    void setValue(ProfileField field, const QString &value);

    RegistrationFlow &m_flow;
    ProfileForm &m_form;
    QHash<ProfileField, Row> m_rows;
    class ConfirmPanel *m_restorePrompt;
    class CaptchaField *m_captcha;
    QWidget *m_captchaRow;
    QLabel *m_draftStatus;
    QLabel *m_status;
    QPushButton *m_save;
    QScrollArea *m_scroll = nullptr;
    bool m_statusTransient = false; // the status line says the network or the session failed: it goes when they are back
};

} // namespace ncre
