#include "SiteListModel.h"

namespace ncre {

SiteListModel::SiteListModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

void SiteListModel::setSites(const QList<Site> &sites)
{
    beginResetModel();
    m_sites = sites;
    endResetModel();
}

const Site *SiteListModel::site(const QModelIndex &index) const
{
    if (!index.isValid() || index.model() != this || index.row() >= m_sites.size())
        return nullptr;
    return &m_sites.at(index.row());
}

QModelIndex SiteListModel::indexOf(const QString &siteId) const
{
    for (int i = 0; i < m_sites.size(); ++i)
        if (m_sites.at(i).id == siteId)
            return index(i);
    return {};
}

int SiteListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_sites.size());
}

QVariant SiteListModel::data(const QModelIndex &index, int role) const
{
    const Site *s = site(index);
    if (!s)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return s->district.isEmpty() ? s->name : QStringLiteral("%1（%2）").arg(s->name, s->district);
    case Qt::ToolTipRole:
    case AddressRole:
        return s->address;
    case SiteIdRole:
        return s->id;
    case ReviewRequiredRole:
        return s->reviewRequired;
    case SearchTextRole:
        return QStringList{s->name, s->district, s->address, s->id}.join(QLatin1Char(' '));
    default:
        return {};
    }
}

QHash<int, QByteArray> SiteListModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(SiteIdRole, "siteId");
    names.insert(ReviewRequiredRole, "reviewRequired");
    names.insert(AddressRole, "address");
    names.insert(SearchTextRole, "searchText");
    return names;
}

} // namespace ncre
