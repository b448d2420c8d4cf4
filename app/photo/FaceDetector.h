#pragma once

#include <QImage>
#include <QList>
#include <QRect>

#include <memory>
#include <mutex>

namespace cv {
class CascadeClassifier;
}

namespace ncre {

// Frontal faces, with OpenCV's objdetect and the Haar cascade Debian ships in opencv-data
// (haarcascade_frontalface_alt2), compiled into the program as a resource: never downloaded, nothing to install.
// The only file in app/ that includes OpenCV.
class FaceDetector
{
public:
    // The detector shared by the process (loading the cascade costs a few milliseconds once).
    static FaceDetector &shared();

    bool isLoaded() const { return m_loaded; }

    // Faces in `image`, largest first, in its pixel coordinates. Detection runs on a grey, equalised copy whose
    // long side is at most `workingSide` pixels (faces smaller than a tenth of the short side are ignored).
    QList<QRect> detect(const QImage &image, int workingSide = 480) const;

    FaceDetector();
    ~FaceDetector();

private:
    std::unique_ptr<cv::CascadeClassifier> m_cascade;
    bool m_loaded = false;
    mutable std::mutex m_mutex; // CascadeClassifier::detectMultiScale is not re-entrant
};

} // namespace ncre
