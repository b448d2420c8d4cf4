#include "StaffPanel.h"

#include "Alive.h"
#include "ConfirmationPanel.h"
#include "ErrorText.h"
#include "LoginWindow.h"
#include "ReviewPanel.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStyleHints>
#include <QTabWidget>
#include <QTimer>
#include <QVBoxLayout>

#include <memory>

namespace ncre {

StaffPanel::StaffPanel(ApiClient &api, AuthSession &auth, KioskConfig config, PrintPdf print, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_auth(auth)
    , m_config(std::move(config))
    , m_print(std::move(print))
    , m_review(api)
{
    setObjectName(QStringLiteral("kioskStaffPanel"));
    auto *back = new QPushButton(tr("Back to the welcome screen"), this);
    back->setObjectName(QStringLiteral("staffBack"));
    auto *leave = new QPushButton(tr("Leave kiosk mode"), this);
    leave->setObjectName(QStringLiteral("staffLeave"));
    // Touched, never focused: a key meant for the review or the confirmation must not leave the panel.
    for (QPushButton *b : {back, leave})
        b->setFocusPolicy(Qt::NoFocus);
    m_who = new QLabel(this);
    m_who->setObjectName(QStringLiteral("staffWho"));
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("staffError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #B00020;"));
    m_login = new LoginWindow(m_api, m_auth, this);
    m_login->setStaffMode();
    m_login->setUrlOpener([](const QUrl &) { return false; });

    auto *top = new QHBoxLayout;
    top->addWidget(m_who, 1);
    top->addWidget(back);
    top->addWidget(leave);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_error);
    layout->addWidget(m_login, 1);

    connect(back, &QPushButton::clicked, this, &StaffPanel::backRequested);
    // Leaving the kiosk takes a second touch: a slip of the hand must not close the terminal.
    // The second touch counts only after a pause longer than a double tap, which is one gesture, not two.
    auto armedAt = std::make_shared<QElapsedTimer>();
    connect(leave, &QPushButton::clicked, this, [this, leave, armedAt]() {
        if (leave->property("armed").toBool()) {
            if (armedAt->elapsed() > qMax(600, QGuiApplication::styleHints()->mouseDoubleClickInterval() + 100))
                emit leaveRequested();
            return;
        }
        armedAt->start();
        leave->setProperty("armed", true);
        leave->setText(tr("Touch again to leave kiosk mode"));
        QTimer::singleShot(5000, leave, [leave]() {
            leave->setProperty("armed", false);
            leave->setText(tr("Leave kiosk mode"));
        });
    });
    connect(m_login, &LoginWindow::loggedIn, this, &StaffPanel::loggedIn);
}

StaffPanel::~StaffPanel()
{
    m_review.stop();
}

QString StaffPanel::hint()
{
    return tr("Staff: log in with your staff account to review registrations and confirm candidates on site.");
}

QString StaffPanel::jobsHint()
{
    return tr("Staff: review the registrations waiting for this site, or look a candidate up for the on-site "
              "confirmation. Touch «Back to the welcome screen» when you are done.");
}

void StaffPanel::loggedIn()
{
    const AccountInfo account = m_auth.account();
    QString why;
    if (account.role != AccountRole::Staff)
        why = tr("%1 is not a staff account. Only staff of this test site can log in here.").arg(account.username);
    else if (account.siteId != m_config.site)
        why = tr("%1 works for another test site (%2); this terminal serves %3.").arg(account.username, account.siteId, m_config.site);
    if (!why.isEmpty()) {
        m_error->setText(why);
        emit loginRefused(why);
        m_auth.logOut([]() {});
        m_login->refreshCaptcha();
        if (account.role == AccountRole::Staff)
            nameTheSites(account.username, account.siteId);
        return;
    }
    m_error->clear();
    // The names the slip prints: the exam, the site, the subjects.
    m_api.currentExam(alive(this, [this](Result<Exam, Problem> exam) {
        if (!exam) {
            m_error->setText(ErrorText::message(exam.error().code));
            return;
        }
        const QString examId = exam->id;
        const QString examName = exam->name;
        m_api.sites(examId, alive(this, [this, examId, examName](Result<QList<Site>, Problem> sites) {
            QString siteName = m_config.site;
            for (const Site &s : sites.valueOr({}))
                if (s.id == m_config.site)
                    siteName = s.name;
            m_api.subjects(examId, m_config.site, alive(this, [this, examName, siteName](Result<QList<Subject>, Problem> subjects) {
                QHash<QString, QString> names;
                for (const Subject &s : subjects.valueOr({}))
                    names.insert(s.id, s.name);
                showJobs(examName, siteName, names);
            }));
        }));
    }));
}

void StaffPanel::nameTheSites(const QString &username, const QString &otherSite)
{
    // Staff know their sites by name, not by code: the refusal is said again with the names once they are known.
    m_api.currentExam(alive(this, [this, username, otherSite](Result<Exam, Problem> exam) {
        if (!exam)
            return;
        m_api.sites(exam->id, alive(this, [this, username, otherSite](Result<QList<Site>, Problem> sites) {
            QString other = otherSite, ours = m_config.site;
            for (const Site &s : sites.valueOr({})) {
                if (s.id == otherSite)
                    other = s.name;
                if (s.id == m_config.site)
                    ours = s.name;
            }
            m_error->setText(tr("%1 works for another test site (%2); this terminal serves %3.").arg(username, other, ours));
        }));
    }));
}

void StaffPanel::showJobs(const QString &examName, const QString &siteName, const QHash<QString, QString> &subjectNames)
{
    m_who->setText(tr("Staff %1 — %2").arg(m_auth.account().username, siteName));
    m_login->hide();
    ConfirmationSlip slip;
    slip.examName = examName;
    slip.siteName = siteName;
    slip.staff = m_auth.account().username;
    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("staffJobs"));
    auto names = [subjectNames](const QStringList &ids) {
        QStringList out;
        for (const QString &id : ids)
            out << subjectNames.value(id, id);
        return out;
    };
    m_reviewPanel = new ReviewPanel(m_review, names, m_tabs);
    m_confirmation = new ConfirmationPanel(m_review, slip, names, m_print, m_tabs);
    m_tabs->addTab(m_reviewPanel, tr("Review"));
    m_tabs->addTab(m_confirmation, tr("On-site confirmation"));
    static_cast<QVBoxLayout *>(layout())->addWidget(m_tabs, 1);
    m_review.start();
    emit jobsShown();
}

} // namespace ncre
