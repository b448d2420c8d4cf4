#pragma once

#include <QByteArray>
#include <QString>

namespace ncre::server::CaptchaImage {
QString randomAnswer(int length = 4);
QByteArray renderPng(const QString &answer);
} // namespace ncre::server
