#include "PhotoInspector.h"

#include "FaceDetector.h"
#include "PhotoLogging.h"

#include <QBuffer>
#include <QTransform>

namespace ncre {

namespace {

// Big enough to find a face that fills a tenth of the photo, small enough to decode a 12 MP JPEG at 1/8.
const QSize kInspectBox(512, 512);

QString percent(double fraction)
{
    return QString::number(qRound(fraction * 100));
}

QString kilobytes(qint64 bytes)
{
    return QString::number(double(bytes) / 1024.0, 'f', bytes < 10 * 1024 ? 1 : 0);
}

} // namespace

bool Inspection::has(ErrorCode code) const
{
    return std::any_of(findings.begin(), findings.end(), [code](const PhotoFinding &f) { return f.code == code; });
}

PhotoInspector::PhotoInspector(PhotoSpec spec)
    : m_spec(std::move(spec))
{
}

QString PhotoInspector::codingMessage(const JpegStructure &jpeg)
{
    if (jpeg.hierarchical)
        return tr("This JPEG uses hierarchical coding, which browsers and the registration system cannot display. "
                  "Save it again as a standard JPEG.");
    if (jpeg.lossless())
        return tr("This JPEG uses lossless coding, which browsers and the registration system cannot display. Save "
                  "it again as a standard JPEG.");
    if (jpeg.arithmetic())
        return tr("This JPEG uses arithmetic coding, which browsers and the registration system cannot display. "
                  "Let NCRE Desk fix it, or save it again as a standard JPEG.");
    return tr("This JPEG stores %1-bit samples, which browsers and the registration system cannot display. Save "
              "it again as a standard 8-bit JPEG.").arg(jpeg.precision);
}

QString PhotoInspector::formatMessage(ImageFormat format)
{
    return tr("This file is in %1 format, not JPEG; a JPEG photo (*.jpg) is required.").arg(imageFormatName(format));
}

QString PhotoInspector::messageFor(const Error &error)
{
    if (error.code == ErrorCode::PhotoDecode && error.detail.startsWith(QLatin1String("truncated")))
        return tr("The file is incomplete: it ends before the picture does. Copy or download the photo again.");
    if (error.code == ErrorCode::PhotoDecode && error.detail.startsWith(QLatin1String("corrupt")))
        return tr("Part of the picture is damaged (corrupt JPEG data) and would show grey or garbled. Use the "
                  "original photo or take it again.");
    if (error.code == ErrorCode::PhotoFormat && error.detail.startsWith(QLatin1String("scans")))
        return tr("The JPEG is stored in too many passes (scans) to be opened safely. Save the photo again from an "
                  "image editor, or let NCRE Desk fix it from the original.");
    switch (error.code) {
    case ErrorCode::PhotoFormat:
        return tr("This file cannot be used; a JPEG photo (*.jpg) is required.");
    case ErrorCode::PhotoDimensions:
        return tr("The image is far too large to open safely.");
    case ErrorCode::PhotoBytes:
        return tr("The file is far too large to be a photo.");
    default:
        return tr("The file is damaged, incomplete or not an image.");
    }
}

bool PhotoInspector::looksGrey(const QImage &image)
{
    if (image.isGrayscale())
        return true;
    const QImage rgb = image.convertToFormat(QImage::Format_RGB32);
    qint64 coloured = 0;
    qint64 total = 0;
    for (int y = 0; y < rgb.height(); ++y) {
        const QRgb *line = reinterpret_cast<const QRgb *>(rgb.constScanLine(y));
        for (int x = 0; x < rgb.width(); ++x) {
            const int r = qRed(line[x]), g = qGreen(line[x]), b = qBlue(line[x]);
            const int chroma = qMax(r, qMax(g, b)) - qMin(r, qMin(g, b));
            coloured += chroma > 12;
            ++total;
        }
    }
    // JPEG's chroma noise colours a few pixels of a grey photo; a colour portrait has skin everywhere on the face.
    return total == 0 || coloured * 1000 < total * 5;
}

QList<PhotoFinding> PhotoInspector::composition(const HeadGeometry &head, QSizeF frame, double toleranceScale) const
{
    QList<PhotoFinding> out;
    PhotoComposition c = m_spec.composition;
    c.tolerance *= toleranceScale;
    const double top = head.top / frame.height();
    const double size = head.height() / frame.height();
    const double topError = head.topError / frame.height();
    const double sizeError = (head.topError + head.chinError) / frame.height();
    const double offCentre = qAbs(head.centreX() / frame.width() - 0.5);
    if (head.topCut) {
        out.append({ErrorCode::PhotoComposition, tr("The top of the head is cut off; the photo must show the whole "
                                                    "head with space above the hair.")});
    } else if (qAbs(top - c.topMargin) > c.tolerance + topError) {
        out.append({ErrorCode::PhotoComposition,
                    tr("The space above the head is %1% of the photo's height; it should be about %2%.")
                        .arg(percent(qMax(0.0, top)), percent(c.topMargin))});
    }
    if (qAbs(size - c.head) > c.tolerance + sizeError) {
        out.append({ErrorCode::PhotoComposition,
                    size < c.head ? tr("The head fills %1% of the photo's height; it should be about %2%: the photo "
                                       "is taken from too far away.").arg(percent(size), percent(c.head))
                                  : tr("The head fills %1% of the photo's height; it should be about %2%: the photo "
                                       "is taken from too close.").arg(percent(size), percent(c.head))});
    }
    const double below = (frame.height() - head.chin) / frame.height();
    const double chinError = head.chinError / frame.height();
    if (!head.topCut && below < c.shoulders - c.tolerance - chinError) {
        out.append({ErrorCode::PhotoComposition,
                    tr("The photo ends too close below the chin (%1% of its height); about %2% should show the neck "
                       "and shoulders.").arg(percent(qMax(0.0, below)), percent(c.shoulders))});
    }
    if (offCentre > c.tolerance * 2) {
        out.append({ErrorCode::PhotoComposition, tr("The head is not in the middle of the photo.")});
    }
    return out;
}

namespace {

// The colours ID-photo backgrounds come in, to name what a photo has and what it needs.
struct NamedColour
{
    const char *hex;
    const char *name;
};
constexpr NamedColour kColourNames[] = {
    {"#FFFFFF", QT_TRANSLATE_NOOP("PhotoInspector", "white")},
    {"#000000", QT_TRANSLATE_NOOP("PhotoInspector", "black")},
    {"#F4C8D0", QT_TRANSLATE_NOOP("PhotoInspector", "pink")},
    {"#BEBEBE", QT_TRANSLATE_NOOP("PhotoInspector", "grey")},
    {"#505050", QT_TRANSLATE_NOOP("PhotoInspector", "dark grey")},
    {"#D6EAF8", QT_TRANSLATE_NOOP("PhotoInspector", "light blue")},
    {"#438EDB", QT_TRANSLATE_NOOP("PhotoInspector", "blue")},
    {"#1A3A8A", QT_TRANSLATE_NOOP("PhotoInspector", "dark blue")},
    {"#D9342B", QT_TRANSLATE_NOOP("PhotoInspector", "red")},
    {"#F2C14E", QT_TRANSLATE_NOOP("PhotoInspector", "yellow")},
    {"#F5E6C8", QT_TRANSLATE_NOOP("PhotoInspector", "cream")},
    {"#4CAF50", QT_TRANSLATE_NOOP("PhotoInspector", "green")},
    {"#D8F0D8", QT_TRANSLATE_NOOP("PhotoInspector", "pale green")},
    {"#B0E8E8", QT_TRANSLATE_NOOP("PhotoInspector", "cyan")},
};

QString colourName(const Lab &colour)
{
    const NamedColour *best = &kColourNames[0];
    double bestDelta = 1e9;
    for (const NamedColour &c : kColourNames) {
        const double d = deltaE2000(colour, Lab::fromHex(QLatin1String(c.hex)), 2.0); // hue first, as the rule
        if (d < bestDelta) {
            bestDelta = d;
            best = &c;
        }
    }
    return QCoreApplication::translate("PhotoInspector", best->name);
}

} // namespace

std::optional<PhotoFinding> PhotoInspector::background(const BackgroundSample &sample) const
{
    if (m_spec.backgroundColours.isEmpty() || !sample.plain())
        return std::nullopt;
    // Lightness counts half (kL = 2): the same wall is lighter or darker with the lighting; its hue is what the
    // rule is about (a pink or a grey-blue wall is not white).
    double nearest = 1e9;
    for (const QString &hex : m_spec.backgroundColours)
        nearest = qMin(nearest, deltaE2000(sample.colour, Lab::fromHex(hex), 2.0));
    if (nearest <= m_spec.backgroundTolerance)
        return std::nullopt;
    QStringList allowed;
    for (const QString &hex : m_spec.backgroundColours) {
        const QString name = colourName(Lab::fromHex(hex));
        if (!allowed.contains(name))
            allowed.append(name);
    }
    QString needed = allowed.value(0);
    for (int i = 1; i < allowed.size(); ++i)
        needed = tr("%1 or %2", "a list of colours: white or light blue").arg(needed, allowed.at(i));
    const QString found = colourName(sample.colour);
    if (allowed.contains(found)) // near an allowed colour by name, yet too far by the rule: a tint
        return PhotoFinding{ErrorCode::PhotoBackground,
                            tr("The background should be %1; this one has a colour tint. Take the photo in front of "
                               "a plain %1 wall.").arg(needed)};
    return PhotoFinding{ErrorCode::PhotoBackground,
                        tr("The background should be %1; this one is %2. Take the photo in front of a plain %1 wall.")
                            .arg(needed, found)};
}

QString PhotoInspector::turnAdvice(int degrees)
{
    switch (degrees) {
    case 180: return tr("The photo is upside down; turn it 180°.");
    case 90: return tr("The photo is sideways; turn it 90° clockwise.");
    case 270: return tr("The photo is sideways; turn it 90° anticlockwise.");
    default: return {};
    }
}

void PhotoInspector::inspectPixels(const DecodedPhoto &photo, Inspection &out, const InspectHints &hints) const
{
    const bool grey = m_spec.colour && looksGrey(photo.image);
    if (grey)
        out.findings.append({ErrorCode::PhotoColour, tr("The photo is black and white; a colour photo is required.")});
    // The head measured on the decoded pixels, reported in full-resolution pixels. A black-and-white photo is
    // refused already, and its head and background (told apart by colour) are not judged.
    auto judge = [&](const QRectF &faceInImage) {
        BackgroundSample background;
        const HeadGeometry measured = measureHead(photo.image, faceInImage, &background);
        out.head = measured.mapped(1.0 / photo.scale);
        out.background = background;
        if (grey)
            return;
        out.findings.append(composition(*out.head, QSizeF(photo.uprightSize)));
        if (const std::optional<PhotoFinding> f = this->background(background))
            out.findings.append(*f);
    };
    if (hints.knownFace) {
        const QRectF &f = *hints.knownFace;
        out.faces = {f};
        judge(QRectF(f.topLeft() * photo.scale, f.size() * photo.scale));
        return;
    }

    const FaceDetector &detector = FaceDetector::shared();
    if (!detector.isLoaded()) {
        out.findings.append({ErrorCode::PhotoFace, tr("Faces cannot be checked: the face detector is missing.")});
        return;
    }
    int evidence = 0;
    QList<QRect> faces = detector.detect(photo.image, &evidence);
    if (!hints.framed) {
        // Not upright? A turn that shows a face far more clearly than the picture as it is says how to turn it; a
        // face found as it is is trusted without comparing only when its evidence is strong.
        if (const int turn = detector.turnNeeded(photo.image, !faces.isEmpty(), evidence)) {
            out.rotationToUpright = turn;
            out.findings.append({ErrorCode::PhotoOrientation, turnAdvice(turn)});
            return;
        }
    }
    if (faces.isEmpty()) {
        if (hints.framed) {
            out.findings.append({ErrorCode::PhotoFace, tr("The frame misses the face: move the frame onto your face, "
                                                          "with the top of your head on the upper line.")});
            return;
        }
        out.findings.append({ErrorCode::PhotoFace, tr("No face was found. Use a recent photo that shows your whole "
                                                      "face from the front.")});
        return;
    }
    for (const QRect &f : faces)
        out.faces.append(QRectF(f.x() / photo.scale, f.y() / photo.scale, f.width() / photo.scale, f.height() / photo.scale));
    if (faces.size() > 1) {
        out.findings.append({ErrorCode::PhotoFace,
                             tr("%n faces were found; the photo must show only you.", nullptr, int(faces.size()))});
        return;
    }
    // A black-and-white portrait with a coloured sticker or date stamp: the face itself is what must be in colour.
    if (m_spec.colour && !out.has(ErrorCode::PhotoColour) && looksGrey(photo.image.copy(faces.first()))) {
        out.findings.append({ErrorCode::PhotoColour, tr("The photo is black and white; a colour photo is required.")});
        judge(QRectF(faces.first()));
        out.findings.removeIf([](const PhotoFinding &f) {
            return f.code == ErrorCode::PhotoComposition || f.code == ErrorCode::PhotoBackground;
        });
        return;
    }
    judge(QRectF(faces.first()));
}

Inspection PhotoInspector::inspect(const QByteArray &bytes, const QRectF &knownFace) const
{
    InspectHints hints;
    hints.knownFace = knownFace;
    return inspect(bytes, hints);
}

Inspection PhotoInspector::inspect(const QByteArray &bytes, const InspectHints &hints) const
{
    Inspection out;
    out.bytes = bytes.size();
    out.format = PhotoReader::sniff(bytes);
    if (out.format != ImageFormat::Jpeg && out.format != ImageFormat::Unknown)
        out.findings.append({ErrorCode::PhotoFormat, formatMessage(out.format)});
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    const Result<PhotoHeader> header = PhotoReader::readHeader(&buffer);
    const qint64 trailing = header ? header->jpeg.trailingBytes() : 0;
    if (out.bytes < m_spec.minBytes || out.bytes > m_spec.maxBytes) {
        out.findings.append({ErrorCode::PhotoBytes,
                             trailing > 0 && out.bytes - trailing <= m_spec.maxBytes
                                 ? tr("The file is %1 KB; it must be between %2 KB and %3 KB. %4 KB of it follow the "
                                      "picture (such as the video of a phone's motion photo); fixing the photo leaves "
                                      "them out.")
                                       .arg(kilobytes(out.bytes), kilobytes(m_spec.minBytes), kilobytes(m_spec.maxBytes),
                                            kilobytes(trailing))
                                 : tr("The file is %1 KB; it must be between %2 KB and %3 KB.")
                                       .arg(kilobytes(out.bytes), kilobytes(m_spec.minBytes), kilobytes(m_spec.maxBytes))});
    }
    // The picture itself below the minimum, though bytes after it (a video) or metadata (EXIF, comments, padding
    // segments) bring the file above it: what the registration keeps is the picture.
    const qint64 picture = header && header->format == ImageFormat::Jpeg ? header->jpeg.pictureBytes() : out.bytes;
    if (out.bytes >= m_spec.minBytes && picture < m_spec.minBytes) {
        // A few bytes of markers short of the minimum read as "20 KB … 0.0 KB … at least 20 KB" in kilobytes: then
        // the count is said in bytes, and the data beside the picture is not worth a sentence.
        out.findings.append({ErrorCode::PhotoBytes,
                             out.bytes - picture < 1024
                                 ? tr("The picture itself is %L1 bytes, just under the %L2 bytes it must have at least.")
                                       .arg(picture)
                                       .arg(m_spec.minBytes)
                                 : tr("The picture itself is %1 KB (the other %2 KB of the file are data beside it and "
                                      "do not count); it must be at least %3 KB.")
                                       .arg(kilobytes(picture), kilobytes(out.bytes - picture), kilobytes(m_spec.minBytes))});
    }
    if (header && header->format == ImageFormat::Jpeg && !header->jpeg.widelySupported())
        out.findings.append({ErrorCode::PhotoFormat, codingMessage(header->jpeg)});
    if (header && header->cmyk)
        out.findings.append({ErrorCode::PhotoFormat, tr("The JPEG is in CMYK (printing) colours, which many systems show "
                                                        "wrongly; an RGB JPEG is required.")});

    const Result<DecodedPhoto> decoded = header ? PhotoReader::read(&buffer, header.value(), kInspectBox)
                                                : Result<DecodedPhoto>(header.error());
    if (!decoded) {
        // Nothing else can be checked. A format already named says why it cannot be read (an AVIF, a 12-bit
        // JPEG); otherwise, or when something else stopped it (bomb dimensions), say what.
        if (!out.has(decoded.error().code) && (!out.has(ErrorCode::PhotoFormat) || decoded.error().code != ErrorCode::PhotoDecode))
            out.findings.append({decoded.error().code, messageFor(decoded.error())});
        return out;
    }
    const DecodedPhoto &photo = decoded.value();
    out.size = photo.uprightSize;
    out.exifRotation = photo.exifRotation;
    if (photo.exifRotation != 0 || photo.exifMirrored)
        out.findings.append({ErrorCode::PhotoOrientation,
                             tr("The photo carries a camera tag (EXIF orientation) that turns it when it is shown, and "
                                "the registration system ignores such tags: staff would see it turned differently. Let "
                                "NCRE Desk fix it.")});
    const QSize s = photo.uprightSize;
    if (s.width() < m_spec.minWidth || s.height() < m_spec.minHeight)
        out.findings.append({ErrorCode::PhotoDimensions, tr("The photo is %1×%2 pixels; it must be at least %3×%4 "
                                                            "(width×height).")
                                                             .arg(s.width()).arg(s.height())
                                                             .arg(m_spec.minWidth).arg(m_spec.minHeight)});
    else if (s.width() > m_spec.maxWidth || s.height() > m_spec.maxHeight)
        out.findings.append({ErrorCode::PhotoDimensions, tr("The photo is %1×%2 pixels; it must be at most %3×%4 "
                                                            "(width×height).")
                                                             .arg(s.width()).arg(s.height())
                                                             .arg(m_spec.maxWidth).arg(m_spec.maxHeight)});
    if (!m_spec.aspectAccepted(s.width(), s.height()))
        out.findings.append({ErrorCode::PhotoAspect,
                             tr("The photo's width is %1% of its height; a portrait photo between %2% and %3% is "
                                "required.")
                                 .arg(percent(double(s.width()) / s.height()), percent(m_spec.aspectMin),
                                      percent(m_spec.aspectMax))});
    inspectPixels(photo, out, hints);
    return out;
}

} // namespace ncre
