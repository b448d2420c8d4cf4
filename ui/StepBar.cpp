#include "StepBar.h"

#include <QPainter>
#include <QPainterPath>

namespace ncre {

StepBar::StepBar(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("stepBar"));
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
}

QString StepBar::label(FlowStep step)
{
    switch (step) {
    case FlowStep::Agreement: return tr("Agreement");
    case FlowStep::Profile: return tr("Basic information");
    case FlowStep::Subjects: return tr("Subjects");
    case FlowStep::Photo: return tr("Photo");
    case FlowStep::Review: return tr("Review");
    case FlowStep::Payment: return tr("Payment");
    case FlowStep::Documents: return tr("Documents");
    case FlowStep::Closed: return tr("Closed");
    }
    return {};
}

void StepBar::setSteps(const QList<FlowStep> &steps, FlowStep current)
{
    m_steps = steps;
    m_current = current;
    QStringList names;
    for (FlowStep s : steps)
        names << label(s) + (s == current ? tr(" (current)") : QString());
    setAccessibleName(tr("Registration steps"));
    setAccessibleDescription(names.join(QStringLiteral(", ")));
    update();
}

QSize StepBar::sizeHint() const
{
    const int h = fontMetrics().height();
    return QSize(qMax(1, int(m_steps.size())) * h * 7, h * 4);
}

void StepBar::paintEvent(QPaintEvent *)
{
    if (m_steps.isEmpty())
        return;
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    const int n = int(m_steps.size());
    const int currentIndex = int(m_steps.indexOf(m_current));
    const double slot = double(width()) / n;
    const int r = fontMetrics().height() * 2 / 3;
    const int cy = r + 4;
    const QColor done(0x2E, 0x7D, 0x32), now(0x15, 0x65, 0xC0), later(0x9E, 0x9E, 0x9E);
    for (int i = 0; i < n; ++i) {
        const QPointF c(slot * (i + 0.5), cy);
        if (i + 1 < n) {
            p.setPen(QPen(i < currentIndex ? done : later, 2));
            p.drawLine(QPointF(c.x() + r, cy), QPointF(slot * (i + 1.5) - r, cy));
        }
        const QColor colour = i < currentIndex ? done : (i == currentIndex ? now : later);
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawEllipse(c, r, r);
        p.setPen(Qt::white);
        p.drawText(QRectF(c.x() - r, c.y() - r, 2 * r, 2 * r), Qt::AlignCenter,
                   i < currentIndex ? QStringLiteral("✓") : QString::number(i + 1));
        p.setPen(i == currentIndex ? palette().color(QPalette::WindowText) : later);
        QFont f = font();
        f.setBold(i == currentIndex);
        p.setFont(f);
        p.drawText(QRectF(slot * i, cy + r + 4, slot, fontMetrics().height() * 2), Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap,
                   label(m_steps.at(i)));
        p.setFont(font());
    }
}

} // namespace ncre
