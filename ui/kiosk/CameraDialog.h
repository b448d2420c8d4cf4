#pragma once

#include <QDialog>
#include <QImage>

class QLabel;
class QPushButton;

namespace ncre {

class FrameSource;

// Taking the photo with the terminal's camera (issue 16): the live preview with the composition frame (where the
// head goes, at the photo's 3:4 proportions), «拍照», then the frame's content goes to the same photo pipeline as
// a file does (PhotoPage::openBytes). Says so plainly when there is no camera.
class CameraDialog : public QDialog
{
    Q_OBJECT

public:
    CameraDialog(FrameSource &source, QWidget *parent = nullptr);
    ~CameraDialog() override;

    // The composition frame within a frame of `size`: 3:4, centred, 86% of the height.
    static QRect guide(QSize size);
    void capture();

signals:
    // The photo taken: a JPEG of the guide's content.
    void captured(const QByteArray &jpeg);

private:
    void showFrame(const QImage &frame);

    FrameSource &m_source;
    QImage m_last;
    QLabel *m_preview;
    QLabel *m_status;
    QPushButton *m_capture;
};

} // namespace ncre
