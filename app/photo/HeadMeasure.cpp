#include "HeadMeasure.h"

#include "PhotoLogging.h"

#include <QList>

#include <algorithm>
#include <cmath>
#include <vector>

namespace ncre {

namespace {

// A pixel differs from the background when it is this far (ΔE76) or further from it: hair, skin and clothes are
// 20 or more away from a plain wall; JPEG noise and uneven light on the wall stay under it.
constexpr double kHairDeltaE = 14.0;

double median(std::vector<double> &v)
{
    if (v.empty())
        return 0;
    const auto mid = v.begin() + qsizetype(v.size() / 2);
    std::nth_element(v.begin(), mid, v.end());
    return *mid;
}

QRgb pixelAt(const QImage &image, int x, int y)
{
    return reinterpret_cast<const QRgb *>(image.constScanLine(y))[x];
}

double luma(QRgb p)
{
    return 0.299 * qRed(p) + 0.587 * qGreen(p) + 0.114 * qBlue(p);
}

} // namespace

HeadGeometry HeadGeometry::fromFace(const QRectF &face)
{
    HeadGeometry h;
    h.top = face.top() - kHairAbove * face.height();
    h.chin = face.bottom() + kChinBelow * face.height();
    h.left = face.left() - 0.1 * face.width();
    h.right = face.right() + 0.1 * face.width();
    h.centre = face.center().x();
    h.topError = h.chinError = kPriorError * face.height();
    return h;
}

HeadGeometry HeadGeometry::mapped(double k, QPointF offset) const
{
    HeadGeometry h = *this;
    h.top = (top + offset.y()) * k;
    h.chin = (chin + offset.y()) * k;
    h.left = (left + offset.x()) * k;
    h.right = (right + offset.x()) * k;
    h.centre = (centre + offset.x()) * k;
    h.topError = topError * k;
    h.chinError = chinError * k;
    return h;
}

BackgroundSample sampleBackground(const QImage &source, const QRectF &face)
{
    if (source.isNull() || face.isEmpty())
        return {};
    const double fh = face.height();
    // The photo's border above the shoulders: a strip along the top edge and one down each side to just below the
    // eyes. In an ID photo that is wall, even in a tight frame; hair touching the border is outvoted by the median.
    const int W = source.width(), H = source.height();
    const int strip = qMax(2, qMin(W, H) / 25);
    const int down = qBound(strip, int(face.top() + 0.3 * fh), H);
    return sampleBackgroundIn(source, {QRect(0, 0, W, strip), QRect(0, strip, strip, down - strip),
                                       QRect(W - strip, strip, strip, down - strip)});
}

BackgroundSample sampleBackgroundIn(const QImage &source, const QList<QRect> &regions)
{
    const QImage image = source.format() == QImage::Format_RGB32 || source.format() == QImage::Format_ARGB32
        ? source
        : source.convertToFormat(QImage::Format_RGB32);
    BackgroundSample out;
    if (image.isNull())
        return out;
    qint64 area = 0;
    for (const QRect &r : regions)
        area += qint64(r.intersected(image.rect()).width()) * r.intersected(image.rect()).height();
    if (area == 0)
        return out;
    const int step = qMax(1, int(std::sqrt(double(area) / 4000.0)));
    // Edge pixels are sampled too: the strips are thin, and a JPEG's edge blocks are as good as any.
    std::vector<Lab> samples;
    for (const QRect &region : regions) {
        const QRect r = region.intersected(image.rect());
        for (int y = r.top(); y <= r.bottom(); y += step)
            for (int x = r.left(); x <= r.right(); x += step)
                samples.push_back(Lab::fromRgb(pixelAt(image, x, y)));
    }
    out.samples = int(samples.size());
    if (samples.empty())
        return out;
    std::vector<double> channel(samples.size());
    std::transform(samples.begin(), samples.end(), channel.begin(), [](const Lab &c) { return c.L; });
    out.colour.L = median(channel);
    std::transform(samples.begin(), samples.end(), channel.begin(), [](const Lab &c) { return c.a; });
    out.colour.a = median(channel);
    std::transform(samples.begin(), samples.end(), channel.begin(), [](const Lab &c) { return c.b; });
    out.colour.b = median(channel);
    const auto near = std::count_if(samples.begin(), samples.end(), [&out](const Lab &c) {
        return deltaE76(c, out.colour) < BackgroundSample::kPlainDeltaE;
    });
    out.plainFraction = double(near) / double(samples.size());
    // The sRGB colour nearest the median: the median of the same channel order in RGB is close enough.
    std::vector<double> r, g, b;
    for (const QRect &region : regions) {
        const QRect rr = region.intersected(image.rect());
        for (int y = rr.top(); y <= rr.bottom(); y += step)
            for (int x = rr.left(); x <= rr.right(); x += step) {
                const QRgb p = pixelAt(image, x, y);
                r.push_back(qRed(p));
                g.push_back(qGreen(p));
                b.push_back(qBlue(p));
            }
    }
    out.rgb = qRgb(int(median(r)), int(median(g)), int(median(b)));
    return out;
}

HeadGeometry measureHead(const QImage &source, const QRectF &face, BackgroundSample *backgroundOut)
{
    HeadGeometry head = HeadGeometry::fromFace(face);
    const QImage image = source.format() == QImage::Format_RGB32 || source.format() == QImage::Format_ARGB32
        ? source
        : source.convertToFormat(QImage::Format_RGB32);
    if (image.isNull() || face.isEmpty())
        return head;
    const double fw = face.width(), fh = face.height();
    const double cx = face.center().x();
    const BackgroundSample background = sampleBackground(image, face);
    if (backgroundOut)
        *backgroundOut = background;
    head.centre = cx;

    // The top of the hair: in each column over the middle of the head, going up from the forehead, where the wall
    // begins (a run of background pixels); the crown is the highest of those outlines, taken as a low percentile
    // so that one stray column does not decide.
    if (background.plain()) {
        const int x0 = qMax(0, int(cx - 0.35 * fw)), x1 = qMin(image.width(), int(cx + 0.35 * fw) + 1);
        const int start = qBound(0, int(face.top()), image.height() - 1);
        const int run = qMax(2, int(0.02 * fh));
        std::vector<double> tops;
        int cut = 0;
        for (int x = x0; x < x1; ++x) {
            int wall = 0, y = start;
            for (; y >= 0; --y) {
                if (deltaE76(Lab::fromRgb(pixelAt(image, x, y)), background.colour) <= kHairDeltaE) {
                    if (++wall == run)
                        break;
                } else {
                    wall = 0;
                }
            }
            if (y < 0) {
                ++cut; // hair (or forehead) up to the photo's top edge in this column
                tops.push_back(0);
            } else {
                tops.push_back(y + run); // the first row of hair below the wall's run
            }
        }
        if (!tops.empty()) {
            std::sort(tops.begin(), tops.end());
            head.top = tops[tops.size() / 20];
            head.topCut = cut * 20 > int(tops.size()); // more than 5 % of the columns reach the edge
            head.topMeasured = true;
            head.topError = 1.5; // a pixel either side of the edge, and the edge's own blur
        }
    }

    // The chin: going down a narrow band in the middle from just under the face box (below the mouth), the first
    // strong fall from light to dark: the chin's lit underside meeting the shadow under the jaw (the collar below
    // it falls further, but comes later). Strong: at least half the band's largest fall.
    {
        const int x0 = qMax(0, int(cx - 0.15 * fw)), x1 = qMin(image.width(), int(cx + 0.15 * fw) + 1);
        const int y0 = qMax(0, int(face.bottom() - 0.05 * fh)), y1 = qMin(image.height(), int(face.bottom() + 0.6 * fh));
        if (x1 > x0 && y1 - y0 > 8) {
            std::vector<double> row(size_t(y1 - y0));
            for (int y = y0; y < y1; ++y) {
                double sum = 0;
                for (int x = x0; x < x1; ++x)
                    sum += luma(pixelAt(image, x, y));
                row[size_t(y - y0)] = sum / (x1 - x0);
            }
            const int reach = qMax(1, int(fh * 0.02)); // the gradient's reach: a few pixels at any scale
            std::vector<double> drop(row.size(), 0.0);
            double largest = 0;
            for (int i = reach; i + reach < int(row.size()); ++i) {
                drop[size_t(i)] = row[size_t(i) - size_t(reach)] - row[size_t(i) + size_t(reach)];
                largest = qMax(largest, drop[size_t(i)]);
            }
            const double strong = qMax(20.0, 0.5 * largest); // in 0-255 luma
            for (int i = reach; i + reach < int(row.size()); ++i) {
                if (drop[size_t(i)] < strong)
                    continue;
                // The steepest point of this fall.
                int peak = i;
                while (peak + 1 + reach < int(row.size()) && drop[size_t(peak) + 1] >= drop[size_t(peak)])
                    ++peak;
                head.chin = y0 + peak + 0.5;
                head.chinMeasured = true;
                // The shadow under the chin: where the outline ends within it cannot be told from the front, so
                // its width (to where the light returns halfway) widens the uncertainty, by up to a tenth of the
                // face.
                const int limit = qMin(int(row.size()), peak + int(0.15 * fh) + 1);
                const auto darkest = std::min_element(row.begin() + peak, row.begin() + qMin(limit, peak + 3 * reach + 1));
                const double halfway = (row[size_t(qMax(0, peak - reach))] + *darkest) / 2;
                int end = int(darkest - row.begin());
                while (end + 1 < limit && row[size_t(end)] < halfway)
                    ++end;
                head.chinError = reach + 1.0 + qMin(0.1 * fh, double(end - peak));
                break;
            }
        }
    }

    // The sides, at the temples (between the top of the face box and the eyes): going out from the middle, the
    // first run of background. The median over those rows.
    if (background.plain()) {
        std::vector<double> lefts, rights;
        const int r0 = qMax(0, int(face.top())), r1 = qMin(image.height(), int(face.top() + 0.35 * fh));
        for (int y = r0; y < r1; ++y) {
            const int needed = qMax(3, int(0.08 * fw)); // a run of wall, not a light strand of hair
            auto edge = [&](int dir) {
                int run = 0;
                for (int x = int(cx); x >= 0 && x < image.width(); x += dir) {
                    if (deltaE76(Lab::fromRgb(pixelAt(image, x, y)), background.colour) <= kHairDeltaE) {
                        if (++run == needed)
                            return double(x - dir * (needed - 1));
                    } else {
                        run = 0;
                    }
                }
                return dir < 0 ? 0.0 : double(image.width());
            };
            lefts.push_back(edge(-1));
            rights.push_back(edge(+1));
        }
        if (!lefts.empty()) {
            head.left = median(lefts);
            head.right = median(rights);
            head.sidesMeasured = true;
        }
    }
    qCDebug(lcPhoto) << "head in" << image.size() << "face" << face << "top" << head.top << (head.topMeasured ? "measured" : "estimated")
                     << "chin" << head.chin << "±" << head.chinError << (head.chinMeasured ? "measured" : "estimated") << "sides" << head.left
                     << head.right << "background L a b" << background.colour.L << background.colour.a
                     << background.colour.b << "plain" << background.plainFraction << "of" << background.samples;
    return head;
}

} // namespace ncre
