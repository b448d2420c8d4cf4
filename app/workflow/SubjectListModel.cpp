#include "SubjectListModel.h"

#include "DateText.h"

#include <QLocale>

namespace ncre {

SubjectListModel::SubjectListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

QString SubjectListModel::yuan(qint64 fen)
{
    return tr("¥%1").arg(QLocale().toString(double(fen) / 100.0, 'f', 2));
}

void SubjectListModel::setSubjects(const QList<Subject> &subjects, const QStringList &chosen)
{
    beginResetModel();
    m_subjects = subjects;
    m_chosen.clear();
    m_alreadyMine.clear();
    for (const Subject &s : subjects) {
        if (chosen.contains(s.id)) {
            m_chosen.insert(s.id);
            m_alreadyMine.insert(s.id);
        }
    }
    endResetModel();
    emit chosenChanged();
}

QStringList SubjectListModel::chosen() const
{
    QStringList out;
    for (const Subject &s : m_subjects)
        if (m_chosen.contains(s.id))
            out << s.id;
    return out;
}

qint64 SubjectListModel::totalFeeFen() const
{
    qint64 total = 0;
    for (const Subject &s : m_subjects)
        if (m_chosen.contains(s.id))
            total += s.feeFen;
    return total;
}

QStringList SubjectListModel::fullSubjects() const
{
    QStringList out;
    for (const Subject &s : m_subjects)
        if (s.seatsLeft <= 0 && !m_alreadyMine.contains(s.id))
            out << s.id;
    return out;
}

int SubjectListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_subjects.size());
}

int SubjectListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant SubjectListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Subject &s = m_subjects.at(index.row());
    if (role == SubjectIdRole)
        return s.id;
    if (role == FeeFenRole)
        return s.feeFen;
    if (role == SeatsLeftRole)
        return s.seatsLeft;
    switch (index.column()) {
    case NameColumn:
        if (role == Qt::DisplayRole)
            return QStringLiteral("%1 %2").arg(s.id, s.name);
        if (role == Qt::CheckStateRole)
            return m_chosen.contains(s.id) ? Qt::Checked : Qt::Unchecked;
        break;
    case FeeColumn:
        if (role == Qt::DisplayRole)
            return yuan(s.feeFen);
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    case TimeColumn:
        if (role == Qt::DisplayRole)
            return dateTimeText(s.examTime);
        break;
    case SeatsColumn:
        if (role == Qt::DisplayRole)
            return s.seatsLeft > 0 ? QString::number(s.seatsLeft) : tr("Full");
        if (role == Qt::TextAlignmentRole)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

Qt::ItemFlags SubjectListModel::flags(const QModelIndex &index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return Qt::NoItemFlags;
    const Subject &s = m_subjects.at(index.row());
    const bool available = s.seatsLeft > 0 || m_alreadyMine.contains(s.id);
    Qt::ItemFlags f = available ? Qt::ItemIsEnabled | Qt::ItemIsSelectable : Qt::ItemIsSelectable;
    if (index.column() == NameColumn && available)
        f |= Qt::ItemIsUserCheckable;
    return f;
}

bool SubjectListModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != NameColumn
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)
        || !(flags(index) & Qt::ItemIsUserCheckable))
        return false;
    const QString id = m_subjects.at(index.row()).id;
    const bool tick = value.toInt() == Qt::Checked;
    if (tick == m_chosen.contains(id))
        return true;
    if (tick && m_chosen.size() >= m_limit) {
        emit limitReached(m_limit);
        return false;
    }
    if (tick)
        m_chosen.insert(id);
    else
        m_chosen.remove(id);
    emit dataChanged(index, index, {Qt::CheckStateRole});
    emit chosenChanged();
    return true;
}

QVariant SubjectListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case NameColumn: return tr("Subject");
    case FeeColumn: return tr("Fee");
    case TimeColumn: return tr("Exam time");
    case SeatsColumn: return tr("Seats left");
    default: return {};
    }
}

} // namespace ncre
