#pragma once

#include <QImage>
#include <QList>
#include <QRect>

#include <memory>

namespace ncre {

class FaceModel;

// "on the main thread" or "on a worker thread": debug messages of image work say where it ran (the desk's
// photo page must never decode or detect on the GUI thread; TestPhotoSession checks these messages).
const char *onWhichThread();

// Frontal faces, with OpenCV's objdetect and the Haar cascade Debian ships in opencv-data
// (haarcascade_frontalface_alt2), compiled in as a resource: never downloaded, nothing to install. OpenCV and the
// cascade live in a module (ncre-face-opencv) loaded when the detector is first used, not at start-up.
class FaceDetector
{
public:
    // The detector shared by the process (loading the cascade costs a few milliseconds once).
    static FaceDetector &shared();

    bool isLoaded() const;

    // Faces in `image`, largest first, in its pixel coordinates. Detection runs on a grey, equalised copy whose
    // long side is at most `workingSide` pixels (faces smaller than a tenth of the short side are ignored).
    QList<QRect> detect(const QImage &image, int workingSide = 480) const;

    // Faces found coarsely (15% scale steps; a picture under 150 pixels on its short side is enlarged to that),
    // largest first: where they are and roughly how large, for refine() to place precisely. Meant for small
    // pictures such as an EXIF thumbnail.
    QList<QRect> locate(const QImage &image) const;

    // The face near `approx` (found before on a smaller copy of the same picture, e.g. the EXIF thumbnail), placed
    // precisely: only the fine pass (5% scale steps from 3/4 to 4/3 of the guess), in a window around it, on a
    // copy where the face is about `faceSide` pixels wide. Empty when no face is there (the copy showed another
    // picture).
    QRect refine(const QImage &image, const QRect &approx, int faceSide = 64) const;

    // How clearly `image` shows an upright frontal face: the number of overlapping detections (OpenCV's
    // neighbour count) of its strongest face on a copy 320 pixels on its long side; 0 when none.
    int evidence(const QImage &image) const;
    // For a picture without an upright face: the turn (degrees clockwise: 90, 180 or 270) after which it shows a
    // face most clearly, or 0 when no turn shows one clearly. Every turn is tried and compared, so a stray
    // detection in a wrong turn does not decide.
    int uprightTurn(const QImage &image) const;

    FaceDetector();
    ~FaceDetector();

private:
    std::unique_ptr<FaceModel> m_model;
};

} // namespace ncre
