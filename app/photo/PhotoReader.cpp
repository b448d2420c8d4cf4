#include "PhotoReader.h"

#include "FaceDetector.h"
#include "JpegCodec.h"
#include "ModuleLoader.h"
#include "PhotoLogging.h"

#include <QBuffer>
#include <QImageReader>
#include <QTransform>

#include <libexif/exif-data.h>

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
    case ImageFormat::Avif:
    case ImageFormat::Pdf:
    case ImageFormat::Unknown: break;
    }
    return nullptr;
}

// Absurd dimensions (decompression bombs) are refused from the header, before anything is allocated.
Result<QSize> checkDimensions(QSize size, const PhotoReadLimits &limits)
{
    if (size.width() > limits.maxSide || size.height() > limits.maxSide
        || qint64(size.width()) * size.height() > limits.maxPixels)
        return Error(ErrorCode::PhotoDimensions, {},
                     QStringLiteral("%1x%2 is too large to decode safely").arg(size.width()).arg(size.height()));
    return size;
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
    case ImageFormat::Heif: return QStringLiteral("HEIC/HEIF");
    case ImageFormat::Avif: return QStringLiteral("AVIF");
    case ImageFormat::Pdf: return QStringLiteral("PDF");
    case ImageFormat::Unknown: break;
    }
    return QStringLiteral("unknown");
}

namespace {

// The MIME type libmagic (file(1)'s database) gives the data, e.g. "image/avif", through the ncre-sniff-magic
// module (loaded on the first file that is not a JPEG: a JPEG is recognised by its SOI and checked by its own
// structure, so the common path never loads libmagic or its database).
QByteArray magicMimeType(const QByteArray &bytes)
{
    using Sniff = bool (*)(const char *, size_t, char *, size_t);
    static const Sniff sniff = [] {
        QString why;
        const auto f = reinterpret_cast<Sniff>(ModuleLoader::resolve(QStringLiteral("ncre-sniff-magic"), "ncre_sniff_mime", &why));
        if (!f)
            qCWarning(lcPhoto) << "file formats other than JPEG cannot be named:" << why;
        return f;
    }();
    char mime[128];
    if (!sniff || !sniff(bytes.constData(), size_t(bytes.size()), mime, sizeof mime)) {
        qCWarning(lcPhoto) << "libmagic could not name the file's format";
        return {};
    }
    return QByteArray(mime);
}

} // namespace

ImageFormat PhotoReader::sniff(const QByteArray &b)
{
    if (b.startsWith("\xFF\xD8\xFF"))
        return ImageFormat::Jpeg;
    if (b.isEmpty())
        return ImageFormat::Unknown;
    const QByteArray mime = magicMimeType(b.left(64 * 1024));
    static const struct { const char *mime; ImageFormat format; } kKnown[] = {
        {"image/png", ImageFormat::Png},       {"image/gif", ImageFormat::Gif},
        {"image/bmp", ImageFormat::Bmp},       {"image/x-ms-bmp", ImageFormat::Bmp},
        {"image/webp", ImageFormat::Webp},     {"image/tiff", ImageFormat::Tiff},
        {"image/heic", ImageFormat::Heif},     {"image/heif", ImageFormat::Heif},
        {"image/heic-sequence", ImageFormat::Heif}, {"image/heif-sequence", ImageFormat::Heif},
        {"image/avif", ImageFormat::Avif},     {"application/pdf", ImageFormat::Pdf},
        {"image/jpeg", ImageFormat::Jpeg},
    };
    for (const auto &k : kKnown)
        if (mime == k.mime)
            return k.format;
    qCDebug(lcPhoto) << "not an image format we name:" << mime;
    return ImageFormat::Unknown;
}

Result<QSize> PhotoReader::headerSize(const QByteArray &bytes, const Limits &limits)
{
    const ImageFormat format = sniff(bytes);
    const char *name = qtFormat(format);
    if (!name)
        return format != ImageFormat::Unknown
            ? Error(ErrorCode::PhotoFormat, {}, imageFormatName(format) + QStringLiteral(" cannot be read here"))
            : Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not an image"));
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    QSize size;
    if (format == ImageFormat::Jpeg) {
        const Result<JpegInfo> info = readJpegInfo(&buffer);
        size = info ? info->size : QSize();
    } else {
        size = QImageReader(&buffer, name).size();
    }
    if (!size.isValid() || size.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("unreadable header"));
    return checkDimensions(size, limits);
}

Result<DecodedPhoto> PhotoReader::read(const QByteArray &bytes, QSize fitInside, const Limits &limits)
{
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return read(&buffer, fitInside, limits);
}

namespace {

struct ExifFacts
{
    int orientation = 1; // EXIF/TIFF orientation, 1-8
    QByteArray thumbnail;
};

ExifFacts readExif(const QByteArray &head)
{
    ExifFacts facts;
    if (PhotoReader::sniff(head) != ImageFormat::Jpeg)
        return facts;
    // libexif finds the APP1 segment among the JPEG's markers itself and bounds every offset by the data given.
    ExifData *exif = exif_data_new();
    if (!exif)
        return facts;
    exif_data_unset_option(exif, EXIF_DATA_OPTION_FOLLOW_SPECIFICATION); // read only: change nothing
    exif_data_load_data(exif, reinterpret_cast<const unsigned char *>(head.constData()), unsigned(head.size()));
    if (ExifEntry *entry = exif_content_get_entry(exif->ifd[EXIF_IFD_0], EXIF_TAG_ORIENTATION);
        entry && entry->format == EXIF_FORMAT_SHORT && entry->components >= 1 && entry->size >= 2) {
        const int o = exif_get_short(entry->data, exif_data_get_byte_order(exif));
        if (o >= 1 && o <= 8)
            facts.orientation = o;
    }
    if (exif->data && exif->size > 0 && exif->size < 256 * 1024)
        facts.thumbnail = QByteArray(reinterpret_cast<const char *>(exif->data), qsizetype(exif->size));
    exif_data_unref(exif);
    if (PhotoReader::sniff(facts.thumbnail) != ImageFormat::Jpeg)
        facts.thumbnail.clear();
    return facts;
}

} // namespace

QByteArray PhotoReader::exifThumbnail(const QByteArray &head)
{
    return readExif(head).thumbnail;
}

Result<PhotoHeader> PhotoReader::readHeader(QIODevice *device, const Limits &limits)
{
    if (!device || !device->isOpen() || device->isSequential())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not a readable file"));
    if (device->size() > limits.maxBytes)
        return Error(ErrorCode::PhotoBytes, {}, QStringLiteral("%1 bytes is too large to read").arg(device->size()));
    device->seek(0);
    // The head holds the format's signature and, for a JPEG, every segment before the frame header (EXIF <= 64 KB).
    const QByteArray head = device->peek(192 * 1024);
    PhotoHeader h;
    h.format = sniff(head);
    const char *name = qtFormat(h.format);
    if (!name)
        return h.format != ImageFormat::Unknown
            ? Error(ErrorCode::PhotoFormat, {}, imageFormatName(h.format) + QStringLiteral(" cannot be read here"))
            : Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not an image"));
    if (h.format == ImageFormat::Jpeg) {
        // Complete when an EOI closes the last scan, found by walking the markers; what follows the EOI (a motion
        // photo's video) is not part of the picture and not damage.
        Result<JpegStructure> structure = readJpegStructure(device);
        if (!structure)
            return structure.error();
        if (structure->truncated())
            return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("truncated: no EOI after the last scan"));
        h.jpeg = structure.value();
        if (h.jpeg.scans > JpegStructure::kMaxScans)
            return Error(ErrorCode::PhotoFormat, {},
                         QStringLiteral("scans: %1 scans, at most %2 are decoded").arg(h.jpeg.scans).arg(JpegStructure::kMaxScans));
        h.cmyk = h.jpeg.components == 4;
        // libjpeg and libexif read the header: no Qt image plugin is loaded for a JPEG.
        const ExifFacts exif = readExif(head);
        h.exifThumbnail = exif.thumbnail;
        const Result<JpegInfo> info = readJpegInfo(device);
        if (info && !info->size.isEmpty()) {
            h.storedSize = info->size;
            h.plainJpeg = info->plainColour;
        } else if (!h.jpeg.widelySupported() && h.jpeg.size.isValid() && !h.jpeg.size.isEmpty()) {
            h.storedSize = h.jpeg.size; // legal JPEG that libjpeg does not read (12-bit, lossless): decoding says so
        } else {
            return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("unreadable header"));
        }
        if (const Result<QSize> checked = checkDimensions(h.storedSize, limits); !checked)
            return checked.error();
        // EXIF orientation 1-8: degrees clockwise, mirrored, sides swapped (as QImageIOHandler reads them).
        static constexpr struct { int rotation; bool mirrored; bool turned; } kOrientations[] = {
            {0, false, false}, {0, false, false}, {0, true, false}, {180, false, false}, {0, true, false},
            {0, true, true},   {90, false, true}, {90, true, true}, {270, false, true}};
        const auto &o = kOrientations[exif.orientation];
        h.exifRotation = o.rotation;
        h.exifMirrored = o.mirrored;
        h.uprightSize = o.turned ? h.storedSize.transposed() : h.storedSize;
        return h;
    }
    QImageReader reader(device, name);
    reader.setAutoTransform(true);
    const QSize stored = reader.size(); // the header only: bombs are refused before anything is allocated
    const QImageIOHandler::Transformations t = reader.transformation();
    device->seek(0);
    if (!stored.isValid() || stored.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("unreadable header"));
    if (const Result<QSize> checked = checkDimensions(stored, limits); !checked)
        return checked.error();
    h.storedSize = stored;
    const bool turned = t.testFlag(QImageIOHandler::TransformationRotate90);
    h.uprightSize = turned ? h.storedSize.transposed() : h.storedSize;
    switch (int(t) & ~int(QImageIOHandler::TransformationMirror)) {
    case QImageIOHandler::TransformationRotate90: h.exifRotation = 90; break;
    case QImageIOHandler::TransformationRotate180: h.exifRotation = 180; break;
    case QImageIOHandler::TransformationRotate270: h.exifRotation = 270; break;
    default: h.exifRotation = 0;
    }
    h.exifMirrored = t.testFlag(QImageIOHandler::TransformationMirror) != t.testFlag(QImageIOHandler::TransformationFlip)
        && h.exifRotation != 180;
    return h;
}

Result<DecodedPhoto> PhotoReader::read(QIODevice *device, QSize fitInside, const Limits &limits)
{
    const Result<PhotoHeader> header = readHeader(device, limits);
    if (!header)
        return header.error();
    return read(device, header.value(), fitInside);
}

Result<DecodedPhoto> PhotoReader::read(QIODevice *device, const PhotoHeader &header, QSize fitInside)
{
    if (!device || !device->isOpen() || device->isSequential() || !device->seek(0))
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("not a readable file"));
    DecodedPhoto d;
    d.format = header.format;
    d.storedSize = header.storedSize;
    d.uprightSize = header.uprightSize;
    d.exifRotation = header.exifRotation;
    d.exifMirrored = header.exifMirrored;
    d.cmyk = header.cmyk;
    const bool turned = d.uprightSize != d.storedSize;

    int denominator = 1;
    QSize target;
    if (fitInside.isValid() && !fitInside.isEmpty()) {
        const QSize box = turned ? fitInside.transposed() : fitInside;
        if (d.storedSize.width() > box.width() || d.storedSize.height() > box.height()) {
            if (d.format == ImageFormat::Jpeg) {
                // Exactly what libjpeg's DCT scaling gives, so no second scaling pass runs.
                denominator = jpegScaleDenominator(d.storedSize, qMax(box.width(), box.height()) * 3 / 4);
                target = QSize((d.storedSize.width() + denominator - 1) / denominator,
                               (d.storedSize.height() + denominator - 1) / denominator);
            } else {
                target = d.storedSize.scaled(box, Qt::KeepAspectRatio);
            }
        }
    }
    QImage image;
    if (d.format == ImageFormat::Jpeg && !header.plainJpeg && !header.jpeg.widelySupported())
        return Error(ErrorCode::PhotoFormat, {}, header.jpeg.unsupportedFeature()); // 12-bit, lossless: not libjpeg's
    if (header.plainJpeg && !header.exifMirrored) {
        // libjpeg directly, turned upright as it decodes.
        Result<QImage> decoded = decodeJpegRegion(device, QRect(QPoint(0, 0), d.storedSize), denominator, d.exifRotation);
        if (!decoded)
            return decoded.error();
        image = std::move(decoded).value();
    } else {
        QImageReader reader(device, qtFormat(d.format));
        reader.setAutoTransform(true);
        if (target.isValid())
            reader.setScaledSize(target.expandedTo(QSize(1, 1)));
        image = reader.read();
        if (image.isNull())
            return Error(ErrorCode::PhotoDecode, {}, reader.errorString());
        if (image.colorSpace().isValid() && image.colorSpace() != QColorSpace(QColorSpace::SRgb))
            image.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
        if (image.format() != QImage::Format_RGB32 && image.format() != QImage::Format_ARGB32)
            image = image.convertToFormat(image.hasAlphaChannel() ? QImage::Format_ARGB32 : QImage::Format_RGB32);
    }
    // libjpeg scales by 1/8 at most: a photo of an absurd shape (9216x49) still exceeds the box after it.
    if (fitInside.isValid() && !fitInside.isEmpty() && (image.width() > fitInside.width() || image.height() > fitInside.height()))
        image = image.scaled(fitInside, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    d.scale = double(image.width()) / d.uprightSize.width();
    d.image = std::move(image);
    qCDebug(lcPhoto) << "decoded" << imageFormatName(d.format) << d.storedSize << "at" << d.image.size()
                     << "exif rotation" << d.exifRotation << onWhichThread();
    return d;
}

Result<QImage> PhotoReader::readRegion(const QByteArray &bytes, const QRect &uprightRegion, double scale,
                                       const Limits &limits)
{
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const Result<PhotoHeader> header = readHeader(&buffer, limits);
    if (!header)
        return header.error();
    Result<RegionImage> region = readRegion(&buffer, header.value(), uprightRegion, scale);
    if (!region)
        return region.error();
    // Exactly the region asked for.
    const double k = double(region->image.width()) / region->uprightRegion.width();
    const QRectF wanted((uprightRegion.topLeft() - region->uprightRegion.topLeft()) * k, QSizeF(uprightRegion.size()) * k);
    return region->image.copy(wanted.toAlignedRect());
}

Result<RegionImage> PhotoReader::readRegion(QIODevice *device, const PhotoHeader &header, const QRect &uprightRegion,
                                            double scale)
{
    const int w = header.storedSize.width(), h = header.storedSize.height();
    QRect upright = uprightRegion.intersected(QRect(QPoint(0, 0), header.uprightSize));
    if (upright.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("empty region"));
    scale = qBound(0.01, scale, 1.0);
    if (header.exifMirrored || !header.plainJpeg) {
        // Mirrored orientations and other formats: decode whole at the scale, then cut.
        const QSize box = (QSizeF(header.uprightSize) * scale).toSize().expandedTo(QSize(1, 1));
        Result<DecodedPhoto> whole = read(device, box);
        if (!whole)
            return whole.error();
        const double k = whole->scale;
        return RegionImage{whole->image.copy(QRectF(QPointF(upright.topLeft()) * k, QSizeF(upright.size()) * k).toAlignedRect()),
                           upright};
    }
    // Stored → upright, for the EXIF orientations without a mirror.
    QTransform toUpright;
    switch (header.exifRotation) {
    case 90: toUpright = QTransform(0, 1, -1, 0, h, 0); break;
    case 180: toUpright = QTransform(-1, 0, 0, -1, w, h); break;
    case 270: toUpright = QTransform(0, -1, 1, 0, 0, w); break;
    default: break;
    }
    QRect clip = toUpright.inverted().mapRect(QRectF(upright)).toAlignedRect().intersected(QRect(0, 0, w, h));
    // Widened to the 8-pixel grid, decoded at the coarsest of libjpeg's scales that still gives the pixels asked
    // for, so no second scaling pass runs.
    int denominator = 1;
    for (int d : {8, 4, 2})
        if (1.0 / d >= scale * 0.999) {
            denominator = d;
            break;
        }
    const int left = clip.left() / 8 * 8, top = clip.top() / 8 * 8;
    int right = qMin(w, (clip.left() + clip.width() + 7) / 8 * 8), bottom = qMin(h, (clip.top() + clip.height() + 7) / 8 * 8);
    right = left + (right - left) / denominator * denominator;
    bottom = top + (bottom - top) / denominator * denominator;
    clip = QRect(left, top, right - left, bottom - top);
    if (clip.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("empty region"));
    Result<QImage> image = decodeJpegRegion(device, clip, denominator, header.exifRotation);
    if (!image)
        return image.error();
    return RegionImage{std::move(image).value(), toUpright.mapRect(QRectF(clip)).toAlignedRect()};
}

} // namespace ncre
