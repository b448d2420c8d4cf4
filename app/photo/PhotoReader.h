#pragma once

#include "JpegStructure.h"
#include "Result.h"

#include <QByteArray>
#include <QColorSpace>
#include <QIODevice>
#include <QImage>
#include <QSize>

namespace ncre {

// What a file is, from its content (never from its name): JPEG by its SOI and frame header (the JPEG's own
// structure, JpegStructure), everything else by libmagic, the sniffer file(1) uses.
enum class ImageFormat { Unknown, Jpeg, Png, Gif, Bmp, Webp, Tiff, Heif, Avif, Pdf };
// "JPEG", "PNG", "HEIC", "AVIF", "PDF", ...: the name people know the format by.
QString imageFormatName(ImageFormat format);

// A photo decoded for inspection or fixing: upright (EXIF orientation applied) and, when asked, decoded at a
// reduced scale by the codec itself (libjpeg's DCT scaling), never at full size first.
struct DecodedPhoto
{
    QImage image;              // upright; possibly smaller than the original
    ImageFormat format = ImageFormat::Unknown;
    QSize storedSize;          // as the file stores it (before EXIF orientation)
    QSize uprightSize;         // the full-resolution size once upright
    int exifRotation = 0;      // degrees clockwise the EXIF orientation turned it (0, 90, 180, 270)
    bool exifMirrored = false;
    double scale = 1.0;        // image.width() / uprightSize.width()
    bool cmyk = false;         // stored as CMYK (converted to RGB on decode)
};

// What the header says, read before anything is decoded.
struct PhotoHeader
{
    ImageFormat format = ImageFormat::Unknown;
    QSize storedSize;          // as the file stores it (before EXIF orientation)
    QSize uprightSize;         // once upright
    int exifRotation = 0;      // degrees clockwise the EXIF orientation turns it (0, 90, 180, 270)
    bool exifMirrored = false;
    bool cmyk = false;
    bool plainJpeg = false;    // a JPEG in YCbCr, RGB or grey (not CMYK/YCCK): libjpeg decodes it directly
    JpegStructure jpeg;        // a JPEG's markers: its coding process, precision and what follows its EOI
    // The camera's preview from the EXIF block (IFD1), stored in the same orientation as the photo: a JPEG of a
    // few kilobytes that phones write into every photo. Empty when there is none.
    QByteArray exifThumbnail;
};

// Part of a photo, upright, and the full-resolution upright rectangle it shows.
struct RegionImage
{
    QImage image;
    QRect uprightRegion;
};

// Reads photos safely: format by content, header read before anything is decoded, absurd dimensions refused
// without allocating them (decompression bombs), truncated or corrupt data reported as photo.decode.
struct PhotoReadLimits
{
    int maxSide = 16384;           // pixels, either side
    qint64 maxPixels = 80'000'000; // 80 MP: beyond any phone camera
    qint64 maxBytes = 64 * 1024 * 1024;
};

class PhotoReader
{
public:
    using Limits = PhotoReadLimits;

    // The format of a file whose first bytes (up to 64 KB are looked at) are `bytes`.
    static ImageFormat sniff(const QByteArray &bytes);

    // The stored size from the header alone.
    static Result<QSize> headerSize(const QByteArray &bytes, const Limits &limits = {});

    // The header of the photo in `device` (seekable, open): format, size, orientation, CMYK, EXIF thumbnail.
    // Refuses what cannot or must not be decoded: photo.format for a format named but not read here (HEIC, AVIF,
    // PDF), photo.decode for an unknown format or a JPEG cut off before its EOI (from its marker structure: data
    // after the EOI, such as a motion photo's video, is not damage), photo.dimensions for bomb dimensions.
    static Result<PhotoHeader> readHeader(QIODevice *device, const Limits &limits = {});
    // The EXIF thumbnail in the first bytes of a JPEG (libexif), or empty.
    static QByteArray exifThumbnail(const QByteArray &head);

    // Decodes `bytes`. With a valid `fitInside`, the upright image is decoded at a reduced scale so that it fits
    // inside that box (a 12 MP phone photo decodes at 1/8 for a 500-pixel box); otherwise at full size.
    static Result<DecodedPhoto> read(const QByteArray &bytes, QSize fitInside = {}, const Limits &limits = {});
    // The same from an open, seekable device (a file): the photo is streamed to the decoder, never held whole.
    static Result<DecodedPhoto> read(QIODevice *device, QSize fitInside = {}, const Limits &limits = {});
    // The same with the header already read by readHeader() (the device is read from its start again).
    static Result<DecodedPhoto> read(QIODevice *device, const PhotoHeader &header, QSize fitInside = {});

    // Decodes only `uprightRegion` (full-resolution, upright coordinates) of the photo, scaled by `scale`
    // (0 < scale <= 1), upright. The codec skips what it can: libjpeg decodes at the coarsest DCT scale that still
    // gives the pixels asked for, and only the rows of the region. Mirrored EXIF orientations are decoded whole.
    static Result<QImage> readRegion(const QByteArray &bytes, const QRect &uprightRegion, double scale,
                                     const Limits &limits = {});
    // The same from an open, seekable device whose header was read with readHeader(): only the rows up to the
    // region's last are read from the file. The region is widened to the codec's 8-pixel grid (never narrowed,
    // except at the photo's edge); the result says which region it shows.
    static Result<RegionImage> readRegion(QIODevice *device, const PhotoHeader &header, const QRect &uprightRegion,
                                     double scale);

};

} // namespace ncre
