#pragma once

#include <QImage>
#include <QObject>
#include <QString>

namespace ncre {

// Where the kiosk's photo capture gets its frames (issue 16): the terminal's camera through Qt Multimedia
// (ui/kiosk/QtCameraSource), or — in tests — a sequence of still frames through this same interface. The capture
// page shows each frame as the live preview and takes the latest one when the candidate presses «拍照».
class FrameSource : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    virtual void start() = 0;
    virtual void stop() = 0;
    // Empty when frames can come; otherwise why not, translated for the candidate (no camera, camera busy...).
    virtual QString unavailableReason() const = 0;

signals:
    void frameReady(const QImage &frame);
    // The camera stopped working while in use (unplugged, taken by another program): why, translated.
    void failed(const QString &why);
};

} // namespace ncre
