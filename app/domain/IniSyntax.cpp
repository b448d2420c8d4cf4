#include "IniSyntax.h"

#include <QList>

namespace ncre::IniSyntax {

int firstMalformedLine(const QByteArray &text)
{
    const QList<QByteArray> lines = text.split('\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        if (line.isEmpty() || line.startsWith(';') || line.startsWith('#') || line.contains('='))
            continue;
        if (line.startsWith('[') && line.endsWith(']'))
            continue;
        return int(i + 1);
    }
    return 0;
}

} // namespace ncre::IniSyntax
