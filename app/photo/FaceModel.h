#pragma once

#include <QImage>
#include <QList>
#include <QRect>

namespace ncre {

// What FaceDetector asks of its OpenCV module (ncre-face-opencv, app/photo/FaceOpenCv.cpp); see FaceDetector for
// what each call does. Thread-safe.
class FaceModel
{
public:
    virtual ~FaceModel() = default;
    virtual bool isLoaded() const = 0;
    virtual QList<QRect> detect(const QImage &image, int workingSide, int *evidence) const = 0;
    virtual QList<QRect> locate(const QImage &image) const = 0;
    virtual QRect refine(const QImage &image, const QRect &approx, int faceSide, int *evidence) const = 0;
    virtual int evidence(const QImage &image) const = 0;
};

using FaceModelFactory = FaceModel *(*)();
inline constexpr char kFaceModule[] = "ncre-face-opencv";
inline constexpr char kFaceFactory[] = "ncre_create_face_model";

} // namespace ncre
