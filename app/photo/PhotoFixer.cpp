#include "PhotoFixer.h"

#include "FaceDetector.h"
#include "PhotoLogging.h"

#include <QBuffer>
#include <QFile>
#include <QElapsedTimer>
#include <QImageWriter>
#include <QPainter>
#include <QTransform>

namespace ncre {

namespace {

// The decode box: a 12 MP photo decodes once, at 1/4 (1000 pixels on the long side), which leaves a head crop
// taken at arm's length about 300 pixels high: more than the spec's minimum, without a second decode.
const QSize kFixBox(1024, 1024);
// A crop at least this tall in the first decode is used as it is rather than decoded again at a finer scale.
constexpr int kGoodEnoughHeight = 288;
// How far a crop may reach outside the photo (filled with the background next to it), as a fraction of its size.
constexpr double kMaxPadding = 0.08;

QByteArray encodeJpeg(const QImage &image, int quality)
{
    QByteArray out;
    QBuffer buffer(&out);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "jpeg");
    writer.setQuality(quality);
    writer.setOptimizedWrite(true);
    writer.write(image);
    return out;
}

QRgb averageRow(const QImage &image, int y, int x0, int x1)
{
    y = qBound(0, y, image.height() - 1);
    x0 = qBound(0, x0, image.width() - 1);
    x1 = qBound(x0 + 1, x1, image.width());
    qint64 r = 0, g = 0, b = 0;
    for (int x = x0; x < x1; ++x) {
        const QRgb p = image.pixel(x, y);
        r += qRed(p);
        g += qGreen(p);
        b += qBlue(p);
    }
    const int n = x1 - x0;
    return qRgb(int(r / n), int(g / n), int(b / n));
}

// `crop` of `source` scaled into `size`; `inside` is the part of the crop within the source. Where the crop reaches
// outside the photo, the background next to it continues.
QImage cropped(const QImage &source, const QRectF &crop, const QRectF &inside, QSize size)
{
    QImage out(size, QImage::Format_RGB32);
    out.fill(averageRow(source, int(inside.top()), int(inside.left()), int(inside.right())));
    QPainter p(&out);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const double k = size.height() / crop.height();
    p.setTransform(QTransform::fromScale(k, k).translate(-crop.left(), -crop.top()));
    p.drawImage(inside, source, inside);
    return out;
}

} // namespace

PhotoFixer::PhotoFixer(PhotoSpec spec)
    : m_spec(spec)
    , m_inspector(std::move(spec))
{
}

QRectF PhotoFixer::proposeCrop(QSizeF, const QRectF &face) const
{
    const HeadGeometry head = HeadGeometry::fromFace(face);
    const PhotoComposition &c = m_spec.composition;
    const double height = head.height() / c.head;
    const double aspect = (m_spec.aspectMin + m_spec.aspectMax) / 2;
    const double width = height * aspect;
    return QRectF(head.centreX - width / 2, head.top - c.topMargin * height, width, height);
}

Result<QByteArray> PhotoFixer::encode(const QImage &source, int *quality) const
{
    QImage image = source.convertToFormat(QImage::Format_RGB32);
    image.setColorSpace(QColorSpace()); // pixels are sRGB already; no ICC profile, no text, no EXIF is written
    for (int grow = 0; grow < 4; ++grow) {
        // The best quality whose file is not above the maximum (binary search: size grows with quality).
        int lo = 30, hi = 97, best = -1;
        QByteArray bestBytes;
        // An ID photo of a few hundred pixels usually fits at the best quality: one encode instead of a search.
        if (const QByteArray top = encodeJpeg(image, hi); top.size() <= m_spec.maxBytes) {
            best = hi;
            bestBytes = top;
            lo = hi + 1;
        } else {
            hi -= 1;
        }
        while (lo <= hi) {
            const int q = (lo + hi) / 2;
            const QByteArray bytes = encodeJpeg(image, q);
            if (bytes.size() <= m_spec.maxBytes) {
                best = q;
                bestBytes = bytes;
                lo = q + 1;
            } else {
                hi = q - 1;
            }
        }
        if (best < 0)
            return Error(ErrorCode::PhotoBytes, {}, QStringLiteral("above the maximum even at quality 30"));
        if (bestBytes.size() >= m_spec.minBytes) {
            if (quality)
                *quality = best;
            qCDebug(lcPhoto) << "encoded" << image.size() << "at quality" << best << bestBytes.size() << "bytes";
            return bestBytes;
        }
        // A very smooth picture stays below the minimum file size even at the best quality: more pixels.
        const QSize bigger = (QSizeF(image.size()) * 1.25).toSize();
        if (bigger.width() > m_spec.maxWidth || bigger.height() > m_spec.maxHeight)
            break;
        image = image.scaled(bigger, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    return Error(ErrorCode::PhotoBytes, {}, QStringLiteral("below the minimum at the best quality"));
}

Result<QByteArray> PhotoFixer::renderCrop(const QImage &upright, const QRectF &crop) const
{
    if (upright.isNull() || crop.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("nothing to crop"));
    const int outHeight = qMin(m_maxOutputHeight, int(crop.height()));
    if (outHeight < m_spec.minHeight)
        return Error(ErrorCode::PhotoDimensions, {}, QStringLiteral("%1 pixels high").arg(int(crop.height())));
    const double aspect = crop.width() / crop.height();
    const QSize outSize(qRound(outHeight * aspect), outHeight);
    const QRectF inside = crop.intersected(QRectF(QPointF(0, 0), QSizeF(upright.size())));
    if (inside.isEmpty())
        return Error(ErrorCode::PhotoComposition, {}, QStringLiteral("crop outside the photo"));
    return encode(cropped(upright, crop, inside, outSize));
}

Result<PhotoFixer::Fixed, QList<PhotoFinding>> PhotoFixer::fix(const QByteArray &input) const
{
    QByteArray copy = input;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return fixFrom(&buffer, [&input]() { return input; });
}

Result<PhotoFixer::Fixed, QList<PhotoFinding>> PhotoFixer::fixFile(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QList<PhotoFinding>{{ErrorCode::PhotoDecode, tr("The file cannot be opened: %1").arg(file.errorString())}};
    return fixFrom(&file, [&file]() {
        file.seek(0);
        return file.readAll();
    });
}

Result<PhotoFixer::Fixed, QList<PhotoFinding>> PhotoFixer::fixFrom(QIODevice *file,
                                                                   const std::function<QByteArray()> &wholeFile) const
{
    Fixed fixed;
    QElapsedTimer timer;
    timer.start();
    auto fail = [](ErrorCode code, const QString &message) {
        return Result<Fixed, QList<PhotoFinding>>(QList<PhotoFinding>{{code, message}});
    };

    Result<DecodedPhoto> decoded = PhotoReader::read(file, kFixBox);
    if (!decoded)
        return fail(decoded.error().code, PhotoInspector::messageFor(decoded.error()));
    DecodedPhoto photo = std::move(decoded).value();
    fixed.timings.decodeNs = timer.nsecsElapsed();

    if (m_spec.colour && PhotoInspector::looksGrey(photo.image))
        return fail(ErrorCode::PhotoColour, tr("The photo is black and white; a colour photo is required."));

    timer.restart();
    const FaceDetector &detector = FaceDetector::shared();
    if (!detector.isLoaded())
        return fail(ErrorCode::PhotoFace, tr("Faces cannot be checked: the face detector is missing."));
    QList<QRect> faces = detector.detect(photo.image);
    if (faces.isEmpty()) {
        for (int degrees : {90, 270, 180}) {
            const QImage turned = photo.image.transformed(QTransform().rotate(degrees));
            faces = detector.detect(turned);
            if (!faces.isEmpty()) {
                photo.image = turned;
                if (degrees != 180)
                    photo.uprightSize.transpose();
                fixed.rotationApplied = degrees;
                break;
            }
        }
    }
    fixed.timings.detectNs = timer.nsecsElapsed();
    if (faces.isEmpty())
        return fail(ErrorCode::PhotoFace, tr("No face was found. Use a recent photo that shows your whole face from "
                                             "the front."));
    // Faces far smaller than the largest are people in the background; two of a size are two people.
    if (faces.size() > 1 && faces.at(1).width() * 2 > faces.at(0).width())
        return fail(ErrorCode::PhotoFace, tr("%n faces were found; the photo must show only you.", nullptr,
                                             int(faces.size())));

    timer.restart();
    const QRectF face = faces.first();
    const QImage &small = photo.image;
    const QRectF cropSmall = proposeCrop(small.size(), face);
    const QRectF insideSmall = cropSmall.intersected(QRectF(QPointF(0, 0), QSizeF(small.size())));
    if (insideSmall.width() < cropSmall.width() * (1 - kMaxPadding) || insideSmall.height() < cropSmall.height() * (1 - kMaxPadding))
        return fail(ErrorCode::PhotoComposition,
                    tr("The head is too close to the edge of the photo to leave the required space around it. "
                       "Take the photo from a little further away."));
    // In the upright, full-resolution photo.
    const QRectF crop(cropSmall.topLeft() / photo.scale, cropSmall.size() / photo.scale);
    const QRectF inside(insideSmall.topLeft() / photo.scale, insideSmall.size() / photo.scale);
    fixed.crop = crop;
    int outHeight = qMin(m_maxOutputHeight, int(crop.height()));
    if (photo.scale * crop.height() < outHeight && cropSmall.height() >= kGoodEnoughHeight)
        outHeight = int(cropSmall.height()); // sharp enough as decoded: no second pass over the file
    if (outHeight < m_spec.minHeight)
        return fail(ErrorCode::PhotoDimensions,
                    tr("There are too few pixels around the face (%1 pixels high; at least %2 are needed). Use a "
                       "sharper or larger photo.").arg(int(crop.height())).arg(m_spec.minHeight));
    const double aspect = (m_spec.aspectMin + m_spec.aspectMax) / 2;
    const QSize outSize(qRound(outHeight * aspect), outHeight);
    const double k = outSize.height() / crop.height(); // full resolution → output

    // The source pixels: the small decode when it is sharp enough, else the crop's region decoded again at the
    // scale the output needs (only its rows, at the coarsest DCT scale that suffices).
    QImage source = small;
    QRectF sourceCrop = cropSmall, sourceInside = insideSmall;
    if (photo.scale < k * 0.95) {
        const QRect region = inside.toAlignedRect();
        const QByteArray input = wholeFile(); // rare: the first decode was too coarse for this crop
        Result<QImage> detail = fixed.rotationApplied == 0 ? PhotoReader::readRegion(input, region, k)
                                                           : Result<QImage>(Error(ErrorCode::PhotoDecode));
        if (!detail) {
            // Turned by us (not by EXIF): decode the whole photo at the needed scale and turn it the same way.
            const int side = int(qMax(photo.uprightSize.width(), photo.uprightSize.height()) * k) + 1;
            Result<DecodedPhoto> whole = PhotoReader::read(input, QSize(side, side));
            if (!whole)
                return fail(whole.error().code, PhotoInspector::messageFor(whole.error()));
            const QImage turned = whole->image.transformed(QTransform().rotate(fixed.rotationApplied));
            const double ks = double(turned.height()) / photo.uprightSize.height();
            source = turned;
            sourceCrop = QRectF(crop.topLeft() * ks, crop.size() * ks);
            sourceInside = QRectF(inside.topLeft() * ks, inside.size() * ks);
        } else {
            source = detail.value();
            const double kx = double(source.width()) / region.width(), ky = double(source.height()) / region.height();
            sourceCrop = QRectF((crop.left() - region.left()) * kx, (crop.top() - region.top()) * ky, crop.width() * kx,
                                crop.height() * ky);
            sourceInside = QRectF((inside.left() - region.left()) * kx, (inside.top() - region.top()) * ky,
                                  inside.width() * kx, inside.height() * ky);
        }
    }

    const QImage out = cropped(source, sourceCrop, sourceInside, outSize);
    fixed.timings.cropNs = timer.nsecsElapsed();

    timer.restart();
    Result<QByteArray> jpeg = encode(out, &fixed.quality);
    fixed.timings.encodeNs = timer.nsecsElapsed();
    if (!jpeg)
        return fail(ErrorCode::PhotoBytes, tr("The photo cannot be saved within the allowed file size."));
    fixed.jpeg = std::move(jpeg).value();
    const Result<QSize> written = PhotoReader::headerSize(fixed.jpeg);
    fixed.size = written ? written.value() : outSize;

    timer.restart();
    // The face where it was placed, in the written file's pixels.
    const double ko = double(fixed.size.height()) / cropSmall.height();
    const QRectF placedFace((face.left() - cropSmall.left()) * ko, (face.top() - cropSmall.top()) * ko, face.width() * ko,
                            face.height() * ko);
    const Inspection check = m_inspector.inspect(fixed.jpeg, placedFace);
    fixed.timings.verifyNs = timer.nsecsElapsed();
    if (!check.ok())
        return Result<Fixed, QList<PhotoFinding>>(check.findings);
    return fixed;
}

} // namespace ncre
