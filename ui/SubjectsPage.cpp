#include "SubjectsPage.h"

#include "Alive.h"
#include "ErrorText.h"

#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QMouseEvent>
#include <QStyledItemDelegate>
#include <QTableView>
#include <QVBoxLayout>

namespace ncre {

namespace {

// A checkable cell that toggles when touched anywhere, not only on its indicator; the text is laid out by the style
// as usual.
class WholeCellCheck : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    static void toggle(const QModelIndex &index)
    {
        if (!(index.flags() & Qt::ItemIsUserCheckable) || !(index.flags() & Qt::ItemIsEnabled))
            return;
        const bool checked = index.data(Qt::CheckStateRole).toInt() == Qt::Checked;
        const_cast<QAbstractItemModel *>(index.model())->setData(index, checked ? Qt::Unchecked : Qt::Checked,
                                                                 Qt::CheckStateRole);
    }

protected:
    bool editorEvent(QEvent *event, QAbstractItemModel *model, const QStyleOptionViewItem &option,
                     const QModelIndex &index) override
    {
        switch (event->type()) {
        case QEvent::MouseButtonPress:
        case QEvent::MouseButtonDblClick:
            return index.flags() & Qt::ItemIsUserCheckable; // the release toggles, once
        case QEvent::MouseButtonRelease:
            if (static_cast<QMouseEvent *>(event)->button() != Qt::LeftButton
                || !option.rect.contains(static_cast<QMouseEvent *>(event)->position().toPoint()))
                return false;
            toggle(index);
            return index.flags() & Qt::ItemIsUserCheckable;
        default:
            return QStyledItemDelegate::editorEvent(event, model, option, index);
        }
    }
};

} // namespace

SubjectsPage::SubjectsPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
{
    setObjectName(QStringLiteral("subjectsPage"));
    m_sites.setSites(flow.sites());
    m_filter.setSourceModel(&m_sites);
    m_filter.setFilterRole(SiteListModel::SearchTextRole);
    m_filter.setFilterCaseSensitivity(Qt::CaseInsensitive);
    if (flow.exam())
        m_subjects.setLimit(flow.exam()->limits.maxSubjectsPerCandidate);

    m_search = new QLineEdit(this);
    m_search->setObjectName(QStringLiteral("siteSearch"));
    m_search->setPlaceholderText(tr("Search sites by name, district or address"));
    m_search->setAccessibleName(tr("Search test sites"));
    m_search->setMaxLength(100); // longer than any site's name, district or address
    m_search->setMaximumWidth(320);
    m_siteList = new QListView(this);
    m_siteList->setObjectName(QStringLiteral("siteList"));
    m_siteList->setAccessibleName(tr("Test sites"));
    m_siteList->setModel(&m_filter);
    // A search that finds nothing says so, and what it searches (site names and addresses are in Chinese).
    m_noMatch = new QLabel(this);
    m_noMatch->setObjectName(QStringLiteral("siteNoMatch"));
    m_noMatch->setWordWrap(true);
    m_noMatch->hide();
    // The left column keeps its width whatever is typed: the table of subjects beside it never collapses.
    m_noMatch->setMaximumWidth(320);
    m_noMatch->setTextFormat(Qt::PlainText); // it quotes what was typed
    m_siteList->setMaximumWidth(320);
    m_siteInfo = new QLabel(this);
    m_siteInfo->setObjectName(QStringLiteral("siteInfo"));
    m_siteInfo->setWordWrap(true);

    m_subjectTable = new QTableView(this);
    m_subjectTable->setObjectName(QStringLiteral("subjectTable"));
    m_subjectTable->setAccessibleName(tr("Subjects of the chosen site"));
    m_subjectTable->setModel(&m_subjects);
    m_subjectTable->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_subjectTable->horizontalHeader()->setSectionResizeMode(SubjectListModel::NameColumn, QHeaderView::Stretch);
    m_subjectTable->verticalHeader()->hide();
    m_subjectTable->setSelectionMode(QAbstractItemView::NoSelection);
    // A subject is ticked by touching anywhere on its row, not only its small box.
    m_subjectTable->setItemDelegateForColumn(SubjectListModel::NameColumn, new WholeCellCheck(m_subjectTable));
    m_limit = new QLabel(tr("You may choose up to %n subject(s).", nullptr, flow.exam() ? flow.exam()->limits.maxSubjectsPerCandidate : 0), this);
    m_limit->setObjectName(QStringLiteral("subjectLimit"));
    m_watch = new QPushButton(tr("&Tell me when seats free up"), this);
    m_watch->setObjectName(QStringLiteral("watchSite"));
    m_watch->hide();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("subjectSummary"));
    m_summary->setWordWrap(true);
    m_guarantee = new QCheckBox(tr("I &guarantee the information above is true and accurate"), this);
    m_guarantee->setObjectName(QStringLiteral("guarantee"));
    m_submit = new QPushButton(this);
    m_submit->setObjectName(QStringLiteral("submitSubjects"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("subjectsStatus"));
    m_status->setWordWrap(true);

    auto *left = new QVBoxLayout;
    left->addWidget(new QLabel(tr("1. Choose a test site"), this));
    left->addWidget(m_search);
    left->addWidget(m_noMatch);
    left->addWidget(m_siteList, 1);
    auto *right = new QVBoxLayout;
    right->addWidget(new QLabel(tr("2. Tick your subjects"), this));
    right->addWidget(m_siteInfo);
    right->addWidget(m_subjectTable, 1);
    right->addWidget(m_limit);
    right->addWidget(m_watch, 0, Qt::AlignLeft);
    auto *top = new QHBoxLayout;
    top->addLayout(left);
    top->addLayout(right, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_guarantee);
    bottom->addStretch(1);
    bottom->addWidget(m_submit);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top, 1);
    layout->addWidget(m_summary);
    layout->addWidget(m_status);
    layout->addLayout(bottom);

    connect(m_search, &QLineEdit::textChanged, &m_filter, &QSortFilterProxyModel::setFilterFixedString);
    connect(m_search, &QLineEdit::textChanged, this, [this](const QString &text) {
        const bool none = !text.isEmpty() && m_filter.rowCount() == 0;
        m_noMatch->setText(none ? tr("No test site matches «%1». Sites are listed by their Chinese names, districts "
                                     "and addresses: try part of one, e.g. «海淀».")
                                      .arg(m_noMatch->fontMetrics().elidedText(text.simplified(), Qt::ElideRight, 160))
                                : QString());
        m_noMatch->setVisible(none);
    });
    connect(m_siteList->selectionModel(), &QItemSelectionModel::currentChanged, this, [this](const QModelIndex &current) {
        if (current.isValid())
            loadSubjects(current.data(SiteListModel::SiteIdRole).toString());
    });
    connect(&m_subjects, &SubjectListModel::chosenChanged, this, &SubjectsPage::updateSummary);
    connect(&m_subjects, &SubjectListModel::limitReached, this, [this](int limit) {
        m_status->setText(tr("You can choose at most %n subject(s) in one exam.", nullptr, limit));
    });
    connect(m_guarantee, &QCheckBox::toggled, this, &SubjectsPage::updateSummary);
    connect(m_submit, &QPushButton::clicked, this, &SubjectsPage::submit);
    connect(m_subjectTable, &QTableView::clicked, this, [](const QModelIndex &index) {
        if (index.column() != SubjectListModel::NameColumn) // that column's delegate toggles by itself
            WholeCellCheck::toggle(index.siblingAtColumn(SubjectListModel::NameColumn));
    });
    connect(m_watch, &QPushButton::clicked, this, [this]() {
        m_flow.watchSite(m_siteId);
        m_watch->setEnabled(false);
        m_status->setText(tr("NCRE Desk will tell you when seats at this site free up."));
    });
    connect(&m_flow, &RegistrationFlow::seatsFreed, this, [this](const QString &siteId) {
        if (siteId == m_siteId)
            loadSubjects(siteId);
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &SubjectsPage::updateLock);

    if (const auto &r = flow.registration(); r && !r->siteId.isEmpty())
        chooseSite(r->siteId);
    updateLock();
    updateSummary();
}

void SubjectsPage::chooseSite(const QString &siteId)
{
    const QModelIndex source = m_sites.indexOf(siteId);
    if (!source.isValid())
        return;
    m_siteList->setCurrentIndex(m_filter.mapFromSource(source));
}

void SubjectsPage::loadSubjects(const QString &siteId)
{
    m_siteId = siteId;
    if (const auto site = m_flow.site(siteId)) {
        m_siteInfo->setText(QStringLiteral("<b>%1</b><br>%2<br>%3")
                                .arg(site->name.toHtmlEscaped(), site->address.toHtmlEscaped(),
                                     site->reviewRequired ? tr("This site reviews registrations: after submitting and "
                                                               "uploading your photo, ask for review; pay within 24 hours "
                                                               "of approval.")
                                                          : tr("This site does not review registrations: pay after "
                                                               "uploading your photo.")));
    }
    m_status->clear();
    m_flow.subjects(siteId, alive(this, [this, siteId](Result<QList<Subject>, Problem> subjects) {
        if (siteId != m_siteId)
            return; // another site was picked meanwhile
        if (!subjects) {
            m_status->setText(ErrorText::message(subjects.error().code));
            return;
        }
        const auto &r = m_flow.registration();
        m_subjects.setSubjects(subjects.value(), r && r->siteId == siteId ? r->subjectIds : QStringList());
        const bool full = !m_subjects.fullSubjects().isEmpty();
        m_watch->setVisible(full && !m_flow.watchedSites().contains(siteId));
        m_watch->setEnabled(true);
        updateSummary();
    }));
}

void SubjectsPage::updateSummary()
{
    const QStringList chosen = m_subjects.chosen();
    m_summary->setText(chosen.isEmpty() ? tr("No subject chosen yet.")
                                        : tr("Chosen: %1 — total fee %2")
                                              .arg(chosen.join(QStringLiteral(", ")), SubjectListModel::yuan(m_subjects.totalFeeFen())));
    const bool draft = m_flow.state() == RegistrationState::Draft;
    m_submit->setText(draft ? tr("&Submit registration") : tr("&Save subjects"));
    // Two subjects at the same time: said as they are ticked, naming both, and nothing is sent.
    QString clash;
    for (qsizetype i = 0; i < chosen.size() && clash.isEmpty(); ++i)
        for (qsizetype j = i + 1; j < chosen.size() && clash.isEmpty(); ++j) {
            ExamLimits limits;
            limits.maxSubjectsPerCandidate = 1000;
            const ErrorList errors = SubjectSelection::validate({chosen[i], chosen[j]}, m_subjects.subjects(), limits);
            if (std::any_of(errors.begin(), errors.end(), [](const Error &e) { return e.code == ErrorCode::SubjectsClash; }))
                clash = tr("%1 and %2 are examined at the same time: keep only one of them.").arg(chosen[i], chosen[j]);
        }
    if (!clash.isEmpty())
        m_status->setText(clash);
    else if (std::exchange(m_clashShown, false))
        m_status->clear();
    m_clashShown = !clash.isEmpty();
    m_submit->setEnabled(!m_siteId.isEmpty() && !chosen.isEmpty() && clash.isEmpty() && (!draft || m_guarantee->isChecked())
                         && m_flow.can(RegistrationAction::EditSubjects));
    m_guarantee->setVisible(draft);
}

void SubjectsPage::updateLock()
{
    const bool editable = m_flow.can(RegistrationAction::EditSubjects);
    m_siteList->setEnabled(editable);
    m_search->setEnabled(editable);
    m_subjectTable->setEnabled(editable);
    if (!editable)
        m_status->setText(ErrorText::message(m_flow.refusal(RegistrationAction::EditSubjects)));
    updateSummary();
}

void SubjectsPage::submit()
{
    const QStringList chosen = m_subjects.chosen();
    const bool draft = m_flow.state() == RegistrationState::Draft;
    m_submit->setEnabled(false);
    m_flow.chooseSubjects(m_siteId, chosen, alive(this, [this, draft](const Result<void, Problem> &r) {
        if (!r) {
            m_status->setText(r.error().status == 0
                                  ? (m_flow.keptUntilLogOut()
                                         ? tr("No network: your choice is sent when the network returns. Logging out "
                                              "before then removes it from this terminal.")
                                         : tr("No network: your choice is kept on this computer and will be sent when "
                                              "the network returns."))
                                  : r.error().errors.isEmpty() ? ErrorText::message(r.error().code)
                                                               : ErrorText::message(r.error().errors.first()));
            if (r.error().code == ErrorCode::SubjectsFull)
                loadSubjects(m_siteId); // seats changed: show them as they are now
            updateSummary();
            return;
        }
        if (!draft) {
            m_status->setText(tr("Your subjects are saved."));
            updateSummary();
            return;
        }
        m_flow.submit(m_guarantee->isChecked(), alive(this, [this](const Result<void, Problem> &s) {
            updateSummary();
            if (!s) {
                m_status->setText(s.error().status == 0
                                      ? tr("No network: your submission is queued and will be sent when the network returns.")
                                      : ErrorText::message(s.error().code));
                return;
            }
            m_status->setText(tr("Submitted. Now upload your photo: without it the registration is not valid."));
            emit submitted();
        }));
    }));
}

} // namespace ncre
