#pragma once

#include "PhotoSpec.h"

#include <QImage>
#include <QWidget>

namespace ncre {

// The photo with a frame of the required proportions over it: guide lines inside the frame at the top margin
// (1/10) and at the chin (top margin + head, 8/10) show where the head belongs. Drag the frame to move it, the wheel
// (or +/-) to make it larger or smaller, arrow keys to nudge it. Coordinates are the image's pixels.
class PhotoCropper : public QWidget
{
    Q_OBJECT

public:
    explicit PhotoCropper(QWidget *parent = nullptr);

    void setSpec(const PhotoSpec &spec) { m_spec = spec; update(); }
    // What the empty area says (a kiosk has no dragging: issue 16).
    void setPlaceholder(const QString &text) { m_placeholder = text; update(); }
    void setImage(const QImage &image, const QRectF &crop);
    const QImage &image() const { return m_image; }
    QRectF crop() const { return m_crop; }
    void setCrop(const QRectF &crop);
    // Scales the frame by `factor` around its centre.
    void zoom(double factor);

    QSize sizeHint() const override { return QSize(420, 480); }

signals:
    void cropChanged(const QRectF &crop);

protected:
    void paintEvent(QPaintEvent *event) override;
    void mousePressEvent(QMouseEvent *event) override;
    void mouseMoveEvent(QMouseEvent *event) override;
    void mouseReleaseEvent(QMouseEvent *event) override;
    void wheelEvent(QWheelEvent *event) override;
    void keyPressEvent(QKeyEvent *event) override;

private:
    QRectF imageRect() const; // where the image is drawn in the widget
    double scale() const;     // widget pixels per image pixel

    QString m_placeholder;
    PhotoSpec m_spec = PhotoSpec::ncreDefault();
    QImage m_image;
    QRectF m_crop;
    QPointF m_dragFrom;
    bool m_dragging = false;
};

} // namespace ncre
