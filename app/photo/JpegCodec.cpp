#include "JpegCodec.h"

#include <QColorSpace>

#include <algorithm>
#include <csetjmp>
#include <cstdio> // jpeglib.h needs FILE
#include <cstdlib>

#include <jpeglib.h>
#include <jerror.h>

namespace ncre {

namespace {

struct DeviceSource
{
    jpeg_source_mgr pub;
    QIODevice *device;
    JOCTET buffer[64 * 1024];
};

void initSource(j_decompress_ptr) {}
void termSource(j_decompress_ptr) {}

boolean fillInputBuffer(j_decompress_ptr cinfo)
{
    auto *src = reinterpret_cast<DeviceSource *>(cinfo->src);
    qint64 n = src->device->read(reinterpret_cast<char *>(src->buffer), sizeof src->buffer);
    if (n <= 0) {
        // The file ended early: an end marker lets libjpeg finish instead of reading forever; the warning (as
        // libjpeg's own sources give it) marks the picture damaged.
        WARNMS(cinfo, JWRN_JPEG_EOF);
        src->buffer[0] = JOCTET(0xFF);
        src->buffer[1] = JOCTET(JPEG_EOI);
        n = 2;
    }
    src->pub.next_input_byte = src->buffer;
    src->pub.bytes_in_buffer = size_t(n);
    return TRUE;
}

void skipInputData(j_decompress_ptr cinfo, long count)
{
    auto *src = reinterpret_cast<DeviceSource *>(cinfo->src);
    if (count <= 0)
        return;
    while (size_t(count) > src->pub.bytes_in_buffer) {
        count -= long(src->pub.bytes_in_buffer);
        fillInputBuffer(cinfo);
    }
    src->pub.next_input_byte += count;
    src->pub.bytes_in_buffer -= size_t(count);
}

struct ErrorManager
{
    jpeg_error_mgr pub;
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    char corruption[JMSG_LENGTH_MAX]; // the first warning that says the data is damaged, or empty
};

void errorExit(j_common_ptr cinfo)
{
    auto *err = reinterpret_cast<ErrorManager *>(cinfo->err);
    (*cinfo->err->format_message)(cinfo, err->message);
    std::longjmp(err->jump, 1);
}

void quiet(j_common_ptr) {} // nothing is printed

// libjpeg goes on past damaged entropy-coded data, filling what it cannot decode with grey, and only warns. Those
// warnings make the picture damaged; the others (a JFIF version it does not know, padding some cameras write between
// segments) do not.
void emitMessage(j_common_ptr cinfo, int level)
{
    if (level >= 0)
        return; // trace messages
    auto *err = reinterpret_cast<ErrorManager *>(cinfo->err);
    ++err->pub.num_warnings;
    const int code = err->pub.msg_code;
    const int marker = err->pub.msg_parm.i[1];
    const bool damage = code == JWRN_HIT_MARKER || code == JWRN_HUFF_BAD_CODE || code == JWRN_JPEG_EOF
        || code == JWRN_MUST_RESYNC || code == JWRN_NOT_SEQUENTIAL || code == JWRN_BOGUS_PROGRESSION
        || code == JWRN_ARITH_BAD_CODE || code == JWRN_TOO_MUCH_DATA
        || (code == JWRN_EXTRANEOUS_DATA && marker >= 0xD0 && marker <= 0xD9); // inside a scan
    if (damage && err->corruption[0] == 0)
        (*cinfo->err->format_message)(cinfo, err->corruption);
}

struct Decompressor
{
    jpeg_decompress_struct info;
    ErrorManager error;
    DeviceSource source;
    bool created = false;
    ~Decompressor()
    {
        if (created)
            jpeg_destroy_decompress(&info);
    }
};

// Errors jump back to the caller's setjmp(d.error.jump), which must come before this.
void prepareErrors(jpeg_error_mgr *pub, ErrorManager &error)
{
    jpeg_std_error(pub);
    pub->error_exit = errorExit;
    pub->output_message = quiet;
    pub->emit_message = emitMessage;
    error.message[0] = 0;
    error.corruption[0] = 0;
}

void startReading(Decompressor &d, QIODevice *device)
{
    jpeg_create_decompress(&d.info);
    d.created = true;
    d.source.device = device;
    d.source.pub.init_source = initSource;
    d.source.pub.fill_input_buffer = fillInputBuffer;
    d.source.pub.skip_input_data = skipInputData;
    d.source.pub.resync_to_restart = jpeg_resync_to_restart;
    d.source.pub.term_source = termSource;
    d.source.pub.bytes_in_buffer = 0;
    d.source.pub.next_input_byte = nullptr;
    d.info.src = &d.source.pub;
}

} // namespace

Result<QImage> decodeJpegRegion(QIODevice *device, const QRect &storedClip, int denominator, int rotation)
{
    if (!device || storedClip.isEmpty() || storedClip.x() % 8 || storedClip.y() % 8
        || !(denominator == 1 || denominator == 2 || denominator == 4 || denominator == 8)
        || !(rotation == 0 || rotation == 90 || rotation == 180 || rotation == 270))
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("bad region"));
    device->seek(0);
    // Large (64 KB input buffer): on the heap. Everything with a destructor is created before setjmp.
    auto d = std::make_unique<Decompressor>();
    QImage image, row;
    QByteArray icc;
    d->info.err = &d->error.pub;
    prepareErrors(&d->error.pub, d->error);
    if (setjmp(d->error.jump))
        return Error(ErrorCode::PhotoDecode, {}, QString::fromLatin1(d->error.message));
    startReading(*d, device);
    jpeg_save_markers(&d->info, JPEG_APP0 + 2, 0xFFFF); // ICC profile
    jpeg_read_header(&d->info, TRUE);
    switch (d->info.jpeg_color_space) {
    case JCS_YCbCr:
    case JCS_RGB:
    case JCS_GRAYSCALE: break;
    default: return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("colour space needs the general decoder"));
    }
    const QRect whole(0, 0, int(d->info.image_width), int(d->info.image_height));
    if (!whole.contains(storedClip))
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("region outside the photo"));
    JOCTET *profile = nullptr;
    unsigned int profileLength = 0;
    if (jpeg_read_icc_profile(&d->info, &profile, &profileLength) && profile) {
        icc = QByteArray(reinterpret_cast<const char *>(profile), int(profileLength));
        std::free(profile);
    }
    d->info.scale_num = 1;
    d->info.scale_denom = unsigned(denominator);
    d->info.out_color_space = JCS_EXT_BGRX; // QImage::Format_RGB32's bytes on a little-endian machine
    if (QSysInfo::ByteOrder == QSysInfo::BigEndian)
        d->info.out_color_space = JCS_EXT_XRGB;
    jpeg_start_decompress(&d->info);

    // The clip in output pixels (exact: the clip is on the 8-pixel grid).
    const int ox = storedClip.x() / denominator, oy = storedClip.y() / denominator;
    const int ow = qMin(int(d->info.output_width) - ox, (storedClip.width() + denominator - 1) / denominator);
    const int oh = qMin(int(d->info.output_height) - oy, (storedClip.height() + denominator - 1) / denominator);
    if (ow <= 0 || oh <= 0)
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("empty region"));
    // libjpeg widens the columns to its block grid; the extra columns are cut off below.
    auto xoffset = JDIMENSION(ox), width = JDIMENSION(ow);
    jpeg_crop_scanline(&d->info, &xoffset, &width);
    // Each row is written straight to where it goes in the upright picture: no turned copy of the region.
    const bool across = rotation == 90 || rotation == 270;
    image = QImage(across ? oh : ow, across ? ow : oh, QImage::Format_RGB32);
    row = QImage(int(d->info.output_width), 1, QImage::Format_RGB32);
    if (image.isNull() || row.isNull())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("out of memory"));
    if (oy > 0 && jpeg_skip_scanlines(&d->info, JDIMENSION(oy)) != JDIMENSION(oy))
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("rows missing"));
    const int skip = ox - int(xoffset);
    while (int(d->info.output_scanline) < oy + oh) {
        const int y = int(d->info.output_scanline) - oy;
        JSAMPROW samples = row.scanLine(0);
        if (jpeg_read_scanlines(&d->info, &samples, 1) != 1)
            return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("rows missing"));
        const QRgb *from = reinterpret_cast<const QRgb *>(row.constScanLine(0)) + skip;
        switch (rotation) {
        case 0: std::copy(from, from + ow, reinterpret_cast<QRgb *>(image.scanLine(y))); break;
        case 180: std::reverse_copy(from, from + ow, reinterpret_cast<QRgb *>(image.scanLine(oh - 1 - y))); break;
        case 90:
            for (int x = 0; x < ow; ++x)
                reinterpret_cast<QRgb *>(image.scanLine(x))[oh - 1 - y] = from[x];
            break;
        case 270:
            for (int x = 0; x < ow; ++x)
                reinterpret_cast<QRgb *>(image.scanLine(ow - 1 - x))[y] = from[x];
            break;
        }
    }
    if (d->info.output_scanline == d->info.output_height)
        jpeg_finish_decompress(&d->info); // to the EOI: damage at the end of the data warns only here
    else
        jpeg_abort_decompress(&d->info); // the rest of the file is not needed
    if (d->error.corruption[0])
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("corrupt: ") + QString::fromLatin1(d->error.corruption));
    if (!icc.isEmpty()) {
        const QColorSpace space = QColorSpace::fromIccProfile(icc);
        if (space.isValid() && space != QColorSpace(QColorSpace::SRgb)) {
            image.setColorSpace(space);
            image.convertToColorSpace(QColorSpace(QColorSpace::SRgb));
        }
    }
    return image;
}

Result<JpegInfo> readJpegInfo(QIODevice *device)
{
    if (!device)
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("no file"));
    device->seek(0);
    auto d = std::make_unique<Decompressor>();
    d->info.err = &d->error.pub;
    prepareErrors(&d->error.pub, d->error);
    if (setjmp(d->error.jump))
        return Error(ErrorCode::PhotoDecode, {}, QString::fromLatin1(d->error.message));
    startReading(*d, device);
    jpeg_read_header(&d->info, TRUE);
    JpegInfo info;
    info.size = QSize(int(d->info.image_width), int(d->info.image_height));
    info.components = d->info.num_components;
    info.plainColour = d->info.jpeg_color_space == JCS_YCbCr || d->info.jpeg_color_space == JCS_RGB
        || d->info.jpeg_color_space == JCS_GRAYSCALE;
    jpeg_abort_decompress(&d->info);
    device->seek(0);
    return info;
}

Result<QByteArray> encodeJpeg(const QImage &source, int quality)
{
    const QImage image = source.convertToFormat(QImage::Format_RGB32);
    if (image.isNull())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("nothing to encode"));
    struct Compressor
    {
        jpeg_compress_struct info;
        ErrorManager error;
        unsigned char *buffer = nullptr;
        unsigned long size = 0;
        bool created = false;
        ~Compressor()
        {
            if (created)
                jpeg_destroy_compress(&info);
            std::free(buffer);
        }
    };
    auto c = std::make_unique<Compressor>();
    QByteArray out;
    c->info.err = &c->error.pub;
    prepareErrors(&c->error.pub, c->error);
    if (setjmp(c->error.jump))
        return Error(ErrorCode::PhotoBytes, {}, QString::fromLatin1(c->error.message));
    jpeg_create_compress(&c->info);
    c->created = true;
    jpeg_mem_dest(&c->info, &c->buffer, &c->size);
    c->info.image_width = JDIMENSION(image.width());
    c->info.image_height = JDIMENSION(image.height());
    c->info.input_components = 4;
    c->info.in_color_space = QSysInfo::ByteOrder == QSysInfo::BigEndian ? JCS_EXT_XRGB : JCS_EXT_BGRX;
    jpeg_set_defaults(&c->info); // baseline, 4:2:0, a JFIF header and nothing else: no EXIF, no GPS, no profile
    jpeg_set_quality(&c->info, qBound(1, quality, 100), TRUE);
    c->info.optimize_coding = TRUE;
    jpeg_start_compress(&c->info, TRUE);
    while (c->info.next_scanline < c->info.image_height) {
        auto row = const_cast<uchar *>(image.constScanLine(int(c->info.next_scanline)));
        jpeg_write_scanlines(&c->info, &row, 1);
    }
    jpeg_finish_compress(&c->info);
    out = QByteArray(reinterpret_cast<const char *>(c->buffer), qsizetype(c->size));
    return out;
}

} // namespace ncre
