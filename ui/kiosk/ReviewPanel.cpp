#include "ReviewPanel.h"

#include "Alive.h"
#include "DateText.h"
#include "DocumentNumber.h"
#include "ErrorText.h"
#include "ProfilePage.h"
#include "Theme.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

QString staffRecordText(const Registration &r, const std::function<QStringList(const QStringList &)> &subjectNames)
{
    const Profile &p = r.profile;
    const auto type = documentTypeFromName(p.value(ProfileField::DocumentType));
    const QList<QPair<QString, QString>> rows{
        {ProfilePage::fieldLabel(ProfileField::Name), p.value(ProfileField::Name)},
        {ProfilePage::fieldLabel(ProfileField::DocumentType), type ? ProfilePage::documentTypeLabel(*type) : QString()},
        {ProfilePage::fieldLabel(ProfileField::DocumentNumber), DocumentNumber::mask(p.value(ProfileField::DocumentNumber))},
        {ProfilePage::fieldLabel(ProfileField::Gender), p.value(ProfileField::Gender) == QLatin1String("female")
                                                            ? ProfilePage::tr("Female")
                                                            : (p.value(ProfileField::Gender).isEmpty() ? QString() : ProfilePage::tr("Male"))},
        {ProfilePage::fieldLabel(ProfileField::BirthDate), p.value(ProfileField::BirthDate)},
        {ReviewPanel::tr("Registration number"), r.id},
        {ReviewPanel::tr("Subjects"), (subjectNames ? subjectNames(r.subjectIds) : r.subjectIds).join(QStringLiteral("、"))},
    };
    QString html = QStringLiteral("<table cellspacing='6'>");
    for (const auto &[label, value] : rows)
        html += QStringLiteral("<tr><td nowrap><b>%1</b></td><td>%2</td></tr>").arg(label.toHtmlEscaped(), value.toHtmlEscaped());
    return html + QStringLiteral("</table>");
}

ReviewPanel::ReviewPanel(StaffReview &review, std::function<QStringList(const QStringList &)> subjectNames, QWidget *parent)
    : QWidget(parent)
    , m_review(review)
    , m_subjectNames(std::move(subjectNames))
{
    setObjectName(QStringLiteral("reviewPanel"));
    m_pending = new QListWidget(this);
    m_pending->setObjectName(QStringLiteral("reviewPending"));
    m_decided = new QListWidget(this);
    m_decided->setObjectName(QStringLiteral("reviewDecided"));
    m_decided->setSelectionMode(QAbstractItemView::NoSelection);
    theme::wholeEntries(m_pending);
    theme::wholeEntries(m_decided);
    m_photo = new QLabel(this);
    m_photo->setObjectName(QStringLiteral("reviewPhoto"));
    m_photo->setFixedSize(240, 320);
    m_photo->setAlignment(Qt::AlignCenter);
    m_photo->setStyleSheet(QStringLiteral("background: white; border: 1px solid #C8CDD3;"));
    m_data = new QLabel(this);
    m_data->setObjectName(QStringLiteral("reviewData"));
    m_data->setTextFormat(Qt::RichText);
    m_data->setWordWrap(true); // a long value (a subject's name, a masked number) wraps instead of being cut off
    m_data->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_checks = new QLabel(this);
    m_checks->setObjectName(QStringLiteral("reviewChecks"));
    m_checks->setWordWrap(true);
    m_reason = new QComboBox(this);
    m_reason->setObjectName(QStringLiteral("reviewReason"));
    m_reason->setEditable(true);
    m_reason->addItems(StaffReview::commonReasons());
    m_reason->setCurrentIndex(-1); // none picked: the field shows its placeholder, not an empty first choice
    m_reason->lineEdit()->setPlaceholderText(tr("Reason for returning it (pick one or type)"));
    m_reason->lineEdit()->setMaxLength(500);
    m_approve = new QPushButton(tr("Approve"), this);
    m_approve->setObjectName(QStringLiteral("reviewApprove"));
    m_reject = new QPushButton(tr("Return for correction"), this);
    m_reject->setObjectName(QStringLiteral("reviewReject"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("reviewStatus"));
    m_status->setWordWrap(true);

    auto *queue = new QVBoxLayout;
    queue->addWidget(new QLabel(tr("Waiting for review"), this));
    queue->addWidget(m_pending, 2);
    queue->addWidget(new QLabel(tr("Decided lately (all terminals)"), this));
    queue->addWidget(m_decided, 1);
    auto *record = new QHBoxLayout;
    record->addWidget(m_photo, 0, Qt::AlignTop);
    auto *text = new QVBoxLayout;
    text->addWidget(m_data);
    text->addWidget(m_checks);
    text->addStretch(1);
    record->addLayout(text, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_approve);
    buttons->addWidget(m_reject);
    auto *right = new QVBoxLayout;
    right->addLayout(record, 1);
    right->addWidget(m_reason);
    right->addLayout(buttons);
    right->addWidget(m_status);
    auto *layout = new QHBoxLayout(this);
    layout->addLayout(queue, 2);
    layout->addLayout(right, 3);

    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    connect(m_pending, &QListWidget::itemClicked, this,
            [this](QListWidgetItem *item) { openCandidate(item->data(Qt::UserRole).toString()); });
    connect(m_approve, &QPushButton::clicked, this, [this]() { decide(true); });
    connect(m_reject, &QPushButton::clicked, this, [this]() { decide(false); });
    connect(&m_review, &StaffReview::queueChanged, this, &ReviewPanel::showQueue);
    connect(&m_review, &StaffReview::queueFailed, this,
            [this](const Problem &problem) { m_status->setText(ErrorText::message(problem.code)); });
    showQueue();
}

void ReviewPanel::showQueue()
{
    const ReviewQueue &queue = m_review.queue();
    m_pending->clear();
    for (const ReviewQueueItem &item : queue.items) {
        auto *row = new QListWidgetItem(QStringLiteral("%1  %2\n%3").arg(item.candidateName, item.documentNumberMasked,
                                                                           dateTimeText(item.requestedAt)),
                                        m_pending);
        row->setData(Qt::UserRole, item.registrationId);
    }
    if (m_review.hasQueue() && queue.items.isEmpty())
        m_pending->addItem(tr("Nothing is waiting."));
    m_decided->clear();
    for (const DecidedReview &d : queue.decided) {
        m_decided->addItem(tr("%1: %2\nby %3 at %4")
                               .arg(d.candidateName,
                                    d.decision == ReviewDecisionKind::Approve ? tr("approved") : tr("returned"), d.decidedBy,
                                    dateTimeText(d.decidedAt)));
        // The one open here was decided elsewhere meanwhile: say so, and it can no longer be decided here.
        if (d.registrationId == m_openedId && m_approve->isEnabled()) {
            m_status->setText(tr("%1 decided this registration meanwhile at another terminal.").arg(d.decidedBy));
            m_approve->setEnabled(false);
            m_reject->setEnabled(false);
        }
    }
}

void ReviewPanel::openCandidate(const QString &registrationId)
{
    if (registrationId.isEmpty())
        return;
    m_openedId = registrationId;
    m_status->setText(tr("Loading…"));
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    m_review.open(registrationId, alive(this, [this, registrationId](Result<StaffReview::Candidate, Problem> candidate) {
        if (registrationId != m_openedId)
            return; // another was opened meanwhile
        if (!candidate) {
            m_status->setText(ErrorText::message(candidate.error().code));
            return;
        }
        show(candidate.value());
    }));
}

void ReviewPanel::show(const StaffReview::Candidate &candidate)
{
    m_data->setText(staffRecordText(candidate.registration, m_subjectNames));
    QPixmap photo;
    photo.loadFromData(candidate.photo, "JPEG");
    m_photo->setPixmap(photo.isNull() ? QPixmap() : photo.scaled(m_photo->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    if (photo.isNull())
        m_photo->setText(tr("No photo"));
    if (!candidate.inspection) {
        m_checks->setText(tr("No photo to check."));
    } else if (candidate.inspection->ok()) {
        m_checks->setText(tr("The photo passes every check of the photo rules."));
    } else {
        QStringList lines;
        for (const PhotoFinding &f : candidate.inspection->findings)
            lines << QStringLiteral("• ") + f.message;
        m_checks->setText(tr("The photo checks found:") + QLatin1Char('\n') + lines.join(QLatin1Char('\n')));
    }
    const bool pending = candidate.registration.state == RegistrationState::ReviewPending;
    m_approve->setEnabled(pending);
    m_reject->setEnabled(pending);
    m_status->setText(pending ? QString() : tr("This registration is not waiting for review."));
    emit candidateShown(candidate.registration.id);
}

void ReviewPanel::decide(bool approve)
{
    ReviewDecision decision;
    decision.decision = approve ? ReviewDecisionKind::Approve : ReviewDecisionKind::Reject;
    decision.reason = approve ? QString() : StaffReview::reasonForCandidate(m_reason->currentText().trimmed());
    if (!approve && decision.reason.isEmpty()) {
        m_status->setText(tr("Pick or type the reason: the candidate must know what to correct."));
        m_reason->setFocus();
        return;
    }
    const QString id = m_openedId;
    m_approve->setEnabled(false);
    m_reject->setEnabled(false);
    m_review.decide(id, decision, alive(this, [this, id, approve](Result<Registration, Problem> done) {
        if (!done) {
            m_status->setText(done.error().code == ErrorCode::StateActionNotAllowed
                                  ? tr("This registration was decided meanwhile at another terminal.")
                                  : ErrorText::message(done.error().code));
            emit decided(id, false);
            return;
        }
        m_status->setText(approve ? tr("Approved. The candidate can pay now.") : tr("Returned to the candidate for correction."));
        m_reason->setCurrentIndex(-1);
        m_reason->clearEditText();
        // Decided: the record leaves the screen with it (the next one is picked from the queue).
        m_openedId.clear();
        m_data->clear();
        m_checks->clear();
        m_photo->clear();
        emit decided(id, true);
    }));
}

} // namespace ncre
