#pragma once

#include <QPixmap>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

// What a phone would read from a QR code on screen: the pixmap decoded by zbarimg (zbar-tools), a reader
// independent of the libqrencode that drew it. Empty when it cannot be read (or zbarimg is missing).
inline QString readQrCode(const QPixmap &code)
{
    QTemporaryDir dir;
    const QString file = dir.filePath(QStringLiteral("qr.png"));
    if (!code.save(file))
        return {};
    QProcess zbar;
    zbar.start(QStringLiteral("zbarimg"), {QStringLiteral("--raw"), QStringLiteral("-q"), file});
    if (!zbar.waitForFinished(30000))
        return {};
    return QString::fromUtf8(zbar.readAllStandardOutput()).trimmed();
}
