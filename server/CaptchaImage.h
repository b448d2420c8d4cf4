#pragma once

#include <QByteArray>
#include <QString>

namespace ncre::server {

// A captcha: an answer of easily told-apart characters and its picture as PNG.
namespace CaptchaImage {
QString randomAnswer(int length = 4);
QByteArray renderPng(const QString &answer);
} // namespace CaptchaImage

} // namespace ncre::server
