#pragma once

#include "PhotoInspector.h"

#include <QImage>

#include <functional>
#include <optional>

namespace ncre {

// Turns a photo into one that meets PhotoSpec, or says precisely why it cannot: decode at a reduced scale, apply
// the EXIF orientation, turn a sideways or upside-down face upright, crop around the face to the composition
// rules (top margin, head height, centred), scale, and encode a JPEG without metadata, in sRGB, at the best
// quality that fits the byte range. The result is checked again with PhotoInspector before it is returned.
class PhotoFixer
{
    Q_DECLARE_TR_FUNCTIONS(PhotoFixer)

public:
    struct Timings
    {
        qint64 headerNs = 0; // the header, EXIF and its thumbnail read (nothing decoded yet)
        qint64 decodeNs = 0;
        qint64 detectNs = 0;
        qint64 cropNs = 0;
        qint64 encodeNs = 0;
        qint64 verifyNs = 0;
    };
    struct Fixed
    {
        QByteArray jpeg;
        QSize size;
        int quality = 0;
        int rotationApplied = 0; // degrees clockwise, beyond the EXIF orientation
        QRectF crop;             // in the upright, full-resolution source
        bool fromThumbnail = false; // the face was found on the EXIF thumbnail and only its region was decoded
        Timings timings;
    };

    explicit PhotoFixer(PhotoSpec spec = PhotoSpec::ncreDefault());

    // The whole fix. Failure: the findings that could not be fixed.
    Result<Fixed, QList<PhotoFinding>> fix(const QByteArray &input) const;
    // The same from a file, streamed to the decoder rather than read whole (a 12 MP photo is 4-5 MB).
    Result<Fixed, QList<PhotoFinding>> fixFile(const QString &path) const;

    // The crop (in the coordinates of an upright image of `size`) that puts `head` where the rules want it, at the
    // spec's middle aspect ratio: the ideal placement when the photo has room for it, else the placement nearest to
    // it within the rules (a compliant photo keeps its framing). Above and beside the head it may reach outside the
    // image by at most kMaxPadding of its size, and only when `plainBackground` (the background continues there);
    // never below. Empty when no placement fits; `missing` then says what the photo lacks.
    QRectF proposeCrop(QSizeF size, const HeadGeometry &head, bool plainBackground,
                       QList<PhotoFinding> *missing = nullptr) const;
    static constexpr double kMaxPadding = 0.10;
    // The background a fix would extend above `head` (the band between the photo's top and the hair, across the
    // head and a head's width either side): plain there is what allows extending it, whatever the rest shows.
    static BackgroundSample backgroundAbove(const QImage &image, const HeadGeometry &head);
    // Encodes to the spec's byte range at the best quality that fits (scaling up a little when even the best
    // quality is too small a file); the chosen quality in `quality`.
    Result<QByteArray> encode(const QImage &image, int *quality = nullptr) const;

    // The photo inside `crop` of an upright image (the cropper's frame), scaled and encoded like fix() does;
    // where the crop reaches outside the image, `fill` (the measured background) continues it. Fails with
    // photo.dimensions when the crop holds fewer pixels than the minimum, photo.bytes when no quality fits.
    Result<QByteArray> renderCrop(const QImage &upright, const QRectF &crop, QRgb fill) const;

    // The output's target height in pixels (never upscaled beyond what the crop holds, except to reach the
    // minimum file size).
    void setMaxOutputHeight(int pixels) { m_maxOutputHeight = pixels; }

private:
    using Outcome = Result<Fixed, QList<PhotoFinding>>;
    Outcome fixFrom(QIODevice *source, const std::function<QByteArray()> &wholeFile) const;
    // The quick way for a photo with an EXIF thumbnail: the face is found on the thumbnail, then only the region
    // around it is decoded, where the face is placed precisely. Nothing when that cannot decide (no thumbnail, a
    // stale one, no single face on it): the whole photo is then decoded.
    std::optional<Outcome> fixFromThumbnail(QIODevice *source, const PhotoHeader &header) const;
    // The whole-photo path's last steps for one crop of the decoded `photo` (its pixels): crop, scale (decoding
    // the region again when the first decode is too coarse), encode and check.
    Outcome fixCrop(Fixed fixed, const DecodedPhoto &photo, const QList<QRect> &faces, const QRectF &cropSmall, QRgb fill,
                    const std::function<QByteArray()> &wholeFile) const;
    // Encodes the cropped `out` and checks what was written; `face` is where the face is in `out`, searched for
    // again with `searchFaces` (the full check).
    Outcome finish(Fixed fixed, const QImage &out, const QRectF &face, bool searchFaces = false) const;

    PhotoSpec m_spec;
    PhotoInspector m_inspector;
    int m_maxOutputHeight = 480;
};

} // namespace ncre
