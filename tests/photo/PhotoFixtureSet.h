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
#include <QPainterPath>
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

// The astronaut's head, measured by hand on astronaut.png (512×512) at 6-8× zoom: the crown's hair begins at
// y 15.5 (x 229); the chin's lowest point, where the lit chin meets the shadow on the neck, is at y 177.5 (the
// neck then shows again until the black collar at y 188); the face is centred at x 224.
constexpr double kHairTop = 15.5, kChin = 177.5, kCentreX = 224;

inline QImage astronaut()
{
    QImage i(debianImage("astronaut.png"));
    i.setColorSpace(QColorSpace());
    return i.convertToFormat(QImage::Format_RGB32);
}

// The astronaut framed so that her head (hair to chin) fills `head` of the height, the hair begins at `top` of the
// height and the face's centre at `centre` of the width, in a picture of `size`. Where the frame reaches outside the
// photograph, the wall continues (its colour above the head).
inline QImage framedImage(double head, double top, double centre, QSize size)
{
    const QImage src = astronaut();
    if (src.isNull())
        return {};
    const double k = size.height() * head / (kChin - kHairTop); // output pixels per astronaut pixel
    QImage out(size, QImage::Format_RGB32);
    out.fill(src.pixel(int(kCentreX), 2));
    QPainter p(&out);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    p.translate(centre * size.width() - kCentreX * k, top * size.height() - kHairTop * k);
    p.scale(k, k);
    p.drawImage(QPointF(0, 0), src);
    return out;
}

// A compliant portrait: the astronaut framed to the NCRE composition (top margin 1/10, head 7/10, centred),
// 300×417 (width/height 0.72).
inline QImage compliantImage()
{
    return framedImage(0.7, 0.1, 0.5, QSize(300, 417));
}

// The wall behind the head repainted `colour` (pixels near the wall's colour, their shading kept): a photo taken
// in front of a red, blue or any other wall.
inline QImage withBackground(const QImage &image, QColor colour)
{
    const QRgb wall = image.pixel(image.width() / 2, 2);
    const double wallLuma = 0.299 * qRed(wall) + 0.587 * qGreen(wall) + 0.114 * qBlue(wall);
    QImage out = image.convertToFormat(QImage::Format_RGB32);
    const int w = out.width(), h = out.height();
    // The wall: pixels near its colour reached from the top edge (a flood fill), so that skin of a similar tone
    // inside the head keeps its colour.
    auto near = [&](QRgb c) {
        return qAbs(qRed(c) - qRed(wall)) + qAbs(qGreen(c) - qGreen(wall)) + qAbs(qBlue(c) - qBlue(wall)) <= 60;
    };
    QList<bool> seen(qsizetype(w) * h, false);
    QList<QPoint> todo;
    for (int x = 0; x < w; ++x)
        todo.append(QPoint(x, 0));
    while (!todo.isEmpty()) {
        const QPoint pt = todo.takeLast();
        if (pt.x() < 0 || pt.y() < 0 || pt.x() >= w || pt.y() >= h || seen[qsizetype(pt.y()) * w + pt.x()])
            continue;
        seen[qsizetype(pt.y()) * w + pt.x()] = true;
        QRgb &c = reinterpret_cast<QRgb *>(out.scanLine(pt.y()))[pt.x()];
        if (!near(c))
            continue;
        const double shade = (0.299 * qRed(c) + 0.587 * qGreen(c) + 0.114 * qBlue(c)) / wallLuma;
        c = qRgb(qBound(0, int(colour.red() * shade), 255), qBound(0, int(colour.green() * shade), 255),
                 qBound(0, int(colour.blue() * shade), 255));
        todo.append({QPoint(pt.x() + 1, pt.y()), QPoint(pt.x() - 1, pt.y()), QPoint(pt.x(), pt.y() + 1),
                     QPoint(pt.x(), pt.y() - 1)});
    }
    return out;
}

// Where the astronaut's eyes are (astronaut.png pixels), for drawing glasses on her.
constexpr double kLeftEyeX = 201.5, kRightEyeX = 247.5, kEyesY = 101;

// One of the hand-measured set: a framing of the astronaut with the true hair-top and chin lines (from kHairTop
// and kChin, measured by hand) in its own pixels.
struct Framing
{
    const char *name;
    QImage image;
    double hairTop;
    double chin;
};

inline Framing framing(const char *name, double head, double top, double centre, QSize size)
{
    return {name, framedImage(head, top, centre, size), top * size.height(), (top + head) * size.height()};
}

// The hand-measured set: tight, loose, off-centre, high and low, small and large, with long hair and with glasses.
inline QList<Framing> headSet()
{
    if (astronaut().isNull())
        return {};
    QList<Framing> set = {
        framing("ideal", 0.70, 0.10, 0.50, QSize(300, 417)),
        framing("tight", 0.78, 0.05, 0.50, QSize(300, 417)),
        framing("loose", 0.55, 0.15, 0.50, QSize(330, 458)),
        framing("off-centre-left", 0.68, 0.10, 0.37, QSize(300, 417)),
        framing("off-centre-right", 0.68, 0.10, 0.63, QSize(300, 417)),
        framing("high", 0.72, 0.03, 0.50, QSize(300, 417)),
        framing("low", 0.60, 0.25, 0.50, QSize(300, 417)),
        framing("small", 0.70, 0.10, 0.50, QSize(150, 208)),
        framing("large", 0.70, 0.10, 0.50, QSize(900, 1250)),
    };
    // Long hair: hair-coloured locks from the temples down past the chin on both sides.
    Framing longHair = framing("long-hair", 0.66, 0.12, 0.50, QSize(330, 458));
    {
        QPainter p(&longHair.image);
        p.setRenderHint(QPainter::Antialiasing);
        const double k = 458 * 0.66 / (kChin - kHairTop);
        auto at = [&](double x, double y) { return QPointF(165 + (x - kCentreX) * k, 0.12 * 458 + (y - kHairTop) * k); };
        p.setPen(Qt::NoPen);
        p.setBrush(QColor(112, 86, 52));
        for (double side : {-1.0, 1.0}) {
            QPainterPath lock;
            lock.moveTo(at(kCentreX + side * 48, 60));
            lock.cubicTo(at(kCentreX + side * 75, 90), at(kCentreX + side * 80, 190), at(kCentreX + side * 70, 230));
            lock.lineTo(at(kCentreX + side * 52, 230));
            lock.cubicTo(at(kCentreX + side * 55, 180), at(kCentreX + side * 52, 110), at(kCentreX + side * 45, 75));
            lock.closeSubpath();
            p.drawPath(lock);
        }
    }
    set.append(longHair);
    // Glasses: dark frames round both eyes and a bridge.
    Framing glasses = framing("glasses", 0.70, 0.10, 0.50, QSize(300, 417));
    {
        QPainter p(&glasses.image);
        p.setRenderHint(QPainter::Antialiasing);
        const double k = 417 * 0.70 / (kChin - kHairTop);
        auto at = [&](double x, double y) { return QPointF(150 + (x - kCentreX) * k, 0.10 * 417 + (y - kHairTop) * k); };
        p.setPen(QPen(QColor(30, 30, 35), 2.5 * k / 2));
        p.setBrush(Qt::NoBrush);
        for (double eye : {kLeftEyeX, kRightEyeX})
            p.drawRoundedRect(QRectF(at(eye - 15, kEyesY - 9), at(eye + 15, kEyesY + 9)), 4 * k, 4 * k);
        p.drawLine(at(kLeftEyeX + 15, kEyesY - 2), at(kRightEyeX - 15, kEyesY - 2));
    }
    set.append(glasses);
    return set;
}

// `jpegBytes` with its frame header's marker (SOFn) and sample precision replaced: a file that claims lossless,
// hierarchical or 12-bit coding (legal JPEG that browsers and libjpeg's 8-bit decoder cannot show).
inline QByteArray withFrameHeader(QByteArray bytes, uchar sof, uchar precision)
{
    for (qsizetype i = 2; i + 4 < bytes.size(); ++i) {
        if (uchar(bytes[i]) == 0xFF && uchar(bytes[i + 1]) >= 0xC0 && uchar(bytes[i + 1]) <= 0xC2) {
            bytes[i + 1] = char(sof);
            bytes[i + 4] = char(precision);
            break;
        }
    }
    return bytes;
}

// The JPEG with arithmetic entropy coding (SOF9), losslessly transcoded by libjpeg-turbo's jpegtran.
inline QByteArray arithmeticJpeg(const QByteArray &jpegBytes)
{
    QProcess p;
    p.start(QStringLiteral("/usr/bin/jpegtran"), {QStringLiteral("-arithmetic")});
    if (!p.waitForStarted())
        return {};
    p.write(jpegBytes);
    p.closeWriteChannel();
    p.waitForFinished();
    return p.readAllStandardOutput();
}

// The JPEG with its entropy-coded data damaged in the middle (as a bad copy or a broken upload leaves it): still a
// complete file, which libjpeg decodes with warnings, part of the picture grey.
inline QByteArray corruptScanData(QByteArray bytes)
{
    const qsizetype sos = bytes.indexOf("\xFF\xDA");
    const qsizetype from = sos + (bytes.size() - sos) / 2;
    for (qsizetype i = from; i < from + 64 && i + 2 < bytes.size(); i += 3)
        if (uchar(bytes[i]) != 0xFF && uchar(bytes[i - 1]) != 0xFF)
            bytes[i] = char(uchar(bytes[i]) ^ 0x5A);
    return bytes;
}

// An AVIF's first bytes (the ISO BMFF 'ftyp' box with the avif brand), as a camera app writes them, under any name.
inline QByteArray avifHeader()
{
    return QByteArray("\0\0\0\x1C" "ftypavif\0\0\0\0" "avifmif1miaf", 28) + QByteArray(4000, '\0');
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
        {"turned-left", jpeg(c.transformed(QTransform().rotate(-90)), 90), {"photo.aspect", "photo.orientation"}, true, 90},
        {"red-background", jpeg(withBackground(c, QColor(217, 52, 43)), 90), {"photo.background"}, false},
        {"dark-blue-background", jpeg(withBackground(c, QColor(26, 58, 138)), 90), {"photo.background"}, false},
        {"light-blue-background", jpeg(withBackground(c, QColor(214, 234, 248)), 90), {}, true},
        {"arithmetic", arithmeticJpeg(compliant), {"photo.format"}, true},
        {"lossless", withFrameHeader(compliant, 0xC3, 8), {"photo.format"}, false},
        {"hierarchical", withFrameHeader(compliant, 0xC5, 8), {"photo.format"}, false},
        {"12-bit", withFrameHeader(compliant, 0xC1, 12), {"photo.format"}, false},
        {"corrupt-scan", corruptScanData(compliant), {"photo.decode"}, false},
        {"motion-photo", compliant + QByteArray("\x00\x00\x00\x18" "ftypmp42", 12) + QByteArray(240 * 1024, '\x11'),
         {"photo.bytes"}, true},
        {"avif-named-jpg", avifHeader(), {"photo.bytes", "photo.format"}, false},
    };
}

} // namespace PhotoFixtureSet
