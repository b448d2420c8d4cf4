#pragma once

#include "Subject.h"

#include <QAbstractTableModel>
#include <QSet>

namespace ncre {

// A site's subjects with a tick each: name, fee, exam time, seats left. At most `limit` can be ticked; a full
// subject cannot be ticked (unless it already is the candidate's). totalFeeFen() sums the ticked ones.
class SubjectListModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { NameColumn, FeeColumn, TimeColumn, SeatsColumn, ColumnCount };
    enum Role { SubjectIdRole = Qt::UserRole + 1, FeeFenRole, SeatsLeftRole };

    explicit SubjectListModel(QObject *parent = nullptr);

    void setSubjects(const QList<Subject> &subjects, const QStringList &chosen);
    void setLimit(int limit) { m_limit = limit; }
    QStringList chosen() const;
    const QList<Subject> &subjects() const { return m_subjects; }
    qint64 totalFeeFen() const;
    QStringList fullSubjects() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    static QString yuan(qint64 fen);

signals:
    void chosenChanged();
    // A tick refused because `limit` subjects are already chosen.
    void limitReached(int limit);

private:
    QList<Subject> m_subjects;
    QSet<QString> m_chosen;
    QSet<QString> m_alreadyMine; // chosen on the server: keep them tickable even when full
    int m_limit = 3;
};

} // namespace ncre
