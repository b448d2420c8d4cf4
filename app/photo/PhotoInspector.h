#pragma once

#include "Error.h"
#include "PhotoReader.h"
#include "PhotoSpec.h"

#include <QCoreApplication>
#include <QList>
#include <QRectF>

#include <optional>

namespace ncre {

// One thing wrong with a photo: a stable code (architecture §7) and a precise, translated message.
struct PhotoFinding
{
    ErrorCode code;
    QString message;
};

// Where the head is, estimated from a detected face box (upright, full-resolution pixels). A frontal-face box
// spans roughly brows to mouth; hair and chin lie outside it by documented proportions (kHairAbove, kChinBelow).
struct HeadGeometry
{
    double top = 0;  // top of the hair
    double chin = 0;
    double centreX = 0;

    static constexpr double kHairAbove = 0.55; // of the face box's height, above it
    static constexpr double kChinBelow = 0.25; // below it
    static HeadGeometry fromFace(const QRectF &face);
    double height() const { return chin - top; }
};

struct Inspection
{
    qint64 bytes = 0;
    ImageFormat format = ImageFormat::Unknown;
    QSize size;                // upright, full resolution (empty when it could not be read)
    int exifRotation = 0;
    QList<QRectF> faces;       // upright, full-resolution pixels, largest first
    std::optional<HeadGeometry> head;
    int rotationToUpright = 0; // with photo.orientation from the pixels: degrees clockwise that make it upright
    QList<PhotoFinding> findings;

    bool ok() const { return findings.isEmpty(); }
    bool has(ErrorCode code) const;
};

// Every check of PhotoSpec against a file: format, bytes, dimensions, aspect, colour, orientation, face and
// composition, each failure with its code and a translated message saying what is wrong and by how much.
class PhotoInspector
{
    Q_DECLARE_TR_FUNCTIONS(PhotoInspector)

public:
    explicit PhotoInspector(PhotoSpec spec = PhotoSpec::ncreDefault());

    Inspection inspect(const QByteArray &bytes) const;
    // The same, with the face already known (upright, full-resolution pixels of this file): PhotoFixer's own
    // re-check of what it wrote, which need not search for the face it just placed.
    Inspection inspect(const QByteArray &bytes, const QRectF &knownFace) const;

    // The checks on pixels already decoded (upright; `photo.scale` relates them to full resolution).
    void inspectPixels(const DecodedPhoto &photo, Inspection &out, std::optional<QRectF> knownFace = std::nullopt) const;
    // Composition findings for a head in a frame of `frame` pixels.
    QList<PhotoFinding> composition(const HeadGeometry &head, QSizeF frame) const;
    // Whether a three-channel image is grey in fact (every pixel's channels nearly equal).
    static bool looksGrey(const QImage &image);
    static QString messageFor(const Error &error);

    const PhotoSpec &spec() const { return m_spec; }
    // Widens the composition tolerances by `factor` (the server's re-check uses 2: the head's position is an
    // estimate from a face box, so only a clear violation may refuse an upload).
    void setCompositionSlack(double factor) { m_slack = factor; }

private:
    Inspection inspectImpl(const QByteArray &bytes, std::optional<QRectF> knownFace) const;

    PhotoSpec m_spec;
    double m_slack = 1.0;
};

} // namespace ncre
