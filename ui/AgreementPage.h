#pragma once

#include "RegistrationFlow.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QPushButton;
class QTextBrowser;

namespace ncre {

// 报名协议: the text, «I have read and agree», «Agree» (only once ticked) and «Disagree» (stops, and says so).
class AgreementPage : public QWidget
{
    Q_OBJECT

public:
    explicit AgreementPage(RegistrationFlow &flow, QWidget *parent = nullptr);

signals:
    void accepted();

private:
    void refresh();

    RegistrationFlow &m_flow;
    QTextBrowser *m_text;
    QCheckBox *m_agree;
    QPushButton *m_accept;
    QPushButton *m_decline;
    QLabel *m_status;
};

} // namespace ncre
