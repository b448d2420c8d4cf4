#include "PhotoFixer.h"

#include "FaceDetector.h"
#include "JpegCodec.h"
#include "PhotoLogging.h"

#include <QBuffer>
#include <QFile>
#include <QElapsedTimer>
#include <QImageWriter>
#include <QPainter>
#include <QTransform>

#include <algorithm>

namespace ncre {

namespace {

// The decode box: a 12 MP photo decodes once, at 1/4 (1000 pixels on the long side), which leaves a head crop
// taken at arm's length about 300 pixels high: more than the spec's minimum, without a second decode.
const QSize kFixBox(1024, 1024);
// The head is measured on a picture of at most this many pixels on its long side.
constexpr int kMeasureSide = 512;
// A crop this close to the minimum height is enlarged to it (a few percent: no visible loss); a smaller one is not.
constexpr double kMaxUpscale = 0.9;
// A crop at least this tall in the first decode is used as it is rather than decoded again at a finer scale.
constexpr int kGoodEnoughHeight = 256;
// `crop` of `source` scaled into `size`; `inside` is the part of the crop within the source. Where the crop reaches
// outside the photo, `fill` (the measured plain background) continues it.
QImage cropped(const QImage &source, const QRectF &crop, const QRectF &inside, QSize size, QRgb fill)
{
    QImage out(size, QImage::Format_RGB32);
    out.fill(fill);
    QPainter p(&out);
    p.setRenderHint(QPainter::SmoothPixmapTransform);
    const double k = size.height() / crop.height();
    p.setTransform(QTransform::fromScale(k, k).translate(-crop.left(), -crop.top()));
    p.drawImage(inside, source, inside);
    return out;
}

} // namespace

PhotoFixer::PhotoFixer(PhotoSpec spec)
    : m_spec(spec)
    , m_inspector(std::move(spec))
{
}

BackgroundSample PhotoFixer::backgroundAbove(const QImage &image, const HeadGeometry &head)
{
    const double width = head.right - head.left;
    const QRect band = QRectF(head.left - width, 0, 3 * width, head.top - 2).toAlignedRect().intersected(image.rect());
    if (band.height() < 2)
        return {};
    return sampleBackgroundIn(image, {band});
}

QRectF PhotoFixer::proposeCrop(QSizeF size, const HeadGeometry &head, bool plainBackground,
                               QList<PhotoFinding> *missing) const
{
    const PhotoComposition &c = m_spec.composition;
    const double aspect = (m_spec.aspectMin + m_spec.aspectMax) / 2;
    const double pad = plainBackground ? kMaxPadding : 0.0;
    // Head size and top margin as fractions of the crop: the rule's values first, then others inside the rule's
    // tolerance (kept to 60 % of it, so the measurement's own error cannot carry the result outside).
    // Head size and top margin as fractions of the crop: the rule's values first, then others inside the rule's
    // tolerance — kept to 60 % of it where that is enough, so the measurement's own error cannot carry the result
    // outside, else up to 90 % of it.
    QRectF best;
    double bestCost = 1e9;
    QRectF nearest; // the placement that misses least, to say what is missing
    double nearestMiss = 1e9;
    for (const double share : {0.6, 0.9}) {
        const double reach = c.tolerance * share;
        for (double dh = -reach; dh <= reach + 1e-9; dh += reach / 6) {
            for (double dt = -reach; dt <= reach + 1e-9; dt += reach / 6) {
                const double height = head.height() / (c.head + dh);
                const double width = height * aspect;
                const QRectF crop(head.centreX() - width / 2, head.top - (c.topMargin + dt) * height, width, height);
                const double above = qMax(0.0, -crop.top()), below = qMax(0.0, crop.bottom() - size.height());
                const double sides = qMax(qMax(0.0, -crop.left()), qMax(0.0, crop.right() - size.width()));
                const double miss = qMax(0.0, below - 0.5) / height + qMax(0.0, above - pad * height) / height
                    + qMax(0.0, sides - pad * width) / width;
                if (miss > 0) {
                    if (miss < nearestMiss) {
                        nearestMiss = miss;
                        nearest = crop;
                    }
                    continue;
                }
                // Prefer no padding, then the rule's own values.
                const double cost = (above / height + sides / width) * 10 + qAbs(dh) + qAbs(dt);
                if (cost < bestCost) {
                    bestCost = cost;
                    best = crop;
                }
            }
        }
        if (!best.isEmpty())
            break;
    }
    if (!best.isEmpty() || !missing)
        return best;
    // Say what the nearest placement lacks, in the photo's own proportions.
    const double height = nearest.height(), width = nearest.width();
    const QRectF &ideal = nearest;
    auto share = [](double part, double whole) { return QString::number(qMax(1, qRound(100 * part / whole))); };
    if (ideal.bottom() - size.height() > 0.5)
        missing->append({ErrorCode::PhotoComposition,
                         tr("The photo ends too close below the chin: it needs %1% more of its height below, for the "
                            "neck and shoulders. Take the photo from a little further away.")
                             .arg(share(ideal.bottom() - size.height(), size.height()))});
    if (-ideal.top() > pad * height)
        missing->append({ErrorCode::PhotoComposition,
                         plainBackground ? tr("There is too little space above the head: the photo needs %1% more of "
                                              "its height above the hair. Take the photo with more space above your head.")
                                               .arg(share(-ideal.top(), size.height()))
                                         : tr("There is too little space above the head, and the background is not "
                                              "plain enough to extend. Take the photo in front of a plain wall with "
                                              "more space above your head.")});
    if (qMax(-ideal.left(), ideal.right() - size.width()) > pad * width)
        missing->append({ErrorCode::PhotoComposition,
                         tr("The head is too close to the side of the photo: it needs %1% more of its width there. "
                            "Take the photo with your head in the middle.")
                             .arg(share(qMax(-ideal.left(), ideal.right() - size.width()), size.width()))});
    if (missing->isEmpty())
        missing->append({ErrorCode::PhotoComposition,
                         tr("The head is too close to the edge of the photo to leave the required space around it. "
                            "Take the photo from a little further away.")});
    return {};
}

Result<QByteArray> PhotoFixer::encode(const QImage &source, int *quality) const
{
    QImage image = source.convertToFormat(QImage::Format_RGB32);
    image.setColorSpace(QColorSpace()); // pixels are sRGB already; no ICC profile, no text, no EXIF is written
    for (int grow = 0; grow < 4; ++grow) {
        // The best quality whose file is not above the maximum (binary search: size grows with quality).
        int lo = 30, hi = 97, best = -1;
        QByteArray bestBytes;
        // An ID photo of a few hundred pixels usually fits at the best quality: one encode instead of a search.
        if (const QByteArray top = encodeJpeg(image, hi).valueOr({}); !top.isEmpty() && top.size() <= m_spec.maxBytes) {
            best = hi;
            bestBytes = top;
            lo = hi + 1;
        } else {
            hi -= 1;
        }
        while (lo <= hi) {
            const int q = (lo + hi) / 2;
            const QByteArray bytes = encodeJpeg(image, q).valueOr({});
            if (!bytes.isEmpty() && bytes.size() <= m_spec.maxBytes) {
                best = q;
                bestBytes = bytes;
                lo = q + 1;
            } else {
                hi = q - 1;
            }
        }
        if (best < 0)
            return Error(ErrorCode::PhotoBytes, {}, QStringLiteral("above the maximum even at quality 30"));
        if (bestBytes.size() >= m_spec.minBytes) {
            if (quality)
                *quality = best;
            qCDebug(lcPhoto) << "encoded" << image.size() << "at quality" << best << bestBytes.size() << "bytes";
            return bestBytes;
        }
        // A very smooth picture stays below the minimum file size even at the best quality: more pixels.
        const QSize bigger = (QSizeF(image.size()) * 1.25).toSize();
        if (bigger.width() > m_spec.maxWidth || bigger.height() > m_spec.maxHeight)
            break;
        image = image.scaled(bigger, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    }
    return Error(ErrorCode::PhotoBytes, {}, QStringLiteral("below the minimum at the best quality"));
}

Result<QByteArray> PhotoFixer::renderCrop(const QImage &upright, const QRectF &crop, QRgb fill) const
{
    if (upright.isNull() || crop.isEmpty())
        return Error(ErrorCode::PhotoDecode, {}, QStringLiteral("nothing to crop"));
    int outHeight = qMin(m_maxOutputHeight, int(crop.height()));
    if (outHeight >= m_spec.minHeight * kMaxUpscale)
        outHeight = qMax(outHeight, m_spec.minHeight);
    if (outHeight < m_spec.minHeight)
        return Error(ErrorCode::PhotoDimensions, {}, QStringLiteral("%1 pixels high").arg(int(crop.height())));
    const double aspect = crop.width() / crop.height();
    const QSize outSize(qRound(outHeight * aspect), outHeight);
    const QRectF inside = crop.intersected(QRectF(QPointF(0, 0), QSizeF(upright.size())));
    if (inside.isEmpty())
        return Error(ErrorCode::PhotoComposition, {}, QStringLiteral("crop outside the photo"));
    return encode(cropped(upright, crop, inside, outSize, fill));
}

Result<PhotoFixer::Fixed, QList<PhotoFinding>> PhotoFixer::fix(const QByteArray &input) const
{
    QByteArray copy = input;
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return fixFrom(&buffer, [&input]() { return input; });
}

Result<PhotoFixer::Fixed, QList<PhotoFinding>> PhotoFixer::fixFile(const QString &path) const
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QList<PhotoFinding>{{ErrorCode::PhotoDecode, tr("The file cannot be opened: %1").arg(file.errorString())}};
    return fixFrom(&file, [&file]() {
        file.seek(0);
        return file.readAll();
    });
}

PhotoFixer::Outcome PhotoFixer::fixFrom(QIODevice *file, const std::function<QByteArray()> &wholeFile) const
{
    Fixed fixed;
    QElapsedTimer timer;
    timer.start();
    auto fail = [](ErrorCode code, const QString &message) {
        return Result<Fixed, QList<PhotoFinding>>(QList<PhotoFinding>{{code, message}});
    };

    const Result<PhotoHeader> header = PhotoReader::readHeader(file);
    if (!header) {
        if (header.error().code == ErrorCode::PhotoFormat && file->seek(0)) {
            const ImageFormat format = PhotoReader::sniff(file->peek(64 * 1024));
            if (format != ImageFormat::Unknown && format != ImageFormat::Jpeg)
                return fail(ErrorCode::PhotoFormat, PhotoInspector::formatMessage(format)); // named, as check names it
        }
        return fail(header.error().code, PhotoInspector::messageFor(header.error()));
    }
    // Too few pixels for any crop: said before any face is looked for (a face-like speck in a tiny picture would
    // only give a misleading reason).
    // Either way up: a sideways photo is turned before it is cropped.
    const int shortSide = qMin(header->uprightSize.width(), header->uprightSize.height());
    const int longSide = qMax(header->uprightSize.width(), header->uprightSize.height());
    if (shortSide < m_spec.minWidth * kMaxUpscale || longSide < m_spec.minHeight * kMaxUpscale)
        return fail(ErrorCode::PhotoDimensions,
                    tr("The photo is %1×%2 pixels; at least %3×%4 (width×height) are needed. Use a larger photo.")
                        .arg(header->uprightSize.width()).arg(header->uprightSize.height())
                        .arg(m_spec.minWidth).arg(m_spec.minHeight));
    const qint64 headerNs = timer.nsecsElapsed();
    // The quick path decodes regions with libjpeg directly: plain colour JPEGs turned without a mirror.
    if (!header->exifThumbnail.isEmpty() && header->plainJpeg && !header->exifMirrored) {
        if (std::optional<Outcome> quick = fixFromThumbnail(file, header.value())) {
            if (quick->ok())
                quick->value().timings.headerNs = headerNs;
            return std::move(quick).value();
        }
    }
    fixed.timings.headerNs = headerNs;
    timer.restart();
    Result<DecodedPhoto> decoded = PhotoReader::read(file, header.value(), kFixBox); // header read once
    if (!decoded) {
        if (header->format == ImageFormat::Jpeg && !header->jpeg.widelySupported())
            return fail(ErrorCode::PhotoFormat, PhotoInspector::codingMessage(header->jpeg)); // 12-bit, lossless
        return fail(decoded.error().code, PhotoInspector::messageFor(decoded.error()));
    }
    DecodedPhoto photo = std::move(decoded).value();
    fixed.timings.decodeNs = timer.nsecsElapsed();

    if (m_spec.colour && PhotoInspector::looksGrey(photo.image))
        return fail(ErrorCode::PhotoColour, tr("The photo is black and white; a colour photo is required."));

    timer.restart();
    const FaceDetector &detector = FaceDetector::shared();
    if (!detector.isLoaded())
        return fail(ErrorCode::PhotoFace, tr("Faces cannot be checked: the face detector is missing."));
    int evidence = 0;
    QList<QRect> faces = detector.detect(photo.image, &evidence);
    // Turned? The same decision as the check's (FaceDetector::turnNeeded): the turn that shows a face far more
    // clearly than the picture as it is, never the first turn in which something face-like appears.
    if (const int turn = detector.turnNeeded(photo.image, !faces.isEmpty(), evidence)) {
        photo.image = photo.image.transformed(QTransform().rotate(turn));
        if (turn != 180)
            photo.uprightSize.transpose();
        photo.scale = double(photo.image.width()) / photo.uprightSize.width();
        fixed.rotationApplied = turn;
        faces = detector.detect(photo.image);
    }
    fixed.timings.detectNs = timer.nsecsElapsed();
    if (faces.isEmpty())
        return fail(ErrorCode::PhotoFace, tr("No face was found. Use a recent photo that shows your whole face from "
                                             "the front."));
    // Faces far smaller than the largest are people in the background; two of a size are two people.
    if (faces.size() > 1 && faces.at(1).width() * 2 > faces.at(0).width())
        return fail(ErrorCode::PhotoFace, tr("%n faces were found; the photo must show only you.", nullptr,
                                             int(faces.size())));

    timer.restart();
    const QRectF face = faces.first();
    const QImage &small = photo.image;
    BackgroundSample background;
    const HeadGeometry head = measureHead(small, face, &background);
    if (head.topCut)
        return fail(ErrorCode::PhotoComposition, tr("The top of the head is cut off; the photo must show the whole "
                                                    "head with space above the hair."));
    if (const std::optional<PhotoFinding> wrong = m_inspector.background(background))
        return QList<PhotoFinding>{*wrong};
    const BackgroundSample above = backgroundAbove(small, head);
    if (above.plain())
        background.rgb = above.rgb; // what continues the wall above the hair
    QList<PhotoFinding> missing;
    if (m_spec.colour && PhotoInspector::looksGrey(small.copy(face.toAlignedRect())))
        return fail(ErrorCode::PhotoColour, tr("The photo is black and white; a colour photo is required."));
    // The crops to try, in order: a photo already framed within the rules (with room to spare across, where a
    // fresh detection may place the face a little differently) keeps its framing — what the check accepts, the
    // fix keeps —; then the placement nearest the rule's values. The first whose written file passes is kept.
    QList<QRectF> candidates;
    if (m_spec.aspectAccepted(small.width(), small.height())
        && m_inspector.composition(head, QSizeF(small.size()), 0.8).isEmpty())
        candidates.append(QRectF(QPointF(0, 0), QSizeF(small.size())));
    if (const QRectF placed = proposeCrop(small.size(), head, background.plain() || above.plain(), &missing);
        !placed.isEmpty())
        candidates.append(placed);
    if (candidates.isEmpty() && m_spec.aspectAccepted(small.width(), small.height())
        && m_inspector.composition(head, QSizeF(small.size())).isEmpty())
        candidates.append(QRectF(QPointF(0, 0), QSizeF(small.size())));
    if (candidates.isEmpty())
        return missing;
    const qint64 placedNs = timer.nsecsElapsed();
    Outcome outcome = missing;
    for (const QRectF &cropSmall : candidates) {
        timer.restart();
        outcome = fixCrop(fixed, photo, faces, cropSmall, background.rgb, wholeFile);
        if (outcome.ok()) {
            outcome.value().timings.cropNs += placedNs;
            return outcome;
        }
    }
    return outcome;
}

PhotoFixer::Outcome PhotoFixer::fixCrop(Fixed fixed, const DecodedPhoto &photo, const QList<QRect> &faces,
                                        const QRectF &cropSmall, QRgb fill,
                                        const std::function<QByteArray()> &wholeFile) const
{
    QElapsedTimer timer;
    timer.start();
    auto fail = [](ErrorCode code, const QString &message) { return Outcome(QList<PhotoFinding>{{code, message}}); };
    const QImage &small = photo.image;
    const QRectF face = faces.first();
    // Another face inside the crop (a smaller one, which the fix would otherwise keep): the photo must show only
    // the candidate, as the check says.
    for (qsizetype i = 1; i < faces.size(); ++i)
        if (cropSmall.intersects(QRectF(faces.at(i))))
            return fail(ErrorCode::PhotoFace, tr("%n faces were found; the photo must show only you.", nullptr,
                                                 int(faces.size())));
    const QRectF insideSmall = cropSmall.intersected(QRectF(QPointF(0, 0), QSizeF(small.size())));
    // In the upright, full-resolution photo.
    const QRectF crop(cropSmall.topLeft() / photo.scale, cropSmall.size() / photo.scale);
    const QRectF inside(insideSmall.topLeft() / photo.scale, insideSmall.size() / photo.scale);
    fixed.crop = crop;
    int outHeight = qMin(m_maxOutputHeight, int(crop.height()));
    if (photo.scale * crop.height() < outHeight && cropSmall.height() >= kGoodEnoughHeight)
        outHeight = int(cropSmall.height()); // sharp enough as decoded: no second pass over the file
    if (outHeight >= m_spec.minHeight * kMaxUpscale)
        outHeight = qMax(outHeight, m_spec.minHeight);
    if (outHeight < m_spec.minHeight)
        return fail(ErrorCode::PhotoDimensions,
                    tr("There are too few pixels around the face (%1 pixels high; at least %2 are needed). Use a "
                       "sharper or larger photo.").arg(int(crop.height())).arg(m_spec.minHeight));
    const double aspect = crop.width() / crop.height(); // the spec's middle ratio, or the photo's own when kept
    const QSize outSize(qRound(outHeight * aspect), outHeight);
    const double k = outSize.height() / crop.height(); // full resolution → output

    // The source pixels: the small decode when it is sharp enough, else the crop's region decoded again at the
    // scale the output needs (only its rows, at the coarsest DCT scale that suffices).
    QImage source = small;
    QRectF sourceCrop = cropSmall, sourceInside = insideSmall;
    if (photo.scale < k * 0.95) {
        const QRect region = inside.toAlignedRect();
        const QByteArray input = wholeFile(); // rare: the first decode was too coarse for this crop
        Result<QImage> detail = fixed.rotationApplied == 0 ? PhotoReader::readRegion(input, region, k)
                                                           : Result<QImage>(Error(ErrorCode::PhotoDecode));
        if (!detail) {
            // Turned by us (not by EXIF): decode the whole photo at the needed scale and turn it the same way.
            const int side = int(qMax(photo.uprightSize.width(), photo.uprightSize.height()) * k) + 1;
            Result<DecodedPhoto> whole = PhotoReader::read(input, QSize(side, side));
            if (!whole)
                return fail(whole.error().code, PhotoInspector::messageFor(whole.error()));
            const QImage turned = whole->image.transformed(QTransform().rotate(fixed.rotationApplied));
            const double ks = double(turned.height()) / photo.uprightSize.height();
            source = turned;
            sourceCrop = QRectF(crop.topLeft() * ks, crop.size() * ks);
            sourceInside = QRectF(inside.topLeft() * ks, inside.size() * ks);
        } else {
            source = detail.value();
            const double kx = double(source.width()) / region.width(), ky = double(source.height()) / region.height();
            sourceCrop = QRectF((crop.left() - region.left()) * kx, (crop.top() - region.top()) * ky, crop.width() * kx,
                                crop.height() * ky);
            sourceInside = QRectF((inside.left() - region.left()) * kx, (inside.top() - region.top()) * ky,
                                  inside.width() * kx, inside.height() * ky);
        }
    }

    const QImage out = cropped(source, sourceCrop, sourceInside, outSize, fill);
    fixed.timings.cropNs = timer.nsecsElapsed();
    const double ko = double(outSize.height()) / cropSmall.height();
    // This path serves photos without a trusted camera preview — often already cropped, where a second face or a
    // borderline placement matters: what it wrote is checked in full, the face searched for again.
    return finish(std::move(fixed), out, QRectF((face.topLeft() - cropSmall.topLeft()) * ko, face.size() * ko), true);
}

std::optional<PhotoFixer::Outcome> PhotoFixer::fixFromThumbnail(QIODevice *file, const PhotoHeader &header) const
{
    Fixed fixed;
    fixed.fromThumbnail = true;
    QElapsedTimer timer;
    timer.start();
    const FaceDetector &detector = FaceDetector::shared();
    if (!detector.isLoaded())
        return std::nullopt;
    Result<DecodedPhoto> preview = PhotoReader::read(header.exifThumbnail);
    if (!preview)
        return std::nullopt;
    QImage thumbnail = std::move(preview).value().image;
    if (header.exifRotation != 0)
        thumbnail = thumbnail.transformed(QTransform().rotate(header.exifRotation));
    const QSizeF photo = header.uprightSize;
    // A thumbnail of another shape shows another picture (an edited photo keeps the camera's old preview).
    if (qAbs(thumbnail.width() * photo.height() / (thumbnail.height() * photo.width()) - 1) > 0.03) {
        qCDebug(lcPhoto) << "thumbnail" << thumbnail.size() << "does not match the photo" << photo;
        return std::nullopt;
    }
    const QList<QRect> rough = detector.locate(thumbnail);
    if (rough.isEmpty() || (rough.size() > 1 && rough.at(1).width() * 2 > rough.at(0).width())) {
        qCDebug(lcPhoto) << "thumbnail faces:" << rough.size() << "- decoding the whole photo";
        return std::nullopt; // no face, or several: the whole photo decides (and turns a sideways one)
    }

    const double t = photo.width() / thumbnail.width();
    const QRectF guess(QPointF(rough.first().topLeft()) * t, QSizeF(rough.first().size()) * t);
    const HeadGeometry guessHead = HeadGeometry::fromFace(guess);
    const double guessHeight = guessHead.height() / m_spec.composition.head;
    const double guessWidth = guessHeight * (m_spec.aspectMin + m_spec.aspectMax) / 2;
    const QRectF guessCrop(guessHead.centreX() - guessWidth / 2, guessHead.top - m_spec.composition.topMargin * guessHeight,
                           guessWidth, guessHeight);
    // Room for the thumbnail's imprecision (a pixel of it is dozens of the photo's).
    // Across (a phone's stored rows, each read from the file) as little as that needs; up and down (columns, which
    // cost nothing to leave out) more.
    const QRect region = guessCrop.adjusted(-guessCrop.width() * 0.1, -guessCrop.height() * 0.15, guessCrop.width() * 0.1,
                                            guessCrop.height() * 0.15)
                             .intersected(QRectF(QPointF(0, 0), photo))
                             .toAlignedRect();
    // The scale the output needs, with room for a head larger than guessed.
    const double needed = qMin(1.0, 1.2 * m_maxOutputHeight / guessCrop.height());
    fixed.timings.detectNs = timer.nsecsElapsed();

    timer.restart();
    Result<RegionImage> decodedPart = PhotoReader::readRegion(file, header, region, needed);
    if (!decodedPart)
        return std::nullopt; // the whole photo's decode reports it
    RegionImage part = std::move(decodedPart).value();
    fixed.timings.decodeNs = timer.nsecsElapsed();
    const QImage &source = part.image;
    const QPointF origin = part.uprightRegion.topLeft();
    const double ks = double(source.width()) / part.uprightRegion.width(); // source pixels per photo pixel
    if (m_spec.colour && PhotoInspector::looksGrey(source))
        return std::nullopt;

    timer.restart();
    int evidence = 0;
    const QRect placed = detector.refine(source, QRectF((guess.topLeft() - origin) * ks, guess.size() * ks).toAlignedRect(),
                                         64, &evidence);
    fixed.timings.detectNs += timer.nsecsElapsed();
    if (placed.isEmpty()) {
        qCDebug(lcPhoto) << "no face where the thumbnail shows one - decoding the whole photo";
        return std::nullopt;
    }
    // Only a clear upright face is taken here; a weak one may be a face-like pattern in a turned photo, which the
    // whole photo's path (comparing every turn) decides.
    if (!FaceDetector::detectionIsClear(evidence)) {
        qCDebug(lcPhoto) << "face evidence" << evidence << "in the region - decoding the whole photo";
        return std::nullopt;
    }

    timer.restart();
    const QRectF face(QPointF(placed.topLeft()) / ks + origin, QSizeF(placed.size()) / ks);
    // Measured on a copy of at most kMeasureSide pixels: a pixel there is a third of a percent of the photo, ample
    // for the lines, and the region may be a thousand pixels high.
    const double km = qMin(1.0, double(kMeasureSide) / qMax(source.width(), source.height()));
    BackgroundSample background;
    const HeadGeometry head = measureHead(km < 1 ? source.scaled((QSizeF(source.size()) * km).toSize(),
                                                                 Qt::IgnoreAspectRatio, Qt::SmoothTransformation)
                                                 : source,
                                          QRectF(QPointF(placed.topLeft()) * km, QSizeF(placed.size()) * km), &background)
                                  .mapped(1.0 / (ks * km), origin * ks * km);
    const QRectF crop = head.topCut ? QRectF() : proposeCrop(photo, head, background.plain());
    if (crop.isEmpty() || m_inspector.background(background))
        return std::nullopt; // the whole photo's path says why, in its words
    for (qsizetype i = 1; i < rough.size(); ++i)
        if (crop.intersects(QRectF(QPointF(rough.at(i).topLeft()) * t, QSizeF(rough.at(i).size()) * t)))
            return std::nullopt; // another face in the crop: the whole photo's path decides
    const QRectF inside = crop.intersected(QRectF(QPointF(0, 0), photo));
    const int outHeight = std::min({m_maxOutputHeight, int(crop.height()), int(crop.height() * ks)});
    if (outHeight < m_spec.minHeight || !QRectF(part.uprightRegion).contains(inside))
        return std::nullopt;
    fixed.crop = crop;
    const double aspect = (m_spec.aspectMin + m_spec.aspectMax) / 2;
    const QSize outSize(qRound(outHeight * aspect), outHeight);
    const QImage out = cropped(source, QRectF((crop.topLeft() - origin) * ks, crop.size() * ks),
                               QRectF((inside.topLeft() - origin) * ks, inside.size() * ks), outSize, background.rgb);
    part.image = QImage(); // the region is done with: it need not outlive the encode and the re-check
    fixed.timings.cropNs = timer.nsecsElapsed();
    const double ko = outSize.height() / crop.height();
    return finish(std::move(fixed), out, QRectF((face.topLeft() - crop.topLeft()) * ko, face.size() * ko));
}

PhotoFixer::Outcome PhotoFixer::finish(Fixed fixed, const QImage &out, const QRectF &face, bool searchFaces) const
{
    QElapsedTimer timer;
    timer.start();
    Result<QByteArray> jpeg = encode(out, &fixed.quality);
    fixed.timings.encodeNs = timer.nsecsElapsed();
    if (!jpeg)
        return QList<PhotoFinding>{{ErrorCode::PhotoBytes, tr("The photo cannot be saved within the allowed file size.")}};
    fixed.jpeg = std::move(jpeg).value();
    const Result<QSize> written = PhotoReader::headerSize(fixed.jpeg);
    fixed.size = written ? written.value() : out.size();

    timer.restart();
    // The written file checked again from its bytes: format, bytes, dimensions, colour, and the head measured again
    // — around the face where it was placed (in the written file's pixels: encode may have enlarged the picture), or,
    // with `searchFaces`, with the face searched for again as ncre-photo check does.
    const double k = double(fixed.size.height()) / out.height();
    const Inspection check = searchFaces ? m_inspector.inspect(fixed.jpeg)
                                         : m_inspector.inspect(fixed.jpeg, QRectF(face.topLeft() * k, face.size() * k));
    fixed.timings.verifyNs = timer.nsecsElapsed();
    if (!check.ok())
        return check.findings;
    return fixed;
}

} // namespace ncre
