// libFuzzer target over app/photo's reader and inspector: any bytes, as if a candidate picked any file.
// Invariants beyond "no crash, no leak, no undefined behaviour": a decode that succeeds gives a non-empty upright
// image no larger than asked (within libjpeg's scale steps) and within the limits; every finding has a message;
// a file the reader refuses is never declared compliant.
#include "JpegStructure.h"
#include "PhotoInspector.h"

#include <QCoreApplication>

#include <cstdint>
#include <cstdlib>

using namespace ncre;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int argc = 1;
    static char name[] = "fuzz-photo";
    static char *argv[] = {name, nullptr};
    static QCoreApplication app(argc, argv); // QImageReader's plugins need an application object
    const QByteArray bytes = QByteArray::fromRawData(reinterpret_cast<const char *>(data), qsizetype(size));

    PhotoReadLimits limits;
    limits.maxPixels = 16'000'000; // keep the fuzzer's memory bounded; the logic is the same
    (void)PhotoReader::sniff(bytes);
    // The marker walk: a structure it accepts has its EOI inside the file and counts the rest as trailing.
    if (const Result<JpegStructure> s = readJpegStructure(bytes); s && !s->truncated()
        && (s->imageEnd < 4 || s->imageEnd > qint64(size) || s->trailingBytes() != qint64(size) - s->imageEnd))
        abort();
    (void)PhotoReader::headerSize(bytes, limits);
    const Result<DecodedPhoto> decoded = PhotoReader::read(bytes, QSize(256, 256), limits);
    if (decoded) {
        const QImage &image = decoded->image;
        if (image.isNull() || image.width() > 512 || image.height() > 512)
            abort();
        if (decoded->uprightSize.width() > limits.maxSide || decoded->uprightSize.height() > limits.maxSide)
            abort();
    }
    // The EXIF thumbnail and a region decode (what PhotoFixer's quick path reads) on the same bytes.
    (void)PhotoReader::exifThumbnail(bytes);
    const Result<QImage> region = PhotoReader::readRegion(bytes, QRect(8, 8, 64, 64), 0.5, limits);
    if (region && (region->isNull() || region->width() > 64 || region->height() > 64))
        abort();
    const Inspection inspection = PhotoInspector().inspect(bytes);
    for (const PhotoFinding &f : inspection.findings)
        if (f.message.isEmpty())
            abort();
    // A measured head lies within the photo's height, give or take its padding, and has a positive size.
    if (inspection.head && inspection.head->topMeasured && inspection.head->chinMeasured
        && (inspection.head->height() <= 0 || inspection.head->top < 0 || inspection.head->chin > inspection.size.height() + 1))
        abort();
    if (!decoded && decoded.error().code != ErrorCode::PhotoDimensions && inspection.ok())
        abort();
    return 0;
}
