#pragma once

#include <QList>
#include <QString>

namespace ncre {

// One entry of a closed list the form offers (民族, 文化程度, 职业): a stable wire code and its names.
// The names are data, not tr() strings: ethnic group names are proper names shown in both languages.
struct Choice
{
    QString code;
    QString nameZh;
    QString nameEn;
};

// The closed lists of the basic-information form.
namespace ChoiceList {

// The 56 ethnic groups officially recognised, with their GB 3304 codes ("01" 汉族 ... "56" 基诺族).
const QList<Choice> &ethnicities();
// Education levels (文化程度).
const QList<Choice> &educationLevels();
// Occupations (职业).
const QList<Choice> &occupations();

// The entry of `list` with `code`, or nullptr.
const Choice *find(const QList<Choice> &list, const QString &code);

} // namespace ChoiceList

} // namespace ncre
