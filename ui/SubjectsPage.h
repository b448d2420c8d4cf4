#pragma once

#include "RegistrationFlow.h"
#include "SiteListModel.h"
#include "SubjectListModel.h"

#include <QSortFilterProxyModel>
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QListView;
class QPushButton;
class QTableView;

namespace ncre {

// 报考科目: choose the test site (searchable: name, district, address; whether it reviews), then tick its subjects
// (fee, exam time, seats left) up to the exam's limit; the chosen list and total fee below; «我保证以上信息是真实和
// 准确的» and «提交报考信息». A full site offers to watch it and say when seats come back.
class SubjectsPage : public QWidget
{
    Q_OBJECT

public:
    explicit SubjectsPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    void chooseSite(const QString &siteId);
    SubjectListModel &subjectModel() { return m_subjects; }
    void submit();

signals:
    void submitted();

private:
    void loadSubjects(const QString &siteId);
    void updateSummary();
    void updateLock();

    RegistrationFlow &m_flow;
    SiteListModel m_sites;
    QSortFilterProxyModel m_filter;
    SubjectListModel m_subjects;
    QString m_siteId;
    QLineEdit *m_search;
    QLabel *m_noMatch;
    bool m_clashShown = false;
    QListView *m_siteList;
    QLabel *m_siteInfo;
    QTableView *m_subjectTable;
    QLabel *m_limit;
    QPushButton *m_watch;
    QLabel *m_summary;
    QCheckBox *m_guarantee;
    QPushButton *m_submit;
    QLabel *m_status;
};

} // namespace ncre
