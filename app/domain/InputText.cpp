#include "InputText.h"

#include <QList>
#include <QStringView>

namespace ncre::InputText {

namespace {

bool isSpace(char32_t c)
{
    return QChar::isSpace(c) || c == 0x3000;
}

} // namespace

QString clean(const QString &text)
{
    QString out;
    out.reserve(text.size());
    const QList<uint> points = text.toUcs4();
    for (const uint c : points) {
        if (QChar::category(c) == QChar::Other_Format)
            continue;
        if (QChar::requiresSurrogates(c)) {
            out.append(QChar(QChar::highSurrogate(c)));
            out.append(QChar(QChar::lowSurrogate(c)));
        } else {
            out.append(QChar(char16_t(c)));
        }
    }
    qsizetype begin = 0, end = out.size();
    while (begin < end && isSpace(out.at(begin).unicode()))
        ++begin;
    while (end > begin && isSpace(out.at(end - 1).unicode()))
        --end;
    return out.mid(begin, end - begin);
}

QString numberLike(const QString &text)
{
    return clean(text.normalized(QString::NormalizationForm_KC));
}

QString freeText(const QString &text)
{
    QString out = clean(text).normalized(QString::NormalizationForm_C);
    static constexpr char16_t kDots[] = {0x30FB, 0xFF65, 0x2022, 0x2027, 0x2219, 0x22C5, 0x0387, 0x2E31};
    for (QChar &c : out)
        for (const char16_t d : kDots)
            if (c.unicode() == d)
                c = QChar(0x00B7);
    return out;
}

int length(const QString &text)
{
    int n = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++n;
    }
    return n;
}

bool isPrintable(const QString &text)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text.at(i).unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text.at(i), text.at(i + 1));
            ++i;
        }
        if (c == 0xFFFD)
            return false; // the replacement character: text garbled on its way (a lone surrogate becomes one)
        switch (QChar::category(c)) {
        case QChar::Other_Control:
        case QChar::Other_Format:
        case QChar::Other_Surrogate: // a lone half of a pair
        case QChar::Other_NotAssigned:
            return false;
        default:
            break;
        }
    }
    return true;
}

} // namespace ncre::InputText
