#pragma once

#include "FrameSource.h"

#include <QMediaCaptureSession>
#include <QPointer>
#include <QVideoSink>

class QCamera;

namespace ncre {

// The terminal's camera through Qt Multimedia (issue 16): `setting` is the kiosk configuration's camera key —
// "default" (the system's default camera), "none", or a camera's id or description.
class QtCameraSource : public FrameSource
{
    Q_OBJECT

public:
    explicit QtCameraSource(QString setting, QObject *parent = nullptr);
    ~QtCameraSource() override;

    void start() override;
    void stop() override;
    QString unavailableReason() const override;

private:
    QString m_setting;
    QPointer<QCamera> m_camera;
    QMediaCaptureSession m_session;
    QVideoSink m_sink;
};

} // namespace ncre
