#pragma once

#include "Result.h"

#include <QImage>
#include <QIODevice>
#include <QByteArray>
#include <QRect>
#include <QSize>

namespace ncre {

// JPEG decoding and encoding with libjpeg-turbo directly: no Qt image plugin is loaded (which costs a few MB and
// milliseconds per process), and the decoder can skip what it does not need.

// Decodes only a rectangle of a JPEG with libjpeg-turbo, at 1/`denominator` scale (1, 2, 4 or 8): the rows above
// it are skipped (entropy-decoded, never transformed), the columns beside it are not transformed, and reading
// stops after its last row, so the rest of the file is never read. `storedClip` is in the stored (not EXIF-turned)
// full-resolution pixels and must lie on the 8-pixel grid; the image returned shows exactly that rectangle, turned
// `rotation` degrees clockwise (0, 90, 180, 270: the EXIF orientation) as it is decoded, converted to sRGB when the
// file carries another ICC profile. Colour spaces other than YCbCr, RGB and grey
// (CMYK) are refused; the caller decodes those another way.
// What a JPEG's frame header says (libjpeg reads the markers up to the first scan; nothing is decoded).
struct JpegInfo
{
    QSize size;
    int components = 0;
    bool plainColour = false; // YCbCr, RGB or grey: decodeJpegRegion() reads it
};
Result<JpegInfo> readJpegInfo(QIODevice *device);

// Encodes `image` as a baseline JPEG with optimised Huffman tables at `quality` (1-100): a JFIF header and the
// pixels, no other marker (no EXIF, GPS or ICC profile: the pixels are sRGB).
Result<QByteArray> encodeJpeg(const QImage &image, int quality);

Result<QImage> decodeJpegRegion(QIODevice *device, const QRect &storedClip, int denominator, int rotation = 0);

} // namespace ncre
