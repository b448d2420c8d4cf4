#pragma once

#include "StaffReview.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QListWidget;
class QPushButton;

namespace ncre {

// 信息审核 at the kiosk (issue 16): the site's pending reviews (refreshing by themselves) and what staff decided
// lately at any terminal, with who; a candidate's data and photo side by side, the photo checks run again here, the
// document number masked but for its last 4 characters; «审核通过», or «退回修改» with a reason picked from the
// common ones or typed.
class ReviewPanel : public QWidget
{
    Q_OBJECT

public:
    ReviewPanel(StaffReview &review, std::function<QStringList(const QStringList &)> subjectNames = {}, QWidget *parent = nullptr);

    // Opens the candidate `registrationId` (as a click on the queue does).
    void openCandidate(const QString &registrationId);
    QString openedId() const { return m_openedId; }

signals:
    void candidateShown(const QString &registrationId);
    void decided(const QString &registrationId, bool ok);

private:
    void showQueue();
    void show(const StaffReview::Candidate &candidate);
    void decide(bool approve);

    StaffReview &m_review;
    std::function<QStringList(const QStringList &)> m_subjectNames;
    QString m_openedId;
    QListWidget *m_pending;
    QListWidget *m_decided;
    QLabel *m_photo;
    QLabel *m_data;
    QLabel *m_checks;
    QComboBox *m_reason;
    QPushButton *m_approve;
    QPushButton *m_reject;
    QLabel *m_status;
};

// The lines staff read about a candidate (name, document, gender, birth date, subjects, site): rich text, the
// document number masked. Shared by the review and the on-site confirmation.
// `subjectNames` maps subject ids to the names the site lists (ids shown where it has none).
QString staffRecordText(const Registration &registration, const std::function<QStringList(const QStringList &)> &subjectNames = {});

} // namespace ncre
