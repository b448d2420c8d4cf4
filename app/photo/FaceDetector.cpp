#include "FaceDetector.h"

#include "FaceModel.h"
#include "ModuleLoader.h"
#include "PhotoLogging.h"

namespace ncre {

FaceDetector &FaceDetector::shared()
{
    static FaceDetector detector;
    return detector;
}

FaceDetector::FaceDetector()
{
    QString why;
    const auto create = reinterpret_cast<FaceModelFactory>(
        ModuleLoader::resolve(QString::fromLatin1(kFaceModule), kFaceFactory, &why));
    if (!create) {
        qCCritical(lcPhoto) << "faces cannot be found:" << why;
        return;
    }
    m_model.reset(create());
}

FaceDetector::~FaceDetector() = default;

bool FaceDetector::isLoaded() const
{
    return m_model && m_model->isLoaded();
}

QList<QRect> FaceDetector::detect(const QImage &image, int workingSide) const
{
    return isLoaded() ? m_model->detect(image, workingSide) : QList<QRect>();
}

QList<QRect> FaceDetector::locate(const QImage &image) const
{
    return isLoaded() ? m_model->locate(image) : QList<QRect>();
}

QRect FaceDetector::refine(const QImage &image, const QRect &approx, int faceSide) const
{
    return isLoaded() ? m_model->refine(image, approx, faceSide) : QRect();
}

} // namespace ncre
