#include "FaceDetector.h"

#include "FaceModel.h"
#include "ModuleLoader.h"
#include "PhotoLogging.h"

#include <QCoreApplication>
#include <QThread>
#include <QTransform>

namespace ncre {

const char *onWhichThread()
{
    const QCoreApplication *app = QCoreApplication::instance();
    return app && QThread::currentThread() == app->thread() ? "on the main thread" : "on a worker thread";
}

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
    qCDebug(lcPhoto) << "face detection in" << image.size() << onWhichThread();
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

int FaceDetector::evidence(const QImage &image) const
{
    return isLoaded() ? m_model->evidence(image) : 0;
}

int FaceDetector::uprightTurn(const QImage &image) const
{
    // A real face turned upright gathers dozens of overlapping detections; a pattern that only resembles a face
    // in a wrong turn gathers a few.
    constexpr int kClear = 6;
    int best = 0, bestEvidence = 0, runnerUp = 0;
    for (int degrees : {90, 180, 270}) {
        const int e = evidence(image.transformed(QTransform().rotate(degrees)));
        qCDebug(lcPhoto) << "face evidence turned" << degrees << ":" << e;
        if (e > bestEvidence) {
            runnerUp = bestEvidence;
            bestEvidence = e;
            best = degrees;
        } else {
            runnerUp = qMax(runnerUp, e);
        }
    }
    return bestEvidence >= kClear && bestEvidence >= 2 * runnerUp ? best : 0;
}

} // namespace ncre
