#pragma once

#include "RegistrationFlow.h"

#include <QWidget>

class QLabel;
class QTextBrowser;

namespace ncre {

// 现场确认: where the chosen site asks candidates to confirm in person, its notice and the deadline; and whether
// the registration is confirmed.
class NoticesPage : public QWidget
{
    Q_OBJECT

public:
    explicit NoticesPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    void refresh();

private:
    RegistrationFlow &m_flow;
    QLabel *m_summary;
    QTextBrowser *m_notice;
};

} // namespace ncre
