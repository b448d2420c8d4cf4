#pragma once

#include "Error.h"
#include "HeadMeasure.h"
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

struct Inspection
{
    qint64 bytes = 0;
    ImageFormat format = ImageFormat::Unknown;
    QSize size;                // upright, full resolution (empty when it could not be read)
    int exifRotation = 0;
    QList<QRectF> faces;       // upright, full-resolution pixels, largest first
    std::optional<HeadGeometry> head; // measured (HeadMeasure), upright full-resolution pixels
    BackgroundSample background;      // sampled around the head
    int rotationToUpright = 0; // with photo.orientation from the pixels: degrees clockwise that make it upright
    QList<PhotoFinding> findings;

    bool ok() const { return findings.isEmpty(); }
    bool has(ErrorCode code) const;
};

// Every check of PhotoSpec against a file: format, bytes, dimensions, aspect, colour, orientation, face and
// composition, each failure with its code and a translated message saying what is wrong and by how much.
// What the inspector knows about the bytes beyond the bytes themselves.
struct InspectHints
{
    // The face, already known (upright, full-resolution pixels of this file): PhotoFixer's own re-check of what
    // it wrote, which need not search for the face it just placed.
    std::optional<QRectF> knownFace;
    // The bytes are a candidate's frame drawn over an upright photo (the desk's cropper): a frame without a face
    // misses the face; the photo is not turned.
    bool framed = false;
};

class PhotoInspector
{
    Q_DECLARE_TR_FUNCTIONS(PhotoInspector)

public:
    explicit PhotoInspector(PhotoSpec spec = PhotoSpec::ncreDefault());

    Inspection inspect(const QByteArray &bytes, const InspectHints &hints = {}) const;
    Inspection inspect(const QByteArray &bytes, const QRectF &knownFace) const;

    // The checks on pixels already decoded (upright; `photo.scale` relates them to full resolution).
    void inspectPixels(const DecodedPhoto &photo, Inspection &out, const InspectHints &hints = {}) const;
    // Composition findings for a head in a frame of `frame` pixels, each line judged with its uncertainty: a
    // finding only when the rule is missed by more than the tolerance and the measurement's error together.
    // `toleranceScale` below 1 judges more strictly (a fix keeping a framing wants room to spare).
    QList<PhotoFinding> composition(const HeadGeometry &head, QSizeF frame, double toleranceScale = 1.0) const;
    // The background finding (photo.background) for a sample, if its colour is not allowed.
    std::optional<PhotoFinding> background(const BackgroundSample &sample) const;
    // The advice for a photo that must be turned `degrees` clockwise to be upright (90, 180, 270).
    static QString turnAdvice(int degrees);
    // Whether a three-channel image is grey in fact (every pixel's channels nearly equal).
    static bool looksGrey(const QImage &image);
    // The message for a reading error (photo.decode: truncated, corrupt, not an image; photo.format; ...).
    static QString messageFor(const Error &error);
    // The finding's message for a file of another format (PNG, HEIC, AVIF, PDF, ...).
    static QString formatMessage(ImageFormat format);
    // Why a JPEG of this coding cannot be used (JpegStructure::widelySupported() is false).
    static QString codingMessage(const JpegStructure &jpeg);

    const PhotoSpec &spec() const { return m_spec; }

private:
    PhotoSpec m_spec;
};

} // namespace ncre
