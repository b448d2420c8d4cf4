// The OpenCV half of FaceDetector, built as a module (ncre-face-opencv) loaded on the first face detection: OpenCV
// and what it links (TBB, LAPACK, BLAS, gfortran) cost nothing at start-up. The only file that includes OpenCV; the
// face model (Debian's haarcascade_frontalface_alt2) is compiled into the module.
#include "FaceModel.h"

#include <QFile>
#include <QLoggingCategory>

#include <opencv2/core/persistence.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>
#include <memory>
#include <mutex>
#include <tuple>

namespace ncre {

Q_LOGGING_CATEGORY(lcFaces, "ncre.photo.faces", QtInfoMsg)

class OpenCvFaceModel final : public FaceModel
{
public:
    OpenCvFaceModel();
    bool isLoaded() const override { return m_loaded; }
    QList<QRect> detect(const QImage &image, int workingSide, int *evidence) const override;
    QList<QRect> locate(const QImage &image) const override;
    QRect refine(const QImage &image, const QRect &approx, int faceSide, int *evidence) const override;
    int evidence(const QImage &image) const override;

private:
    std::unique_ptr<cv::CascadeClassifier> m_cascade = std::make_unique<cv::CascadeClassifier>();
    bool m_loaded = false;
    mutable std::mutex m_mutex; // CascadeClassifier::detectMultiScale is not re-entrant
};

OpenCvFaceModel::OpenCvFaceModel()
{
    QFile file(QStringLiteral(":/ncre/photo/haarcascade_frontalface_alt2.xml"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcFaces) << "face cascade resource missing";
        return;
    }
    const QByteArray xml = file.readAll();
    try {
        cv::FileStorage fs(std::string(xml.constData(), size_t(xml.size())), cv::FileStorage::READ | cv::FileStorage::MEMORY);
        m_loaded = m_cascade->read(fs.getFirstTopLevelNode());
    } catch (const cv::Exception &e) {
        qCCritical(lcFaces) << "face cascade unreadable:" << e.what();
        m_loaded = false;
    }
}

namespace {

constexpr int kLocateShortSide = 150;
constexpr double kLocateStep = 1.15;

cv::Mat greyView(const QImage &grey)
{
    return cv::Mat(grey.height(), grey.width(), CV_8UC1, const_cast<uchar *>(grey.constBits()), size_t(grey.bytesPerLine()));
}

// Larger first, then top to bottom, left to right: a total order, so the faces come out the same however OpenCV's
// worker threads interleaved their finds (detectMultiScale collects them in the order the threads finish).
bool largerFirst(const cv::Rect &a, const cv::Rect &b)
{
    return std::make_tuple(-a.area(), a.y, a.x, a.width) < std::make_tuple(-b.area(), b.y, b.x, b.width);
}

} // namespace

QList<QRect> OpenCvFaceModel::detect(const QImage &image, int workingSide, int *evidence) const
{
    if (evidence)
        *evidence = 0;
    if (!m_loaded || image.isNull())
        return {};
    // Two passes: find faces coarsely on a small copy (few scales, cheap), then place each precisely in a window
    // around it at the working size with fine scale steps, since the composition check needs the box's size to a
    // few percent.
    QImage fine = image;
    const int longSide = qMax(fine.width(), fine.height());
    double fineFactor = 1.0; // image pixels per fine pixel
    if (longSide > workingSide || longSide < workingSide / 2) {
        // Small photos are enlarged: the cascade's 20-pixel window places a small face poorly.
        fineFactor = double(longSide) / workingSide;
        fine = fine.scaled(fine.size() / fineFactor, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    fine = fine.convertToFormat(QImage::Format_Grayscale8);
    const double coarseFactor = 2.0; // fine pixels per coarse pixel
    const QImage coarse = fine.scaled(fine.size() / coarseFactor, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    cv::Mat coarseEq, fineEq;
    cv::equalizeHist(greyView(coarse), coarseEq);
    cv::equalizeHist(greyView(fine), fineEq);
    const int minSide = qMax(20, qMin(coarse.width(), coarse.height()) / 10);

    std::vector<cv::Rect> found;
    QList<QRect> faces;
    std::lock_guard<std::mutex> lock(m_mutex);
    try {
        std::vector<int> neighbours;
        m_cascade->detectMultiScale(coarseEq, found, neighbours, 1.1, 3, 0, cv::Size(minSide, minSide));
        if (evidence && !neighbours.empty())
            *evidence = *std::max_element(neighbours.begin(), neighbours.end());
        std::sort(found.begin(), found.end(), largerFirst);
        for (const cv::Rect &c : found) {
            QRectF box(c.x * coarseFactor, c.y * coarseFactor, c.width * coarseFactor, c.height * coarseFactor);
            const QRect window = box.adjusted(-box.width() * 0.4, -box.height() * 0.4, box.width() * 0.4, box.height() * 0.4)
                                     .toAlignedRect()
                                     .intersected(QRect(0, 0, fine.width(), fine.height()));
            std::vector<cv::Rect> refined;
            const int lo = int(box.width() * 0.75), hi = int(box.width() * 1.35) + 1;
            m_cascade->detectMultiScale(fineEq(cv::Rect(window.x(), window.y(), window.width(), window.height())), refined,
                                        1.03, 3, 0, cv::Size(lo, lo), cv::Size(hi, hi));
            if (!refined.empty()) {
                const auto best = std::min_element(refined.begin(), refined.end(), largerFirst);
                box = QRectF(window.x() + best->x, window.y() + best->y, best->width, best->height);
            }
            faces.append(QRectF(box.x() * fineFactor, box.y() * fineFactor, box.width() * fineFactor,
                                box.height() * fineFactor).toAlignedRect());
        }
    } catch (const cv::Exception &e) {
        qCWarning(lcFaces) << "face detection failed:" << e.what();
        return {};
    }
    qCDebug(lcFaces) << "faces:" << faces;
    return faces;
}

QList<QRect> OpenCvFaceModel::locate(const QImage &image) const
{
    if (!m_loaded || image.isNull())
        return {};
    // A camera's 160x120 preview shows a face at arm's length about 20 pixels wide: the cascade's smallest window.
    // Enlarged a little, such faces are found reliably.
    const double k = qMin(image.width(), image.height()) < kLocateShortSide
        ? double(kLocateShortSide) / qMin(image.width(), image.height())
        : 1.0;
    const QImage grey = (k > 1 ? image.scaled((QSizeF(image.size()) * k).toSize(), Qt::IgnoreAspectRatio,
                                              Qt::SmoothTransformation)
                               : image)
                            .convertToFormat(QImage::Format_Grayscale8);
    cv::Mat eq;
    cv::equalizeHist(greyView(grey), eq);
    const int minSide = qMax(20, qMin(grey.width(), grey.height()) / 10);
    std::vector<cv::Rect> found;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        try {
            m_cascade->detectMultiScale(eq, found, kLocateStep, 3, 0, cv::Size(minSide, minSide));
        } catch (const cv::Exception &e) {
            qCWarning(lcFaces) << "face location failed:" << e.what();
            return {};
        }
    }
    std::sort(found.begin(), found.end(), largerFirst);
    QList<QRect> faces;
    for (const cv::Rect &r : found)
        faces.append(QRectF(r.x / k, r.y / k, r.width / k, r.height / k).toAlignedRect());
    return faces;
}

QRect OpenCvFaceModel::refine(const QImage &image, const QRect &approx, int faceSide, int *evidence) const
{
    if (evidence)
        *evidence = 0;
    if (!m_loaded || image.isNull() || approx.isEmpty())
        return {};
    const QRect window = approx.adjusted(-approx.width() * 2 / 5, -approx.height() * 2 / 5, approx.width() * 2 / 5,
                                         approx.height() * 2 / 5)
                             .intersected(image.rect());
    if (window.isEmpty())
        return {};
    const double f = double(approx.width()) / faceSide; // image pixels per working pixel
    QImage part = image.copy(window);
    if (f > 1.0)
        part = part.scaled((QSizeF(window.size()) / f).toSize().expandedTo(QSize(1, 1)), Qt::IgnoreAspectRatio,
                           Qt::SmoothTransformation);
    const double fx = double(window.width()) / part.width(), fy = double(window.height()) / part.height();
    part = part.convertToFormat(QImage::Format_Grayscale8);
    cv::Mat eq;
    cv::equalizeHist(greyView(part), eq);
    const double side = approx.width() / fx;
    const int lo = qMax(20, int(side * 0.75)), hi = int(side * 1.35) + 1;
    std::vector<cv::Rect> refined;
    std::vector<int> neighbours;
    std::lock_guard<std::mutex> lock(m_mutex);
    try {
        m_cascade->detectMultiScale(eq, refined, neighbours, 1.05, 3, 0, cv::Size(lo, lo), cv::Size(hi, hi));
        if (evidence && !neighbours.empty())
            *evidence = *std::max_element(neighbours.begin(), neighbours.end());
    } catch (const cv::Exception &e) {
        qCWarning(lcFaces) << "face refinement failed:" << e.what();
        return {};
    }
    if (refined.empty())
        return {};
    const auto best = std::min_element(refined.begin(), refined.end(), largerFirst);
    return QRectF(window.x() + best->x * fx, window.y() + best->y * fy, best->width * fx, best->height * fy).toAlignedRect();
}

int OpenCvFaceModel::evidence(const QImage &image) const
{
    if (!m_loaded || image.isNull())
        return 0;
    constexpr int kSide = 320;
    const QImage small = qMax(image.width(), image.height()) > kSide
        ? image.scaled(kSide, kSide, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        : image;
    const QImage grey = small.convertToFormat(QImage::Format_Grayscale8);
    cv::Mat eq;
    cv::equalizeHist(greyView(grey), eq);
    const int minSide = qMax(20, qMin(grey.width(), grey.height()) / 8);
    std::vector<cv::Rect> found;
    std::vector<int> neighbours;
    std::lock_guard<std::mutex> lock(m_mutex);
    try {
        m_cascade->detectMultiScale(eq, found, neighbours, 1.05, 1, 0, cv::Size(minSide, minSide));
    } catch (const cv::Exception &e) {
        qCWarning(lcFaces) << "face evidence failed:" << e.what();
        return 0;
    }
    return neighbours.empty() ? 0 : *std::max_element(neighbours.begin(), neighbours.end());
}

} // namespace ncre

extern "C" Q_DECL_EXPORT ncre::FaceModel *ncre_create_face_model()
{
    return new ncre::OpenCvFaceModel();
}
