#include "QtCameraSource.h"

#include <QCamera>
#include <QCameraDevice>
#include <QMediaDevices>
#include <QVideoFrame>

namespace ncre {

namespace {

std::optional<QCameraDevice> chosenCamera(const QString &setting)
{
    if (setting == QLatin1String("none"))
        return std::nullopt;
    const QList<QCameraDevice> cameras = QMediaDevices::videoInputs();
    if (cameras.isEmpty())
        return std::nullopt;
    if (setting == QLatin1String("default") || setting.isEmpty())
        return QMediaDevices::defaultVideoInput().isNull() ? cameras.first() : QMediaDevices::defaultVideoInput();
    for (const QCameraDevice &camera : cameras) {
        if (QString::fromUtf8(camera.id()) == setting || camera.description() == setting)
            return camera;
    }
    return std::nullopt;
}

} // namespace

QtCameraSource::QtCameraSource(QString setting, QObject *parent)
    : FrameSource(parent)
    , m_setting(std::move(setting))
{
    m_session.setVideoSink(&m_sink);
    connect(&m_sink, &QVideoSink::videoFrameChanged, this, [this](const QVideoFrame &frame) {
        const QImage image = frame.toImage();
        if (!image.isNull())
            emit frameReady(image);
    });
}

QtCameraSource::~QtCameraSource()
{
    stop();
}

QString QtCameraSource::unavailableReason() const
{
    if (m_setting == QLatin1String("none"))
        return tr("This terminal has no camera. Use a photo from a USB stick instead.");
    if (QMediaDevices::videoInputs().isEmpty())
        return tr("No camera is connected to this terminal. Use a photo from a USB stick, or ask a member of staff.");
    if (!chosenCamera(m_setting))
        return tr("The camera set up for this terminal («%1») is not connected. Please ask a member of staff.").arg(m_setting);
    return {};
}

void QtCameraSource::start()
{
    const auto device = chosenCamera(m_setting);
    if (!device) {
        emit failed(unavailableReason());
        return;
    }
    if (!m_camera) {
        m_camera = new QCamera(*device, this);
        m_session.setCamera(m_camera);
        connect(m_camera, &QCamera::errorOccurred, this, [this](QCamera::Error error, const QString &) {
            if (error != QCamera::NoError)
                emit failed(tr("The camera stopped working. Please ask a member of staff, or use a photo from a USB stick."));
        });
    }
    m_camera->start();
}

void QtCameraSource::stop()
{
    if (m_camera)
        m_camera->stop();
}

} // namespace ncre
