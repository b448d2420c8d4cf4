#pragma once

#include "PhotoFixer.h"
#include "RegistrationFlow.h"

#include <QTimer>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ncre {

class PhotoCropper;

// 照片: choose a file (or drop one), see it in the cropper with the frame already placed around the face, adjust,
// turn it; the checks run as the frame moves and say in plain words what is wrong; upload with a progress bar;
// the photo the server holds is shown, and can be replaced until the information is locked.
class PhotoPage : public QWidget
{
    Q_OBJECT

public:
    explicit PhotoPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    // Opens a photo file; false (with the reason shown) if it cannot be read.
    bool openFile(const QString &path);
    bool openBytes(const QByteArray &bytes);
    void rotate(int degrees);
    void upload();
    PhotoCropper *cropper() const { return m_cropper; }
    QByteArray preparedJpeg() const { return m_jpeg; }
    QStringList findings() const { return m_findingCodes; }

signals:
    void uploaded();
    // The checks of the current frame are done (tests and the UI's own state wait on it).
    void checked();

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;

private:
    void placeFrame();
    void check();
    void showServerPhoto();
    void updateLock();

    RegistrationFlow &m_flow;
    PhotoSpec m_spec;
    PhotoFixer m_fixer;
    PhotoInspector m_inspector;
    PhotoCropper *m_cropper;
    QLabel *m_findings;
    QLabel *m_serverPhoto;
    QLabel *m_status;
    QPushButton *m_choose;
    QPushButton *m_left;
    QPushButton *m_right;
    QPushButton *m_upload;
    QProgressBar *m_progress;
    QTimer m_checkTimer;
    QByteArray m_jpeg;
    QStringList m_findingCodes;
};

} // namespace ncre
