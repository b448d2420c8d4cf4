#pragma once

#include <QBuffer>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

#include "photo/PhotoFixtureSet.h"

// JPEGs made on the fly for server tests. The synthetic portraits exercise the quick checks (format, bytes, pixels,
// aspect, colour); a compliant upload needs a real face.
namespace PhotoFixtures {

inline QByteArray encode(const QImage &image, int quality = 90)
{
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "JPEG", quality);
    return bytes;
}

// A colour portrait of 330 × 480 with enough texture to weigh 20-200 KB as JPEG.
inline QImage portrait(bool grey = false, QSize size = QSize(330, 480))
{
    QImage image(size, QImage::Format_RGB32);
    QRandomGenerator rng(42);
    for (int y = 0; y < image.height(); ++y) {
        auto *line = reinterpret_cast<QRgb *>(image.scanLine(y));
        for (int x = 0; x < image.width(); ++x) {
            const int n = int(rng.bounded(60));
            const int r = 120 + n + (x * 60) / image.width();
            const int g = 150 + n / 2;
            const int b = 200 - n;
            line[x] = grey ? qRgb((r + g + b) / 3, (r + g + b) / 3, (r + g + b) / 3) : qRgb(r, g, qBound(0, b, 255));
        }
    }
    QPainter p(&image);
    p.setBrush(grey ? QColor(90, 90, 90) : QColor(200, 160, 130));
    p.drawEllipse(QRect(size.width() / 4, size.height() / 10, size.width() / 2, size.height() / 2));
    return image;
}

// A compliant photo with a real face (the astronaut of tests/photo/PhotoFixtureSet.h), as the server's face and
// composition checks need.
inline QByteArray compliantJpeg()
{
    return PhotoFixtureSet::jpeg(PhotoFixtureSet::compliantImage(), 90);
}

} // namespace PhotoFixtures
