#pragma once

#include "RegistrationFlow.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QWidget;

namespace ncre {

class ConfirmPanel;

// 申请信息审核 (only at sites that review): ask for review — after a confirmation that lists what can no longer be
// changed while the site reviews and for good once it approves —, then pending, rejected (with the site's reason
// and the way back to fix it) or approved (locked; the 24-hour payment deadline).
class ReviewPage : public QWidget
{
    Q_OBJECT

public:
    explicit ReviewPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    void refresh();
    static QString lockedText(const LockPreview &preview);

signals:
    void fixRequested(ncre::FlowStep step);

private:
    RegistrationFlow &m_flow;
    QLabel *m_state;
    QPushButton *m_request;
    ConfirmPanel *m_confirm;
    QPushButton *m_fixProfile;
    QPushButton *m_fixPhoto;
    QLabel *m_status;
};

} // namespace ncre
