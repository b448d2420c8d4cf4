#include "PhotoReader.h"

#include "PhotoLogging.h"

#include <QBuffer>
#include <QImageReader>
#include <QTransform>

#include <cmath>

namespace ncre {

namespace {

const char *qtFormat(ImageFormat f)
{
    switch (f) {
    case ImageFormat::Jpeg: return "jpeg";
    case ImageFormat::Png: return "png";
    case ImageFormat::Gif: return "gif";
    case ImageFormat::Bmp: return "bmp";
    case ImageFormat::Webp: return "webp";
    case ImageFormat::Tiff: return "tiff";
    case ImageFormat::Heif:
    case ImageFormat::Unknown: break;
    }
    return nullptr;
}

// Number of colour components in the JPEG's frame header (SOFn), or 0 if none was found.
int jpegComponents(const QByteArray &b)
{
    qsizetype i = 2;
    while (i + 9 < b.size()) {
        if (uchar(b[i]) != 0xFF) {
            ++i;
            continue;
        }
        const uchar marker = uchar(b[i + 1]);
        if (marker == 0xFF || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
            ++i;
            continue;
        }
        const int length = (uchar(b[i + 2]) << 8) | uchar(b[i + 3]);
        const bool sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
        if (sof)
            return uchar(b[i + 9]);
        if (marker == 0xDA || length < 2)
            return 0;
        i += 2 + length;
    }
    return 0;
}

// The libjpeg scale (1, 2, 4 or 8) that decodes no smaller than `minLongSide` on the long side.
int jpegScaleDenominator(QSize stored, int minLongSide)
{
    const int longSide = qMax(stored.width(), stored.height());
    for (int d : {8, 4, 2})
        if (longSide / d >= minLongSide)
            return d;
    return 1;
}

} // namespace

QString imageFormatName(ImageFormat format)
{
    switch (format) {
    case ImageFormat::Jpeg: return QStringLiteral("JPEG");
    case ImageFormat::Png: return QStringLiteral("PNG");
    case ImageFormat::Gif: return QStringLiteral("GIF");
    case ImageFormat::Bmp: return QStringLiteral("BMP");
    case ImageFormat::Webp: return QStringLiteral("WebP");
    case ImageFormat::Tiff: return QStringLiteral("TIFF");
    case ImageFormat::Heif: return QStringLiteral("HEIF");
    case ImageFormat::Unknown: break;
    }
    return QStringLiteral("unknown");
}

ImageFormat PhotoReader::sniff(const QByteArray &b)
{
    if (b.startsWith("\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (b.startsWith("\x89PNG\r\n\x1A\n"))
        return ImageFormat::Png;
    if (b.startsWith("GIF87a") || b.startsWith("GIF89a"))
        return ImageFormat::Gif;
    if (b.startsWith("BM") && b.size() > 26)
        return ImageFormat::Bmp;
    if (b.startsWith("RIFF") && b.mid(8, 4) == "WEBP")
        return ImageFormat::Webp;
    if (b.startsWith("II*\0") || b.startsWith(QByteArray("MM\0*", 4)))
        return ImageFormat::Tiff;
    if (b.mid(4, 4) == "ftyp" && (b.mid(8, 4) == "heic" || b.mid(8, 4) == "heix" || b.mid(8, 4) == "mif1"))
        return ImageFormat::Heif;
    return ImageFormat::Unknown;
}

bool PhotoReader::jpegLooksTruncated(const QByteArray &bytes)
{
    const qsizetype eoi = bytes.lastIndexOf("\xFF\xD9");
    return eoi < 0 || eoi < bytes.lastIndexOf("\xFF\xDA");
}

Result<QSize> PhotoReader::headerSize(const QByteArray &bytes, const Limits &limits)
{
    const ImageFormat format = sniff(bytes);
    const char *name = qtFormat(format);
    if (!name)
        return format == ImageFormat::Heif
            ? Error(ErrorCode::PhotoFormat, {}, QStringLiteral("HEIF cannot be read; a JPEG is required"))
            : Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not an image"));
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, name);
    const QSize size = reader.size();
    if (!size.isValid() || size.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("unreadable header"));
    if (size.width() > limits.maxSide || size.height() > limits.maxSide
        || qint64(size.width()) * size.height() > limits.maxPixels)
        return Error(ErrorCode::PhotoDimensions, {},
                     QStringLiteral("%1x%2 is too large to decode safely").arg(size.width()).arg(size.height()));
    return size;
}

Result<DecodedPhoto> PhotoReader::read(const QByteArray &bytes, QSize fitInside, const Limits &limits)
{
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer, fitInside, limits);
}

Result<DecodedPhoto> PhotoReader::read(QIODevice *device, QSize fitInside, const Limits &limits)
{
    if (!device || !device->isOpen() || device->isSequential())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not a readable file"));
    if (device->size() > limits.maxBytes)
        return Error(ErrorCode::PhotoBytes, {}, QStringLiteral("%1 bytes is too large to read").arg(device->size()));
    device->seek(0);
    // The head holds the format's signature and, for a JPEG, every segment before the frame header (EXIF <= 64 KB).
    const QByteArray head = device->peek(192 * 1024);
    DecodedPhoto d;
    d.format = sniff(head);
    const char *name = qtFormat(d.format);
    if (!name)
        return d.format == ImageFormat::Heif
            ? Error(ErrorCode::PhotoFormat, {}, QStringLiteral("HEIF cannot be read; a JPEG is required"))
            : Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not an image"));
    if (d.format == ImageFormat::Jpeg) {
        // A complete JPEG ends its last scan with EOI. The tail is enough: entropy-coded data cannot contain a
        // marker, so a cut-off file has no EOI after its last SOS there.
        const qint64 tailFrom = qMax<qint64>(0, device->size() - 64 * 1024);
        device->seek(tailFrom);
        const QByteArray tail = device->read(64 * 1024);
        device->seek(0);
        if (jpegLooksTruncated(tail))
            return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("truncated"));
        d.cmyk = jpegComponents(head) == 4;
    }
    QImageReader reader(device, name);
    reader.setAutoTransform(true);
    const QSize stored = reader.size(); // the header only: bombs are refused before anything is allocated
    if (!stored.isValid() || stored.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("unreadable header"));
    if (stored.width() > limits.maxSide || stored.height() > limits.maxSide
        || qint64(stored.width()) * stored.height() > limits.maxPixels)
        return Error(ErrorCode::PhotoDimensions, {},
                     QStringLiteral("%1x%2 is too large to decode safely").arg(stored.width()).arg(stored.height()));
    d.storedSize = stored;
    const QImageIOHandler::Transformations t = reader.transformation();
    const bool turned = t.testFlag(QImageIOHandler::TransformationRotate90);
    d.uprightSize = turned ? d.storedSize.transposed() : d.storedSize;
    switch (int(t) & ~int(QImageIOHandler::TransformationMirror)) {
    case QImageIOHandler::TransformationRotate90: d.exifRotation = 90; break;
    case QImageIOHandler::TransformationRotate180: d.exifRotation = 180; break;
    case QImageIOHandler::TransformationRotate270: d.exifRotation = 270; break;
    default: d.exifRotation = 0;
    }
    d.exifMirrored = t.testFlag(QImageIOHandler::TransformationMirror) != t.testFlag(QImageIOHandler::TransformationFlip)
        && d.exifRotation != 180;

    if (fitInside.isValid() && !fitInside.isEmpty()) {
        const QSize box = turned ? fitInside.transposed() : fitInside;
        if (d.storedSize.width() > box.width() || d.storedSize.height() > box.height()) {
            QSize target;
            if (d.format == ImageFormat::Jpeg) {
                // Ask for exactly what libjpeg's DCT scaling gives, so no second scaling pass runs.
                const int denominator = jpegScaleDenominator(d.storedSize, qMax(box.width(), box.height()) * 3 / 4);
                target = QSize((d.storedSize.width() + denominator - 1) / denominator,
                               (d.storedSize.height() + denominator - 1) / denominator);
            } else {
                target = d.storedSize.scaled(box, Qt::KeepAspectRatio);
            }
            reader.setScaledSize(target.expandedTo(QSize(1, 1)));
        }
    }
    QImage image = reader.read();
    if (image.isNull())
        return Error(ErrorCode::PhotoDecode, {}, reader.errorString());
    if (image.colorSpace().isValid() && image.colorSpace() != QColorSpace(QColorSpace::SRgb))
        image.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
    if (image.format() != QImage::Format_RGB32 && image.format() != QImage::Format_ARGB32)
        image = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    d.scale = double(image.width()) / d.uprightSize.width();
    d.image = std::move(image);
    qCDebug(lcPhoto) << "decoded" << imageFormatName(d.format) << d.storedSize << "at" << d.image.size()
                     << "exif rotation" << d.exifRotation;
    return d;
}

Result<QImage> PhotoReader::readRegion(const QByteArray &bytes, const QRect &uprightRegion, double scale,
                                       const Limits &limits)
{
    const Result<QSize> stored = headerSize(bytes, limits);
    if (!stored)
        return stored.error();
    const ImageFormat format = sniff(bytes);
    if (format == ImageFormat::Jpeg && jpegLooksTruncated(bytes))
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("truncated"));
    QByteArray copy = bytes;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, qtFormat(format));
    reader.setAutoTransform(true);
    const QImageIOHandler::Transformations t = reader.transformation();
    const int w = stored->width(), h = stored->height();
    // Stored → upright, for the EXIF orientations without a mirror.
    QTransform toUpright;
    switch (int(t)) {
    case QImageIOHandler::TransformationNone: break;
    case QImageIOHandler::TransformationRotate90: toUpright = QTransform(0, 1, -1, 0, h, 0); break;
    case QImageIOHandler::TransformationRotate180: toUpright = QTransform(-1, 0, 0, -1, w, h); break;
    case QImageIOHandler::TransformationRotate270: toUpright = QTransform(0, -1, 1, 0, 0, w); break;
    default: {
        // Mirrored: decode whole at the scale, then cut.
        Result<DecodedPhoto> whole = read(bytes, QSize(int(std::ceil(w * scale)), int(std::ceil(h * scale))).expandedTo(QSize(1, 1)), limits);
        if (!whole)
            return whole.error();
        const double k = whole->scale;
        return whole->image.copy(QRectF(QPointF(uprightRegion.topLeft()) * k, QSizeF(uprightRegion.size()) * k).toAlignedRect());
    }
    }
    const QRect clip = toUpright.inverted().mapRect(QRectF(uprightRegion)).toAlignedRect().intersected(QRect(0, 0, w, h));
    if (clip.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("empty region"));
    reader.setClipRect(clip);
    reader.setScaledSize((QSizeF(clip.size()) * qBound(0.01, scale, 1.0)).toSize().expandedTo(QSize(1, 1)));
    QImage image = reader.read();
    if (image.isNull())
        return Error(ErrorCode::PhotoDecode, {}, reader.errorString());
    if (image.colorSpace().isValid() && image.colorSpace() != QColorSpace(QColorSpace::SRgb))
        image.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
    return image.convertToFormat(QImage::Format_RGB32);
}

} // namespace ncre
