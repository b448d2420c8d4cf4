#pragma once

#include "PhotoSession.h"
#include "RegistrationFlow.h"

#include <QDialog>
#include <QPointer>
#include <QTimer>

#include <functional>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QVBoxLayout;

namespace ncre {

class PhotoCropper;

// 照片: choose a file (or drop one), see it in the cropper with the frame already placed around the head, adjust,
// turn it; the checks run as the frame moves and say in plain words what is wrong; upload with a progress bar;
// the photo the server holds is shown, and can be replaced until the information is locked. A view of a
// PhotoSession: every decode, detection, crop, encode and check runs on its worker thread, with the spec the
// server publishes.
class PhotoPage : public QWidget
{
    Q_OBJECT

public:
    explicit PhotoPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    // Opens a photo (in the background): checked() follows, or the reason it cannot be used is shown.
    void openFile(const QString &path);
    void openBytes(const QByteArray &bytes);
    void rotate(int degrees);
    void upload();
    PhotoCropper *cropper() const { return m_cropper; }
    PhotoSession *session() const { return m_session; }
    QByteArray preparedJpeg() const { return m_session->preparedJpeg(); }
    // The codes of the current frame's findings (or of the file's, when it could not be opened).
    QStringList findings() const;
    // At a kiosk (issue 16): «用摄像头拍照» (a CameraDialog over the frames of `camera`'s source, made per use) and
    // «从U盘选择照片…» (a MediaPickerDialog over `mediaRoots`) instead of the file dialog.
    void setKioskSources(std::function<class FrameSource *(QObject *parent)> camera, std::function<QStringList()> mediaRoots);
    QDialog *cameraDialog() const { return m_cameraDialog; }
    QDialog *mediaDialog() const { return m_mediaDialog; }

signals:
    void uploaded();
    // The checks of the current frame are done (tests and the UI's own state wait on it).
    void checked();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    void showFindings(const QList<PhotoFinding> &findings);
    void showServerPhoto();
    void updateLock();
    void updateTurnButtons();

    RegistrationFlow &m_flow;
    PhotoSession *m_session;
    PhotoCropper *m_cropper;
    QLabel *m_findings;
    QLabel *m_serverPhoto;
    QLabel *m_status;
    QPushButton *m_choose;
    QVBoxLayout *m_side = nullptr; // the column beside the photo
    QPushButton *m_kioskCamera = nullptr;
    QLabel *m_cameraNote = nullptr; // why the camera cannot be used, when it cannot
    std::function<FrameSource *(QObject *)> m_camera;
    void updateCamera();
    QPushButton *m_kioskMedia = nullptr;
    QPointer<QDialog> m_cameraDialog;
    QPointer<QDialog> m_mediaDialog;
    void setChooseEnabled(bool enabled);
    QPushButton *m_left;
    QPushButton *m_right;
    QPushButton *m_upload;
    QProgressBar *m_progress;
    QTimer m_checkTimer;
};

} // namespace ncre
