#include "CameraDialog.h"

#include "FrameSource.h"

#include <QBuffer>
#include <QHBoxLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

CameraDialog::CameraDialog(FrameSource &source, QWidget *parent)
    : QDialog(parent)
    , m_source(source)
{
    setObjectName(QStringLiteral("cameraDialog"));
    setWindowTitle(tr("Take your photo"));
    setModal(true);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("cameraPreview"));
    m_preview->setMinimumSize(480, 480);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setStyleSheet(QStringLiteral("background: #202428; color: white;"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("cameraStatus"));
    m_status->setWordWrap(true);
    m_capture = new QPushButton(tr("Take the photo"), this);
    m_capture->setObjectName(QStringLiteral("cameraCapture"));
    m_capture->setEnabled(false);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("cameraCancel"));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_capture);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Look straight at the camera, with your head inside the frame, shoulders level, "
                                    "against the plain background. Then touch «Take the photo»."), this));
    layout->addWidget(m_preview, 1);
    layout->addWidget(m_status);
    layout->addLayout(buttons);

    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_capture, &QPushButton::clicked, this, &CameraDialog::capture);
    connect(&m_source, &FrameSource::frameReady, this, &CameraDialog::showFrame);
    connect(&m_source, &FrameSource::failed, this, [this](const QString &why) {
        m_status->setText(why);
        m_capture->setEnabled(false);
    });
    const QString why = m_source.unavailableReason();
    if (!why.isEmpty()) {
        m_preview->setText(why);
        m_status->setText(why);
    } else {
        m_status->setText(tr("Starting the camera…"));
        m_source.start();
    }
}

CameraDialog::~CameraDialog()
{
    m_source.stop();
}

QRect CameraDialog::guide(QSize size)
{
    const int h = int(size.height() * 0.86);
    const int w = h * 3 / 4;
    return QRect((size.width() - w) / 2, (size.height() - h) / 2, qMin(w, size.width()), h);
}

void CameraDialog::showFrame(const QImage &frame)
{
    m_last = frame;
    if (!m_capture->isEnabled()) {
        m_capture->setEnabled(true);
        m_status->clear();
    }
    // The preview with the composition frame: outside it dimmed, an oval where the head goes.
    QImage shown = frame.convertToFormat(QImage::Format_RGB32);
    QPainter p(&shown);
    const QRect g = guide(shown.size());
    QPainterPath outside;
    outside.addRect(shown.rect());
    QPainterPath inside;
    inside.addRect(g);
    p.fillPath(outside.subtracted(inside), QColor(0, 0, 0, 130));
    p.setPen(QPen(QColor(255, 255, 255, 220), qMax(2, shown.height() / 200)));
    p.drawRect(g);
    const QRectF head(g.x() + g.width() * 0.22, g.y() + g.height() * 0.10, g.width() * 0.56, g.height() * 0.62);
    p.setPen(QPen(QColor(120, 200, 255, 220), qMax(2, shown.height() / 200), Qt::DashLine));
    p.drawEllipse(head);
    p.end();
    m_preview->setPixmap(QPixmap::fromImage(shown).scaled(m_preview->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
}

void CameraDialog::capture()
{
    if (m_last.isNull())
        return;
    const QImage photo = m_last.copy(guide(m_last.size())).convertToFormat(QImage::Format_RGB888);
    QByteArray jpeg;
    QBuffer buffer(&jpeg);
    buffer.open(QIODevice::WriteOnly);
    photo.save(&buffer, "JPEG", 92);
    m_source.stop();
    emit captured(jpeg);
    accept();
}

} // namespace ncre
