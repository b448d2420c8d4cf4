#include "PhotoInspector.h"

#include "FaceDetector.h"
#include "PhotoLogging.h"

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

HeadGeometry HeadGeometry::fromFace(const QRectF &face)
{
    HeadGeometry h;
    h.top = face.top() - kHairAbove * face.height();
    h.chin = face.bottom() + kChinBelow * face.height();
    h.centreX = face.center().x();
    return h;
}

bool Inspection::has(ErrorCode code) const
{
    return std::any_of(findings.begin(), findings.end(), [code](const PhotoFinding &f) { return f.code == code; });
}

PhotoInspector::PhotoInspector(PhotoSpec spec)
    : m_spec(std::move(spec))
{
}

QString PhotoInspector::messageFor(const Error &error)
{
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

QList<PhotoFinding> PhotoInspector::composition(const HeadGeometry &head, QSizeF frame) const
{
    QList<PhotoFinding> out;
    PhotoComposition c = m_spec.composition;
    c.tolerance *= m_slack;
    const double top = head.top / frame.height();
    const double size = head.height() / frame.height();
    const double offCentre = qAbs(head.centreX / frame.width() - 0.5);
    if (qAbs(size - c.head) > c.tolerance) {
        out.append({ErrorCode::PhotoComposition,
                    size < c.head ? tr("The head fills %1% of the photo's height; it should be about %2%: the photo "
                                       "is taken from too far away.").arg(percent(size), percent(c.head))
                                  : tr("The head fills %1% of the photo's height; it should be about %2%: the photo "
                                       "is taken from too close.").arg(percent(size), percent(c.head))});
    }
    if (qAbs(top - c.topMargin) > c.tolerance) {
        out.append({ErrorCode::PhotoComposition,
                    tr("The space above the head is %1% of the photo's height; it should be about %2%.")
                        .arg(percent(qMax(0.0, top)), percent(c.topMargin))});
    }
    if (offCentre > c.tolerance * 2) {
        out.append({ErrorCode::PhotoComposition, tr("The head is not in the middle of the photo.")});
    }
    return out;
}

void PhotoInspector::inspectPixels(const DecodedPhoto &photo, Inspection &out, std::optional<QRectF> knownFace) const
{
    if (m_spec.colour && looksGrey(photo.image))
        out.findings.append({ErrorCode::PhotoColour, tr("The photo is black and white; a colour photo is required.")});
    if (knownFace) {
        out.faces = {*knownFace};
        out.head = HeadGeometry::fromFace(*knownFace);
        out.findings.append(composition(*out.head, QSizeF(photo.uprightSize)));
        return;
    }

    const FaceDetector &detector = FaceDetector::shared();
    if (!detector.isLoaded()) {
        out.findings.append({ErrorCode::PhotoFace, tr("Faces cannot be checked: the face detector is missing.")});
        return;
    }
    QList<QRect> faces = detector.detect(photo.image);
    if (faces.isEmpty()) {
        // Not upright? Try the photo turned each way; a face found so says by how much to turn it.
        for (int degrees : {90, 270, 180}) {
            const QImage turned = photo.image.transformed(QTransform().rotate(degrees));
            if (!detector.detect(turned).isEmpty()) {
                out.rotationToUpright = degrees;
                out.findings.append({ErrorCode::PhotoOrientation,
                                     degrees == 180 ? tr("The photo is upside down; turn it 180°.")
                                     : degrees == 90 ? tr("The photo is sideways; turn it 90° clockwise.")
                                                     : tr("The photo is sideways; turn it 90° anticlockwise.")});
                return;
            }
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
    out.head = HeadGeometry::fromFace(out.faces.first());
    out.findings.append(composition(*out.head, QSizeF(photo.uprightSize)));
}

Inspection PhotoInspector::inspect(const QByteArray &bytes) const
{
    return inspectImpl(bytes, std::nullopt);
}

Inspection PhotoInspector::inspect(const QByteArray &bytes, const QRectF &knownFace) const
{
    return inspectImpl(bytes, knownFace);
}

Inspection PhotoInspector::inspectImpl(const QByteArray &bytes, std::optional<QRectF> knownFace) const
{
    Inspection out;
    out.bytes = bytes.size();
    out.format = PhotoReader::sniff(bytes);
    if (out.format != ImageFormat::Jpeg && out.format != ImageFormat::Unknown)
        out.findings.append({ErrorCode::PhotoFormat, tr("This is a %1 file, whatever its name says; a JPEG photo (*.jpg) "
                                                        "is required.").arg(imageFormatName(out.format))});
    if (out.bytes < m_spec.minBytes || out.bytes > m_spec.maxBytes)
        out.findings.append({ErrorCode::PhotoBytes, tr("The file is %1 KB; it must be between %2 KB and %3 KB.")
                                                        .arg(kilobytes(out.bytes), kilobytes(m_spec.minBytes),
                                                             kilobytes(m_spec.maxBytes))});

    const Result<DecodedPhoto> decoded = PhotoReader::read(bytes, kInspectBox);
    if (!decoded) {
        // Nothing else can be checked; say what stopped it (a damaged file trumps the format's own finding).
        out.findings.removeIf([](const PhotoFinding &f) { return f.code == ErrorCode::PhotoFormat; });
        out.findings.prepend({decoded.error().code, messageFor(decoded.error())});
        return out;
    }
    const DecodedPhoto &photo = decoded.value();
    out.size = photo.uprightSize;
    out.exifRotation = photo.exifRotation;
    if (photo.cmyk)
        out.findings.append({ErrorCode::PhotoFormat, tr("The JPEG is in CMYK (printing) colours, which many systems show "
                                                        "wrongly; an RGB JPEG is required.")});
    if (photo.exifRotation != 0 || photo.exifMirrored)
        out.findings.append({ErrorCode::PhotoOrientation,
                             tr("The photo is stored turned and only shown upright because of a camera tag, which the "
                                "registration system ignores: it would appear turned. Let NCRE Desk fix it.")});
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
    inspectPixels(photo, out, knownFace);
    return out;
}

} // namespace ncre
