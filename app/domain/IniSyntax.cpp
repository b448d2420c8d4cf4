#include "IniSyntax.h"

#include <QList>
#include <QSet>

namespace ncre::IniSyntax {

namespace {

// Windows Notepad starts a UTF-8 file with a byte order mark.
QList<QByteArray> linesOf(const QByteArray &text)
{
    return (text.startsWith("\xEF\xBB\xBF") ? text.mid(3) : text).split('\n');
}

} // namespace

int firstMalformedLine(const QByteArray &text)
{
    const QList<QByteArray> lines = linesOf(text);
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

QString firstDuplicateKey(const QByteArray &text)
{
    QByteArray group = "General";
    QSet<QByteArray> seen;
    for (const QByteArray &raw : linesOf(text)) {
        const QByteArray line = raw.trimmed();
        if (line.startsWith('[') && line.endsWith(']')) {
            group = line.mid(1, line.size() - 2).trimmed();
            continue;
        }
        if (line.isEmpty() || line.startsWith(';') || line.startsWith('#') || !line.contains('='))
            continue;
        const QByteArray key = group + '/' + line.left(line.indexOf('=')).trimmed();
        if (seen.contains(key))
            return QString::fromUtf8(key);
        seen.insert(key);
    }
    return {};
}

} // namespace ncre::IniSyntax
