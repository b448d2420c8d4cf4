#pragma once

#include "RegistrationFlow.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;

namespace ncre {

class StepBar;

// The home tab: who is logged in, the exam (考次), the registration's steps, what to do next, and the nearest
// deadline counting down on the server's clock.
class HomePage : public QWidget
{
    Q_OBJECT

public:
    HomePage(RegistrationFlow &flow, const QString &user, QWidget *parent = nullptr);

    void refresh();
    QString nextStepText() const;
    // Which steps have a page to open (the «Continue» button shows only for those).
    void setPageAvailable(std::function<bool(FlowStep)> available) { m_available = std::move(available); refresh(); }

signals:
    // The candidate asked to go to the open step.
    void openStep(ncre::FlowStep step);

private:
    void updateCountdown();

    RegistrationFlow &m_flow;
    QLabel *m_user;
    QLabel *m_exam;
    StepBar *m_steps;
    QLabel *m_next;
    QLabel *m_countdown;
    QPushButton *m_go;
    QTimer m_tick;
    std::function<bool(FlowStep)> m_available = [](FlowStep) { return false; };
};

} // namespace ncre
