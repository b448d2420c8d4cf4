#pragma once

// Photo fixtures for app/photo's tests, fuzz seeds and benchmarks, derived from real photographs that Debian ships
// in python3-skimage (astronaut.png: NASA portrait of Eileen Collins, public domain; chelsea.png: a cat, CC0).
// scripts/setup extracts them into tests/data/debian/. Every variant is built here, in memory, deterministically.

#include <QBuffer>
#include <QColorSpace>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QImageWriter>
#include <QPainter>
#include <QProcess>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTransform>

#include <optional>

namespace PhotoFixtureSet {

inline QString debianImage(const char *name)
{
    return QStringLiteral(NCRE_SOURCE_DIR "/tests/data/debian/") + QLatin1String(name);
}

inline QByteArray jpeg(const QImage &image, int quality = 90)
{
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    QImageWriter w(&b, "jpeg");
    w.setQuality(quality);
    w.write(image);
    return out;
}

inline QByteArray png(const QImage &image)
{
    QByteArray out;
    QBuffer b(&out);
    b.open(QIODevice::WriteOnly);
    image.save(&b, "PNG");
    return out;
}

// The astronaut's head, measured by hand on astronaut.png (512×512): top of the hair at y 14, chin at y 185,
// centred at x 224.
constexpr double kHairTop = 14, kChin = 185, kCentreX = 224;

inline QImage astronaut()
{
    QImage i(debianImage("astronaut.png"));
    i.setColorSpace(QColorSpace());
    return i.convertToFormat(QImage::Format_RGB32);
}

// A compliant portrait: the astronaut cropped by hand to the NCRE composition (top margin 1/10, head 7/10,
// centred), 300×417 (width/height 0.72). The crop reaches 11 pixels above the photo: that strip continues the wall.
inline QImage compliantImage()
{
    const QImage src = astronaut();
    if (src.isNull())
        return {};
    const double head = kChin - kHairTop;
    const double h = head / 0.7, w = h * 0.72;
    const QRectF crop(kCentreX - w / 2, kHairTop - 0.1 * h, w, h);
    QImage out(300, 417, QImage::Format_RGB32);
    out.fill(src.pixel(int(kCentreX), 2));
    QPainter p(&out);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.scale(out.height() / h, out.height() / h);
    p.translate(-crop.left(), -crop.top());
    p.drawImage(QPointF(0, 0), src);
    return out;
}

// An APP1 Exif segment holding only Orientation (1-8), inserted after SOI.
// An EXIF block (APP1) with the orientation and, when given, a thumbnail in IFD1 the way cameras write it.
inline QByteArray withExif(const QByteArray &jpegBytes, int orientation, const QByteArray &thumbnail = {})
{
    auto be16 = [](int v) { return QByteArray(1, char((v >> 8) & 0xFF)) + char(v & 0xFF); };
    auto be32 = [&](quint32 v) { return be16(int(v >> 16)) + be16(int(v & 0xFFFF)); };
    QByteArray tiff("MM\x00\x2A\x00\x00\x00\x08", 8);           // TIFF header, big endian, IFD0 at 8
    tiff += be16(1);                                              // IFD0: one entry
    tiff += be16(0x0112) + be16(3) + be32(1) + be16(orientation) + be16(0); // Orientation, SHORT
    tiff += be32(thumbnail.isEmpty() ? 0 : 26);                   // next IFD: IFD1 right after
    if (!thumbnail.isEmpty()) {
        tiff += be16(3);                                          // IFD1: three entries
        tiff += be16(0x0103) + be16(3) + be32(1) + be16(6) + be16(0); // Compression: JPEG
        tiff += be16(0x0201) + be16(4) + be32(1) + be32(68);      // JPEGInterchangeFormat (offset)
        tiff += be16(0x0202) + be16(4) + be32(1) + be32(quint32(thumbnail.size())); // ...Length
        tiff += be32(0);
        tiff += thumbnail;
    }
    const QByteArray app1 = QByteArray("\xFF\xE1", 2) + be16(int(2 + 6 + tiff.size())) + QByteArray("Exif\0\0", 6) + tiff;
    return jpegBytes.left(2) + app1 + jpegBytes.mid(2);
}

inline QByteArray withExifOrientation(const QByteArray &jpegBytes, int orientation)
{
    return withExif(jpegBytes, orientation);
}

// The frame header's dimensions replaced: a decompression bomb's header on a small file.
inline QByteArray withJpegDimensions(QByteArray bytes, int width, int height)
{
    for (qsizetype i = 2; i + 9 < bytes.size(); ++i) {
        if (uchar(bytes[i]) == 0xFF && (uchar(bytes[i + 1]) == 0xC0 || uchar(bytes[i + 1]) == 0xC2)) {
            bytes[i + 5] = char(height >> 8);
            bytes[i + 6] = char(height & 0xFF);
            bytes[i + 7] = char(width >> 8);
            bytes[i + 8] = char(width & 0xFF);
            break;
        }
    }
    return bytes;
}

inline quint32 crc32(const QByteArray &data)
{
    quint32 c = 0xFFFFFFFFu;
    for (char ch : data) {
        c ^= uchar(ch);
        for (int k = 0; k < 8; ++k)
            c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    }
    return c ^ 0xFFFFFFFFu;
}

// A PNG whose header declares width×height (RGB, 8 bits) followed by almost no data.
inline QByteArray pngBomb(quint32 width, quint32 height)
{
    auto be32 = [](quint32 v) {
        QByteArray b(4, 0);
        b[0] = char(v >> 24);
        b[1] = char(v >> 16);
        b[2] = char(v >> 8);
        b[3] = char(v);
        return b;
    };
    auto chunk = [&](const QByteArray &type, const QByteArray &data) {
        return be32(quint32(data.size())) + type + data + be32(crc32(type + data));
    };
    const QByteArray ihdr = be32(width) + be32(height) + QByteArray("\x08\x02\x00\x00\x00", 5);
    return QByteArray("\x89PNG\r\n\x1A\n", 8) + chunk("IHDR", ihdr) + chunk("IDAT", QByteArray("\x78\x9C\x03\x00\x00\x00\x00\x01", 8))
        + chunk("IEND", {});
}

// The compliant JPEG re-encoded as CMYK by ImageMagick (Qt 6.4 cannot write CMYK).
inline QByteArray cmykJpeg(const QByteArray &rgbJpeg)
{
    QTemporaryDir dir;
    QFile in(dir.filePath("rgb.jpg"));
    if (!in.open(QIODevice::WriteOnly))
        return {};
    in.write(rgbJpeg);
    in.close();
    const QString out = dir.filePath("cmyk.jpg");
    if (QProcess::execute(QStringLiteral("/usr/bin/convert"), {in.fileName(), "-colorspace", "CMYK", "-quality", "90", out}) != 0)
        return {};
    QFile f(out);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A 12 MP portrait as a phone stores it: 4000×3000 landscape pixels with EXIF Orientation 6 (turn 90° clockwise
// to view), the person at arm's length (head about a fifth of the height), sensor noise, JPEG quality 93: about
// 4-5 MB.
// A 12 MP portrait as a phone writes it: stored sideways with EXIF orientation 6 and, unless told otherwise, the
// camera's 160x120 preview in IFD1 (or, given, another picture as a stale preview).
inline QByteArray phonePortrait12MP(bool withThumbnail = true, const QImage &otherThumbnail = {})
{
    const QImage person = astronaut();
    if (person.isNull())
        return {};
    QImage upright(3000, 4000, QImage::Format_RGB32);
    upright.fill(person.pixel(int(kCentreX), 2));
    {
        QPainter p(&upright);
        p.setRenderHint(QPainter::SmoothPixmapTransform);
        p.drawImage(QRect(220, 600, 2560, 2560), person);
        p.fillRect(QRect(0, 3160, 3000, 840), person.pixel(300, 505)); // the rest of the body
    }
    QRandomGenerator rng(2027);
    for (int y = 0; y < upright.height(); ++y) {
        QRgb *line = reinterpret_cast<QRgb *>(upright.scanLine(y));
        for (int x = 0; x < upright.width(); ++x) {
            const int n = int(rng.bounded(25)) - 12;
            const QRgb c = line[x];
            line[x] = qRgb(qBound(0, qRed(c) + n, 255), qBound(0, qGreen(c) + n, 255), qBound(0, qBlue(c) + n, 255));
        }
    }
    const QImage stored = upright.transformed(QTransform().rotate(-90)); // what the sensor wrote
    const QImage preview = otherThumbnail.isNull() ? stored : otherThumbnail;
    const QByteArray thumbnail = withThumbnail
        ? jpeg(preview.scaled(otherThumbnail.isNull() ? QSize(160, 120) : otherThumbnail.size(), Qt::IgnoreAspectRatio,
                              Qt::SmoothTransformation),
               80)
        : QByteArray();
    return withExif(jpeg(stored, 93), 6, thumbnail);
}

struct Fixture
{
    const char *name;
    QByteArray bytes;
    QStringList expectedCodes; // what `check` must report, exactly (sorted)
    bool fixable;              // `fix` must produce a compliant JPEG
    int rotationToUpright = 0; // for photo.orientation found in the pixels
};

// Every fixture. Empty when the Debian images are missing (run scripts/setup).
inline QList<Fixture> all()
{
    const QImage c = compliantImage();
    if (c.isNull())
        return {};
    const QByteArray compliant = jpeg(c, 90);
    const QImage cat = QImage(debianImage("chelsea.png")).convertToFormat(QImage::Format_RGB32);
    const QImage catPortrait = cat.copy(QRect((cat.width() - 216) / 2, 0, 216, 300)).scaled(300, 417, Qt::IgnoreAspectRatio,
                                                                                             Qt::SmoothTransformation);
    const QImage full = astronaut();
    const QImage wholeUpperBody = full.copy(QRect(int(kCentreX) - 184, 0, 368, 512)).scaled(300, 417, Qt::IgnoreAspectRatio,
                                                                                            Qt::SmoothTransformation);
    QByteArray notAnImage("This is a letter, not a photo.\n");
    notAnImage = notAnImage.repeated(1000);

    return {
        {"compliant", compliant, {}, true},
        {"grey", jpeg(c.convertToFormat(QImage::Format_Grayscale8).convertToFormat(QImage::Format_RGB32), 90),
         {"photo.colour"}, false},
        {"too-small", jpeg(c.scaled(110, 153, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), 95),
         {"photo.bytes", "photo.dimensions"}, false},
        {"too-many-bytes", jpeg(c.scaled(1000, 1390, Qt::IgnoreAspectRatio, Qt::SmoothTransformation), 98),
         {"photo.bytes"}, true},
        {"truncated", compliant.left(compliant.size() * 9 / 10), {"photo.decode"}, false},
        {"renamed-png", png(c.scaled(216, 300, Qt::IgnoreAspectRatio, Qt::SmoothTransformation)), {"photo.format"}, true},
        {"no-face", jpeg(catPortrait, 90), {"photo.face"}, false},
        {"head-too-small", jpeg(wholeUpperBody, 90), {"photo.composition"}, true},
        {"sideways", jpeg(c.transformed(QTransform().rotate(90)), 90), {"photo.aspect", "photo.orientation"}, true, 270},
        {"upside-down", jpeg(c.transformed(QTransform().rotate(180)), 90), {"photo.orientation"}, true, 180},
        {"cmyk", cmykJpeg(compliant), {"photo.format"}, true},
        {"exif-rotated", withExifOrientation(jpeg(c.transformed(QTransform().rotate(-90)), 90), 6), {"photo.orientation"}, true},
        {"header-bomb-jpeg", withJpegDimensions(compliant, 60000, 60000), {"photo.dimensions"}, false},
        {"header-bomb-png", pngBomb(100000, 100000), {"photo.bytes", "photo.dimensions", "photo.format"}, false},
        {"not-an-image", notAnImage, {"photo.decode"}, false},
    };
}

} // namespace PhotoFixtureSet
