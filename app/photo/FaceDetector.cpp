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

QList<QRect> FaceDetector::detect(const QImage &image, int workingSide) const
{
    if (!m_loaded || image.isNull())
        return {};
    QImage grey = image.convertToFormat(QImage::Format_Grayscale8);
    double factor = 1.0;
    const int longSide = qMax(grey.width(), grey.height());
    if (longSide > workingSide || longSide < workingSide / 2) {
        // Large photos are searched at a working size; small ones are enlarged to it, where the cascade's 20-pixel
        // window and its scale steps place the face box more precisely.
        factor = double(longSide) / workingSide;
        grey = grey.scaled(grey.size() / factor, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
    const cv::Mat view(grey.height(), grey.width(), CV_8UC1, const_cast<uchar *>(grey.constBits()), size_t(grey.bytesPerLine()));
    cv::Mat equalised;
    cv::equalizeHist(view, equalised);
    const int minSide = qMax(24, qMin(grey.width(), grey.height()) / 10);
    std::vector<cv::Rect> found;
    {
        std::lock_guard<std::mutex> lock(m_mutex);
        try {
            m_cascade->detectMultiScale(equalised, found, 1.05, 5, 0, cv::Size(minSide, minSide));
        } catch (const cv::Exception &e) {
            qCWarning(lcPhoto) << "face detection failed:" << e.what();
            return {};
        }
    }
    std::sort(found.begin(), found.end(), [](const cv::Rect &a, const cv::Rect &b) { return a.area() > b.area(); });
    QList<QRect> faces;
    for (const cv::Rect &r : found)
        faces.append(QRectF(r.x * factor, r.y * factor, r.width * factor, r.height * factor).toAlignedRect());
    qCDebug(lcPhoto) << "faces:" << faces;
    return faces;
}

} // namespace ncre
