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
    return detect(image, nullptr, workingSide);
}

QList<QRect> FaceDetector::detect(const QImage &image, int *evidence, int workingSide) const
{
    int found = 0;
    QList<QRect> faces = isLoaded() ? m_model->detect(image, workingSide, &found) : QList<QRect>();
    qCDebug(lcPhoto) << "face detection in" << image.size() << onWhichThread() << "- evidence" << found;
    if (evidence)
        *evidence = found;
    return faces;
}

QList<QRect> FaceDetector::locate(const QImage &image) const
{
    return isLoaded() ? m_model->locate(image) : QList<QRect>();
}

QRect FaceDetector::refine(const QImage &image, const QRect &approx, int faceSide, int *evidence) const
{
    int found = 0;
    const QRect face = isLoaded() ? m_model->refine(image, approx, faceSide, &found) : QRect();
    qCDebug(lcPhoto) << "face refined in" << image.size() << "- evidence" << found;
    if (evidence)
        *evidence = found;
    return face;
}

int FaceDetector::evidence(const QImage &image) const
{
    return isLoaded() ? m_model->evidence(image) : 0;
}

int FaceDetector::uprightTurn(const QImage &image, int uprightEvidence) const
{
    constexpr int kClear = 6;
    const int asIs = uprightEvidence >= 0 ? uprightEvidence : evidence(image);
    int best = 0, bestEvidence = 0, runnerUp = asIs;
    for (int degrees : {90, 180, 270}) {
        const int e = evidence(image.transformed(QTransform().rotate(degrees)));
        if (e > bestEvidence) {
            runnerUp = qMax(runnerUp, bestEvidence);
            bestEvidence = e;
            best = degrees;
        } else {
            runnerUp = qMax(runnerUp, e);
        }
    }
    const int turn = bestEvidence >= kClear && bestEvidence >= 2 * runnerUp ? best : 0;
    qCDebug(lcPhoto) << "face evidence as it is" << asIs << "- best turn" << best << "with" << bestEvidence
                     << "- next best" << runnerUp << "- turn" << turn;
    return turn;
}

int FaceDetector::turnNeeded(const QImage &image, bool faceFound, int detectEvidence) const
{
    if (faceFound && detectionIsClear(detectEvidence))
        return 0;
    const int asIs = faceFound ? evidence(image) : 0;
    if (faceFound && !evidenceIsWeak(asIs))
        return 0;
    return uprightTurn(image, asIs);
}

} // namespace ncre
