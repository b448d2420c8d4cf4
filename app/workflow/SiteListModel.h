#pragma once

#include "Site.h"

#include <QAbstractListModel>

namespace ncre {

// The exam's test sites for the site picker: name with district, the address as a second line, whether the site
// reviews registrations. Filter it with a QSortFilterProxyModel on SearchTextRole.
class SiteListModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role { SiteIdRole = Qt::UserRole + 1, ReviewRequiredRole, AddressRole, SearchTextRole };

    explicit SiteListModel(QObject *parent = nullptr);

    void setSites(const QList<Site> &sites);
    const Site *site(const QModelIndex &index) const;
    QModelIndex indexOf(const QString &siteId) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    QList<Site> m_sites;
};

} // namespace ncre
