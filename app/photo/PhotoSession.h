#pragma once

#include "PhotoFixer.h"

#include <QFutureWatcher>
#include <QImage>
#include <QObject>

#include <atomic>
#include <memory>

namespace ncre {

// One photo being prepared for upload: the one pipeline the desk uses, with the same inspector and spec as
// ncre-photo and the server's upload check. It owns the picture (decoded upright at a working size), the frame
// (crop), the findings and the prepared JPEG, and does all image work (decode, face detection, head measurement,
// crop, encode, inspection) on a worker thread: the GUI thread only shows what it reports. Starting new work
// cancels what is still running; a cancelled result is never delivered.
class PhotoSession : public QObject
{
    Q_OBJECT

public:
    explicit PhotoSession(PhotoSpec spec = PhotoSpec::ncreDefault(), QObject *parent = nullptr);
    ~PhotoSession() override;

    // The rules checked against: the server's (RegistrationFlow::photoSpec). A new spec checks the frame again.
    void setSpec(const PhotoSpec &spec);
    const PhotoSpec &spec() const { return m_spec; }

    // Opens a photo: opened() when it could be decoded (with the frame placed around the head), openFailed() with
    // the findings when not. The file's own verdict (fileInspection) is what `ncre-photo check` says of it.
    void openFile(const QString &path);
    void openBytes(const QByteArray &bytes);
    // Turns the picture by 90, 180 or 270 degrees clockwise (negative: anticlockwise) and places the frame anew.
    void rotate(int degrees);
    // Moves the frame (the picture's pixels); checked() follows with the findings of what it frames.
    void setCrop(const QRectF &crop);
    // Stops what runs; nothing more is reported for it.
    void cancel();

    bool isBusy() const { return m_busy; }
    const QImage &image() const { return m_image; }
    QRectF crop() const { return m_crop; }
    // The verdict on the file as opened (format, bytes, dimensions, ... as `ncre-photo check` gives it).
    const Inspection &fileInspection() const { return m_fileInspection; }
    // The findings for the current frame, and the JPEG it makes (empty unless it complies).
    const QList<PhotoFinding> &findings() const { return m_findings; }
    const QByteArray &preparedJpeg() const { return m_jpeg; }
    // Degrees clockwise the picture still needs turning to be upright (found on the file as opened, less what the
    // candidate turned since): 0, 90, 180 or 270.
    int stillToTurn() const;

signals:
    void opened();
    void openFailed(const QList<ncre::PhotoFinding> &findings);
    void checked();
    void busyChanged(bool busy);

private:
    struct Placed
    {
        QImage image;
        QRectF crop;
        QRgb fill = qRgb(255, 255, 255);
        Inspection file;
        int turned = 0; // degrees clockwise the candidate turned the picture since it was opened
        bool ok = false;
    };
    struct Checked
    {
        QList<PhotoFinding> findings;
        QByteArray jpeg;
    };
    using Cancelled = std::shared_ptr<std::atomic_bool>;

    // Cancels what runs under `flag` and gives the flag for what starts now.
    static Cancelled renew(Cancelled &flag);
    void startOpen(const std::function<Placed(const Cancelled &)> &job);
    void startCheck();
    void setBusy(bool busy);
    // Runs on the worker: the file's verdict, the picture decoded at the working size and the frame placed.
    static Placed place(const QByteArray &bytes, const PhotoSpec &spec, const Cancelled &cancelled);
    // Runs on the worker: detects the face and places the frame on `placed.image`.
    static void placeFrame(Placed &placed, const PhotoSpec &spec, const Cancelled &cancelled);

    PhotoSpec m_spec;
    QImage m_image;
    QRectF m_crop;
    QRgb m_fill = qRgb(255, 255, 255);
    Inspection m_fileInspection;
    int m_turned = 0;
    QList<PhotoFinding> m_findings;
    QByteArray m_jpeg;
    bool m_busy = false;
    Cancelled m_openCancelled;
    Cancelled m_checkCancelled;
    QFutureWatcher<Placed> m_openWatcher;
    QFutureWatcher<Checked> m_checkWatcher;
};

} // namespace ncre
