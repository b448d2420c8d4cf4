#pragma once

#include <QColor>
#include <QRgb>

namespace ncre {

// CIELAB (D65 white, from sRGB as IEC 61966-2-1 defines it) and the CIEDE2000 colour difference (CIE 142-2001;
// implemented as Sharma, Wu and Dalal, "The CIEDE2000 color-difference formula", 2005, whose test data
// TestColourDifference checks). ΔE00 ≈ 1 is a just-noticeable difference; lightness differences count less the
// lighter the colours are, which suits a white wall photographed as light grey.
struct Lab
{
    double L = 0; // 0-100
    double a = 0;
    double b = 0;

    static Lab fromRgb(QRgb rgb);
    static Lab fromHex(const QString &hex); // "#RRGGBB"
};

double deltaE76(const Lab &x, const Lab &y);
// `kL` is CIEDE2000's parametric lightness factor (1 for the reference conditions; 2 counts lightness half, as
// textile practice does, for a wall whose lightness depends on the lighting while its hue does not).
double deltaE2000(const Lab &x, const Lab &y, double kL = 1.0);

} // namespace ncre
