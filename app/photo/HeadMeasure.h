#pragma once

#include "ColourDifference.h"

#include <QImage>
#include <QList>
#include <QRectF>

namespace ncre {

// The background behind the head, sampled above it and beside it (where NCRE photos show only the wall).
struct BackgroundSample
{
    int samples = 0;
    Lab colour;                // the samples' median, channel by channel
    QRgb rgb = 0;              // the same in sRGB, for messages and for extending the background
    double plainFraction = 0;  // of the samples within kPlainDeltaE (ΔE76) of the median

    static constexpr double kPlainDeltaE = 10.0;
    // Plain enough to measure against and to judge its colour: most samples are the same colour.
    bool plain() const { return samples >= 50 && plainFraction >= 0.6; }
};

// Where the head is in an upright photo, in the photo's full-resolution pixels: the top of the hair and the chin
// measured against the plain background and the light-to-dark edge under the chin, with the detected face box only as the
// starting point; each line with how far off it may be. A line that could not be measured (a busy background, no
// edge under the chin) falls back to the face box's typical proportions with their wider uncertainty.
struct HeadGeometry
{
    double top = 0;   // top of the hair
    double chin = 0;
    double left = 0;  // the head's sides (hair included) at the level of the temples
    double right = 0;
    double centre = 0; // the middle of the face, across: what "centred" is judged by
    double topError = 0;  // ± pixels
    double chinError = 0; // ± pixels
    bool topMeasured = false;
    bool chinMeasured = false;
    bool sidesMeasured = false;
    bool topCut = false; // the hair reaches the photo's top edge: the head is cut off

    // The proportions of a frontal face box (OpenCV's haarcascade_frontalface_alt2 spans brows to mouth): hair
    // above it, chin below it, as fractions of its height, and how far real heads stray from them.
    static constexpr double kHairAbove = 0.55;
    static constexpr double kChinBelow = 0.25;
    static constexpr double kPriorError = 0.12;

    // The estimate from the face box alone.
    static HeadGeometry fromFace(const QRectF &face);
    double height() const { return chin - top; }
    double centreX() const { return centre; }
    // The same head in pixels `k` times as fine (k = 0.5: half the resolution), shifted by `offset` first.
    HeadGeometry mapped(double k, QPointF offset = {}) const;
};

// Measures the head around `face` (a detected face box in `image`'s pixels) in `image` (upright; any scale). The
// geometry is returned in `image`'s pixels; the background sample, when asked for, too.
HeadGeometry measureHead(const QImage &image, const QRectF &face, BackgroundSample *background = nullptr);

// The background of `image` around a head whose face box is `face` (both in `image`'s pixels).
BackgroundSample sampleBackground(const QImage &image, const QRectF &face);
// The same over the given regions of `image` (e.g. the band above the hair that a fix would extend).
BackgroundSample sampleBackgroundIn(const QImage &image, const QList<QRect> &regions);

} // namespace ncre
