#include "PhotoCropper.h"

#include <QKeyEvent>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QWheelEvent>

namespace ncre {

PhotoCropper::PhotoCropper(QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("photoCropper"));
    setFocusPolicy(Qt::StrongFocus);
    setMinimumSize(240, 280);
    setAccessibleName(tr("Photo crop frame"));
    setAccessibleDescription(tr("Drag to move the frame, use the wheel or + and - to resize it, arrow keys to nudge it."));
}

void PhotoCropper::setImage(const QImage &image, const QRectF &crop)
{
    m_image = image;
    setCrop(crop);
}

void PhotoCropper::setCrop(const QRectF &crop)
{
    m_crop = crop;
    update();
    emit cropChanged(m_crop);
}

void PhotoCropper::zoom(double factor)
{
    if (m_crop.isEmpty())
        return;
    const QPointF c = m_crop.center();
    QSizeF size = m_crop.size() * factor;
    // Not smaller than the minimum pixels, not larger than the photo allows with a little margin.
    const double minHeight = m_spec.minHeight;
    if (size.height() < minHeight)
        size *= minHeight / size.height();
    if (size.height() > m_image.height() * 1.2)
        size *= m_image.height() * 1.2 / size.height();
    QRectF r(QPointF(), size);
    r.moveCenter(c);
    setCrop(r);
}

QRectF PhotoCropper::imageRect() const
{
    if (m_image.isNull())
        return {};
    QSizeF s = m_image.size();
    s.scale(size().shrunkBy(QMargins(8, 8, 8, 8)), Qt::KeepAspectRatio);
    return QRectF(QPointF((width() - s.width()) / 2, (height() - s.height()) / 2), s);
}

double PhotoCropper::scale() const
{
    return m_image.isNull() ? 1.0 : imageRect().width() / m_image.width();
}

void PhotoCropper::paintEvent(QPaintEvent *)
{
    QPainter p(this);
    p.fillRect(rect(), palette().color(QPalette::Dark));
    if (m_image.isNull()) {
        p.setPen(palette().color(QPalette::BrightText));
        p.drawText(rect(), Qt::AlignCenter | Qt::TextWordWrap,
                   m_placeholder.isEmpty() ? tr("Choose a photo, or drop it here.") : m_placeholder);
        return;
    }
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const QRectF area = imageRect();
    p.drawImage(area, m_image);
    const double k = scale();
    const QRectF frame(area.topLeft() + m_crop.topLeft() * k, m_crop.size() * k);
    QPainterPath outside;
    outside.addRect(rect());
    outside.addRect(frame);
    p.fillPath(outside, QColor(0, 0, 0, 120));
    p.setPen(QPen(Qt::white, 2));
    p.drawRect(frame);
    const PhotoComposition &c = m_spec.composition;
    p.setPen(QPen(QColor(255, 235, 59), 1, Qt::DashLine));
    for (double y : {c.topMargin, c.topMargin + c.head})
        p.drawLine(QPointF(frame.left(), frame.top() + frame.height() * y), QPointF(frame.right(), frame.top() + frame.height() * y));
    p.drawLine(QPointF(frame.center().x(), frame.top()), QPointF(frame.center().x(), frame.bottom()));
}

void PhotoCropper::mousePressEvent(QMouseEvent *event)
{
    m_dragging = !m_image.isNull();
    m_dragFrom = event->position();
}

void PhotoCropper::mouseMoveEvent(QMouseEvent *event)
{
    if (!m_dragging)
        return;
    const QPointF delta = (event->position() - m_dragFrom) / scale();
    m_dragFrom = event->position();
    setCrop(m_crop.translated(delta));
}

void PhotoCropper::mouseReleaseEvent(QMouseEvent *)
{
    m_dragging = false;
}

void PhotoCropper::wheelEvent(QWheelEvent *event)
{
    zoom(event->angleDelta().y() > 0 ? 1 / 1.05 : 1.05);
}

void PhotoCropper::keyPressEvent(QKeyEvent *event)
{
    const double step = qMax(1.0, m_crop.height() / 50);
    switch (event->key()) {
    case Qt::Key_Left: setCrop(m_crop.translated(-step, 0)); break;
    case Qt::Key_Right: setCrop(m_crop.translated(step, 0)); break;
    case Qt::Key_Up: setCrop(m_crop.translated(0, -step)); break;
    case Qt::Key_Down: setCrop(m_crop.translated(0, step)); break;
    case Qt::Key_Plus:
    case Qt::Key_Equal: zoom(1 / 1.05); break;
    case Qt::Key_Minus: zoom(1.05); break;
    default: QWidget::keyPressEvent(event);
    }
}

} // namespace ncre
