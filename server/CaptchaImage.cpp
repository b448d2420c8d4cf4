#include "CaptchaImage.h"

#include <QBuffer>
#include <QFont>
#include <QImage>
#include <QPainter>
#include <QRandomGenerator>

namespace ncre::server::CaptchaImage {

QString randomAnswer(int length)
{
    // No 0/O, 1/I/L: candidates should fail a captcha only when they mistype it.
    static const QString alphabet = QStringLiteral("ABCDEFGHJKMNPQRSTUVWXYZ23456789");
    QString answer;
    for (int i = 0; i < length; ++i)
        answer.append(alphabet.at(QRandomGenerator::system()->bounded(alphabet.size())));
    return answer;
}

QByteArray renderPng(const QString &answer)
{
    QImage image(120, 40, QImage::Format_RGB32);
    image.fill(QColor(0xF4, 0xF6, 0xF8));
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    auto *rng = QRandomGenerator::global();
    for (int i = 0; i < 6; ++i) {
        p.setPen(QPen(QColor::fromHsv(rng->bounded(360), 80, 180), 1));
        p.drawLine(rng->bounded(120), rng->bounded(40), rng->bounded(120), rng->bounded(40));
    }
    QFont font(QStringLiteral("DejaVu Sans Mono"));
    font.setPixelSize(24);
    font.setBold(true);
    p.setFont(font);
    for (qsizetype i = 0; i < answer.size(); ++i) {
        p.save();
        p.translate(14 + i * 26, 30);
        p.rotate(rng->bounded(-15, 16));
        p.setPen(QColor::fromHsv(rng->bounded(360), 200, 110));
        p.drawText(0, 0, answer.mid(i, 1));
        p.restore();
    }
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

} // namespace ncre::server::CaptchaImage
