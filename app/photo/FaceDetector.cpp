#include "FaceDetector.h"

#include "PhotoLogging.h"

#include <QFile>

#include <opencv2/core/persistence.hpp>
#include <opencv2/imgproc.hpp>
#include <opencv2/objdetect.hpp>

#include <algorithm>

namespace ncre {

FaceDetector &FaceDetector::shared()
{
    static FaceDetector detector;
    return detector;
}

FaceDetector::FaceDetector()
    : m_cascade(std::make_unique<cv::CascadeClassifier>())
{
    QFile file(QStringLiteral(":/ncre/photo/haarcascade_frontalface_alt2.xml"));
    if (!file.open(QIODevice::ReadOnly)) {
        qCCritical(lcPhoto) << "face cascade resource missing";
        return;
    }
    const QByteArray xml = file.readAll();
    try {
        cv::FileStorage fs(std::string(xml.constData(), size_t(xml.size())), cv::FileStorage::READ | cv::FileStorage::MEMORY);
        m_loaded = m_cascade->read(fs.getFirstTopLevelNode());
    } catch (const cv::Exception &e) {
        qCCritical(lcPhoto) << "face cascade unreadable:" << e.what();
        m_loaded = false;
    }
}

FaceDetector::~FaceDetector() = default;

namespace {

cv::Mat greyView(const QImage &grey)
{
    return cv::Mat(grey.height(), grey.width(), CV_8UC1, const_cast<uchar *>(grey.constBits()), size_t(grey.bytesPerLine()));
}

} // namespace

QList<QRect> FaceDetector::detect(const QImage &image, int workingSide) const
{
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
        m_cascade->detectMultiScale(coarseEq, found, 1.1, 3, 0, cv::Size(minSide, minSide));
        std::sort(found.begin(), found.end(), [](const cv::Rect &a, const cv::Rect &b) { return a.area() > b.area(); });
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
                const auto best = std::max_element(refined.begin(), refined.end(),
                                                   [](const cv::Rect &a, const cv::Rect &b) { return a.area() < b.area(); });
                box = QRectF(window.x() + best->x, window.y() + best->y, best->width, best->height);
            }
            faces.append(QRectF(box.x() * fineFactor, box.y() * fineFactor, box.width() * fineFactor,
                                box.height() * fineFactor).toAlignedRect());
        }
    } catch (const cv::Exception &e) {
        qCWarning(lcPhoto) << "face detection failed:" << e.what();
        return {};
    }
    qCDebug(lcPhoto) << "faces:" << faces;
    return faces;
}

} // namespace ncre
