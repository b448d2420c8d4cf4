#include "ColourDifference.h"

#include <array>
#include <cmath>

namespace ncre {

namespace {

constexpr double kPi = 3.14159265358979323846;

// sRGB component (0-255) to linear light, through a table: every pixel of a sample goes through here.
const std::array<double, 256> &linearTable()
{
    static const std::array<double, 256> table = [] {
        std::array<double, 256> t{};
        for (int i = 0; i < 256; ++i) {
            const double c = i / 255.0;
            t[size_t(i)] = c <= 0.04045 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
        }
        return t;
    }();
    return table;
}

double labF(double t)
{
    constexpr double e = 216.0 / 24389.0, k = 24389.0 / 27.0;
    return t > e ? std::cbrt(t) : (k * t + 16.0) / 116.0;
}

double degrees(double radians)
{
    return radians * 180.0 / kPi;
}

double radians(double degrees)
{
    return degrees * kPi / 180.0;
}

} // namespace

Lab Lab::fromRgb(QRgb rgb)
{
    const auto &lin = linearTable();
    const double r = lin[size_t(qRed(rgb))], g = lin[size_t(qGreen(rgb))], b = lin[size_t(qBlue(rgb))];
    // sRGB → XYZ (D65), normalised by the D65 white.
    const double x = (0.4124564 * r + 0.3575761 * g + 0.1804375 * b) / 0.95047;
    const double y = 0.2126729 * r + 0.7151522 * g + 0.0721750 * b;
    const double z = (0.0193339 * r + 0.1191920 * g + 0.9503041 * b) / 1.08883;
    const double fx = labF(x), fy = labF(y), fz = labF(z);
    return {116.0 * fy - 16.0, 500.0 * (fx - fy), 200.0 * (fy - fz)};
}

Lab Lab::fromHex(const QString &hex)
{
    return fromRgb(QColor(hex).rgb());
}

double deltaE76(const Lab &x, const Lab &y)
{
    return std::hypot(x.L - y.L, x.a - y.a, x.b - y.b);
}

double deltaE2000(const Lab &x, const Lab &y, double kL)
{
    const double c1 = std::hypot(x.a, x.b), c2 = std::hypot(y.a, y.b);
    const double cBar = (c1 + c2) / 2;
    const double c7 = std::pow(cBar, 7);
    const double g = 0.5 * (1 - std::sqrt(c7 / (c7 + std::pow(25.0, 7))));
    const double a1 = (1 + g) * x.a, a2 = (1 + g) * y.a;
    const double cp1 = std::hypot(a1, x.b), cp2 = std::hypot(a2, y.b);
    auto hue = [](double b, double a) {
        if (a == 0 && b == 0)
            return 0.0;
        const double h = degrees(std::atan2(b, a));
        return h < 0 ? h + 360 : h;
    };
    const double hp1 = hue(x.b, a1), hp2 = hue(y.b, a2);

    const double dL = y.L - x.L;
    const double dC = cp2 - cp1;
    double dh = 0;
    if (cp1 * cp2 != 0) {
        dh = hp2 - hp1;
        if (dh > 180)
            dh -= 360;
        else if (dh < -180)
            dh += 360;
    }
    const double dH = 2 * std::sqrt(cp1 * cp2) * std::sin(radians(dh / 2));

    const double lBar = (x.L + y.L) / 2;
    const double cpBar = (cp1 + cp2) / 2;
    double hBar = hp1 + hp2;
    if (cp1 * cp2 != 0) {
        if (std::abs(hp1 - hp2) <= 180)
            hBar /= 2;
        else
            hBar = hp1 + hp2 < 360 ? (hBar + 360) / 2 : (hBar - 360) / 2;
    }
    const double t = 1 - 0.17 * std::cos(radians(hBar - 30)) + 0.24 * std::cos(radians(2 * hBar))
        + 0.32 * std::cos(radians(3 * hBar + 6)) - 0.20 * std::cos(radians(4 * hBar - 63));
    const double dTheta = 30 * std::exp(-std::pow((hBar - 275) / 25, 2));
    const double cp7 = std::pow(cpBar, 7);
    const double rc = 2 * std::sqrt(cp7 / (cp7 + std::pow(25.0, 7)));
    const double l50 = (lBar - 50) * (lBar - 50);
    const double sl = 1 + 0.015 * l50 / std::sqrt(20 + l50);
    const double sc = 1 + 0.045 * cpBar;
    const double sh = 1 + 0.015 * cpBar * t;
    const double rt = -std::sin(radians(2 * dTheta)) * rc;
    const double l = dL / (kL * sl), c = dC / sc, h = dH / sh;
    return std::sqrt(l * l + c * c + h * h + rt * c * h);
}

} // namespace ncre
