#pragma once

#include <QByteArray>
#include <QString>

namespace ncre::IniSyntax {

// The 1-based number of the first line of an INI file that QSettings would silently skip — neither blank, nor a
// comment (; or #), nor a [group], nor key=value (e.g. "maxConnections 5") — or 0 when there is none. The server's
// and the kiosk's configurations refuse such files: a setting that looks set but is not is a typo nobody sees.
int firstMalformedLine(const QByteArray &text);
// The first key set twice in one group ("kiosk/server"), or empty: QSettings keeps one of them in silence.
QString firstDuplicateKey(const QByteArray &text);

} // namespace ncre::IniSyntax
