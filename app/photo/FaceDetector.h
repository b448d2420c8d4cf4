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
    // The same, and how clearly the strongest face showed (the neighbour count of the coarse pass, 0 for none):
    // what evidenceIsWeak() judges, at no extra cost.
    QList<QRect> detect(const QImage &image, int *evidence, int workingSide = 480) const;

    // Faces found coarsely (15% scale steps; a picture under 150 pixels on its short side is enlarged to that),
    // largest first: where they are and roughly how large, for refine() to place precisely. Meant for small
    // pictures such as an EXIF thumbnail.
    QList<QRect> locate(const QImage &image) const;

    // The face near `approx` (found before on a smaller copy of the same picture, e.g. the EXIF thumbnail), placed
    // precisely: only the fine pass (5% scale steps from 3/4 to 4/3 of the guess), in a window around it, on a
    // copy where the face is about `faceSide` pixels wide. Empty when no face is there (the copy showed another
    // picture).
    QRect refine(const QImage &image, const QRect &approx, int faceSide = 64, int *evidence = nullptr) const;

    // How clearly `image` shows an upright frontal face: the number of overlapping detections (OpenCV's
    // neighbour count) of its strongest face on a copy 320 pixels on its long side; 0 when none.
    int evidence(const QImage &image) const;
    // The turn (degrees clockwise: 90, 180 or 270) after which `image` shows a face most clearly, or 0 when it is
    // upright or no turn shows one clearly. Every turn is tried and compared, and the winner must show at least
    // twice the evidence of the picture as it is (`uprightEvidence`, computed when negative) and of every other
    // turn: a face-like pattern in the background (a poster, a model space shuttle) does not decide.
    int uprightTurn(const QImage &image, int uprightEvidence = -1) const;
    // Whether a picture with a face found as it is should still be compared with its turns: its evidence is below
    // what upright portraits show (a real upright face gathers dozens of detections).
    static bool evidenceIsWeak(int evidence) { return evidence < kCertainEvidence; }
    static constexpr int kCertainEvidence = 32; // evidence(): upright ID photos 39-62; a shuttle model 23-26
    // The same for the evidence detect() and refine() report from their own passes (fewer scales, so lower
    // counts): above this, no further look is needed.
    static bool detectionIsClear(int detectEvidence) { return detectEvidence >= kClearDetection; }
    static constexpr int kClearDetection = 18; // detect(): upright ID photos 15-41; a shuttle model 9
    // Whether the picture should be turned before a face found in it is trusted (0 if not): the face found
    // clearly, or the picture's evidence strong, keeps it as it is; otherwise every turn is compared.
    int turnNeeded(const QImage &image, bool faceFound, int detectEvidence) const;

    FaceDetector();
    ~FaceDetector();

private:
    std::unique_ptr<FaceModel> m_model;
};

} // namespace ncre
