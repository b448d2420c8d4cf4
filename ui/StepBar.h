#pragma once

#include "FlowGuide.h"

#include <QWidget>

namespace ncre {

// The registration's steps in a row, done ones ticked, the open one highlighted (painted; scales with the font).
class StepBar : public QWidget
{
    Q_OBJECT

public:
    explicit StepBar(QWidget *parent = nullptr);

    // Steps shown: the review step only where the site reviews.
    void setSteps(const QList<FlowStep> &steps, FlowStep current);
    static QString label(FlowStep step);
    QList<FlowStep> steps() const { return m_steps; }
    FlowStep current() const { return m_current; }

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QList<FlowStep> m_steps;
    FlowStep m_current = FlowStep::Agreement;
};

} // namespace ncre
