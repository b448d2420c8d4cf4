#pragma once

#include <QImage>
#include <QString>

namespace ncre {

// A QR code (ISO/IEC 18004) of `text`, encoded by libqrencode at error-correction level M, as a black-on-white
// image with `moduleSize` pixels per module and the standard four-module quiet zone. Null when the text does not
// fit a QR code (more than about 2,300 bytes at level M).
QImage qrCodeImage(const QString &text, int moduleSize = 4);

} // namespace ncre
