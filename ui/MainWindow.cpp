#include "MainWindow.h"

#include "UpdateBanner.h"

#include "ErrorText.h"

#include "AgreementPage.h"
#include "HomePage.h"
#include "NoticesPage.h"
#include "Notifier.h"
#include "PasswordDialog.h"

#include <QStatusBar>
#include "DocumentsPage.h"
#include "PaymentPage.h"
#include "PhotoPage.h"
#include "ReviewPage.h"
#include "ProfilePage.h"
#include "SubjectsPage.h"
#include "StepBar.h"
#include "Theme.h"

#include <QHBoxLayout>
#include <QLocale>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTabWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QTreeWidgetItemIterator>
#include <QVBoxLayout>

namespace ncre {

namespace {

constexpr int kStepRole = Qt::UserRole + 1;

QIcon stepIcon(FlowStep step)
{
    switch (step) {
    case FlowStep::Agreement: return theme::icon(QStringLiteral("agreement"));
    case FlowStep::Profile: return theme::icon(QStringLiteral("profile"));
    case FlowStep::Subjects: return theme::icon(QStringLiteral("subjects"));
    case FlowStep::Photo: return theme::icon(QStringLiteral("photo"));
    case FlowStep::Review: return theme::icon(QStringLiteral("review"));
    case FlowStep::Payment: return theme::icon(QStringLiteral("payment"));
    case FlowStep::Documents: return theme::icon(QStringLiteral("documents"));
    case FlowStep::Closed: break;
    }
    return theme::icon(QStringLiteral("home"));
}

} // namespace

MainWindow::MainWindow(RegistrationFlow &flow, const QString &user, QWidget *parent)
    : QMainWindow(parent)
    , m_flow(flow)
{
    setWindowTitle(tr("NCRE Desk"));
    setObjectName(QStringLiteral("mainWindow"));

    // Top bar.
    auto *userLabel = new QLabel(tr("User: %1").arg(user.toHtmlEscaped()));
    userLabel->setObjectName(QStringLiteral("topUser"));
    auto *examLabel = new QLabel;
    examLabel->setObjectName(QStringLiteral("topExam"));
    if (flow.exam())
        examLabel->setText(tr("Exam: %1").arg(flow.exam()->name.toHtmlEscaped()));
    auto *password = new QPushButton(tr("Change pass&word…"));
    password->setObjectName(QStringLiteral("changePassword"));
    auto *logOut = new QPushButton(tr("Log &out"));
    logOut->setObjectName(QStringLiteral("logOut"));
    m_toggleNav = new QToolButton;
    m_toggleNav->setObjectName(QStringLiteral("toggleNav"));
    m_toggleNav->setText(QStringLiteral("<<"));
    m_toggleNav->setAccessibleName(tr("Hide the navigation"));
    auto *top = new QHBoxLayout;
    top->addWidget(m_toggleNav);
    top->addWidget(userLabel);
    top->addSpacing(24);
    top->addWidget(examLabel);
    top->addStretch(1);
    top->addWidget(password);
    top->addWidget(logOut);

    m_offline = new QLabel(offlineText());
    m_offline->setObjectName(QStringLiteral("offlineBanner"));
    m_offline->setStyleSheet(QStringLiteral("background: #FFF3CD; padding: 4px;"));
    m_offline->setVisible(flow.isShowingOfflineData());

    // Navigation.
    m_nav = new QTreeWidget;
    m_nav->setObjectName(QStringLiteral("navigation"));
    m_nav->setAccessibleName(tr("Navigation"));
    m_nav->header()->hide();
    m_nav->setMaximumWidth(260);
    auto *registration = new QTreeWidgetItem(m_nav, {tr("Registration")});
    for (FlowStep step : {FlowStep::Agreement, FlowStep::Profile, FlowStep::Subjects, FlowStep::Photo, FlowStep::Review,
                          FlowStep::Payment, FlowStep::Documents}) {
        auto *item = new QTreeWidgetItem(registration, {StepBar::label(step)});
        item->setData(0, kStepRole, int(step));
        item->setIcon(0, stepIcon(step));
    }
    registration->setExpanded(true);
    auto *notices = new QTreeWidgetItem(m_nav, {tr("Notices")});
    auto *onSite = new QTreeWidgetItem(notices, {tr("On-site confirmation")});
    onSite->setIcon(0, theme::icon(QStringLiteral("notices")));
    onSite->setData(0, kStepRole, int(FlowStep::Closed) + 100); // not a step: the notices page
    notices->setExpanded(true);

    m_tabs = new QTabWidget;
    m_tabs->setObjectName(QStringLiteral("tabs"));
    m_tabs->setTabsClosable(true);
    m_home = new HomePage(flow, user);
    m_tabs->addTab(m_home, theme::icon(QStringLiteral("home")), tr("Home"));
    m_tabs->tabBar()->setTabButton(0, QTabBar::RightSide, nullptr); // the home tab stays

    auto *body = new QHBoxLayout;
    body->addWidget(m_nav);
    body->addWidget(m_tabs, 1);
    auto *central = new QWidget;
    auto *layout = new QVBoxLayout(central);
    m_update = new UpdateBanner;
    connect(m_update, &UpdateBanner::downloadRequested, this, [this](const QUrl &page) { m_urlOpener(page); });
    layout->addLayout(top);
    layout->addWidget(m_update);
    layout->addWidget(m_offline);
    layout->addLayout(body, 1);
    setCentralWidget(central);
    resize(1000, 680);

    connect(logOut, &QPushButton::clicked, this, &MainWindow::logOutRequested);
    m_user = user;
    connect(password, &QPushButton::clicked, this, &MainWindow::changePassword);
    connect(&m_flow, &RegistrationFlow::serverBusy, this, [this](const QDateTime &retryAt, ErrorCode reason) {
        statusBar()->showMessage(ErrorText::retryMessage(reason, retryAt));
    });
    connect(&m_flow, &RegistrationFlow::serverReachable, this, [this]() {
        statusBar()->showMessage(tr("Connected to the registration server again."), 5000);
    });
    connect(&m_flow, &RegistrationFlow::offlineChanged, this, [this](bool offline) {
        m_offline->setVisible(offline || m_flow.queuedSubmissions() > 0);
        if (!offline)
            statusBar()->showMessage(tr("Connected to the registration server again."), 5000);
    });
    connect(m_toggleNav, &QToolButton::clicked, this, [this]() {
        m_nav->setVisible(!m_nav->isVisible());
        m_toggleNav->setText(m_nav->isVisible() ? QStringLiteral("<<") : QStringLiteral(">>"));
        m_toggleNav->setAccessibleName(m_nav->isVisible() ? tr("Hide the navigation") : tr("Show the navigation"));
    });
    auto open = [this](QTreeWidgetItem *item) {
        if (!item->data(0, kStepRole).isValid())
            return;
        const int which = item->data(0, kStepRole).toInt();
        if (which == int(FlowStep::Closed) + 100)
            openNotices();
        else
            openStep(FlowStep(which));
    };
    connect(m_nav, &QTreeWidget::itemActivated, this, open);
    // The navigation marks the page that is shown (Home and the notices: nothing of the steps), whichever way it
    // was opened: by the navigation, a tab, or «Continue» on the home page.
    connect(m_tabs, &QTabWidget::currentChanged, this, [this]() {
        const std::optional<FlowStep> shown = shownStep();
        const bool notices = m_tabs->currentIndex() > 0 && m_tabs->tabText(m_tabs->currentIndex()) == tr("On-site confirmation");
        const int wanted = shown ? int(*shown) : notices ? int(FlowStep::Closed) + 100 : -1;
        QTreeWidgetItem *mark = nullptr;
        for (QTreeWidgetItemIterator it(m_nav); *it; ++it)
            if ((*it)->data(0, kStepRole).isValid() && (*it)->data(0, kStepRole).toInt() == wanted)
                mark = *it;
        const QSignalBlocker quiet(m_nav);
        m_nav->setCurrentItem(mark);
        if (!mark)
            m_nav->clearSelection();
    });
    connect(m_nav, &QTreeWidget::itemClicked, this, open);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        if (index > 0) {
            QWidget *page = m_tabs->widget(index);
            m_tabs->removeTab(index);
            page->deleteLater();
        }
    });
    connect(m_home, &HomePage::openStep, this, &MainWindow::openStep);
    m_home->setPageAvailable([](FlowStep step) { return step != FlowStep::Closed; });
    // The review step is shown only where it exists: a site that does not review has none (as on the home page).
    auto showReviewStep = [this, registration]() {
        const auto &r = m_flow.registration();
        const auto site = r && !r->siteId.isEmpty() ? m_flow.site(r->siteId) : std::nullopt;
        for (int i = 0; i < registration->childCount(); ++i)
            if (registration->child(i)->data(0, kStepRole).toInt() == int(FlowStep::Review))
                registration->child(i)->setHidden(site && !site->reviewRequired);
    };
    showReviewStep();
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, [this, showReviewStep]() {
        m_offline->setVisible(m_flow.isShowingOfflineData());
        showReviewStep();
    });
    // What the flow finds by itself: a desktop notification, and the latest in the status bar.
    m_notifier = new Notifier(m_flow, this);
    connect(m_notifier, &Notifier::notified, this, [this](const QString &, const QString &text) { statusBar()->showMessage(text); });
    connect(&m_flow, &RegistrationFlow::queuedChanged, this, [this](int count) {
        m_offline->setVisible(count > 0 || m_flow.isShowingOfflineData());
        m_offline->setText(offlineText(count));
    });
}

QString MainWindow::offlineText(int queued) const
{
    // At a kiosk the local copy ends with the session: the candidate must not log out on the word "kept".
    if (m_flow.keptUntilLogOut())
        return queued > 0 ? tr("%n change(s) not sent yet: they go to the server as soon as it answers. Logging out "
                               "before then removes them from this terminal.", nullptr, queued)
                          : tr("Offline: your changes are sent when the network returns. Logging out before then "
                               "removes them from this terminal.");
    return queued > 0 ? tr("%n change(s) not sent yet: they are kept on this computer and go to the server "
                           "as soon as it answers.", nullptr, queued)
                      : tr("Offline: your changes are kept on this computer and sent when the network returns.");
}

QWidget *MainWindow::pageFor(FlowStep step)
{
    switch (step) {
    case FlowStep::Agreement: {
        auto *page = new AgreementPage(m_flow);
        connect(page, &AgreementPage::accepted, this, [this]() { m_tabs->setCurrentIndex(0); });
        return page;
    }
    case FlowStep::Profile: {
        auto *page = new ProfilePage(m_flow);
        connect(page, &ProfilePage::saved, this, [this]() {
            if (m_flow.currentStep() != FlowStep::Profile)
                m_tabs->setCurrentIndex(0);
        });
        return page;
    }
    case FlowStep::Subjects: {
        auto *page = new SubjectsPage(m_flow);
        connect(page, &SubjectsPage::submitted, this, [this]() { m_tabs->setCurrentIndex(0); });
        return page;
    }
    case FlowStep::Photo: {
        auto *page = new PhotoPage(m_flow);
        connect(page, &PhotoPage::uploaded, this, [this]() { m_tabs->setCurrentIndex(0); });
        if (m_kiosk && m_kiosk->camera)
            page->setKioskSources(m_kiosk->camera, m_kiosk->mediaRoots);
        return page;
    }
    case FlowStep::Review: {
        auto *page = new ReviewPage(m_flow);
        connect(page, &ReviewPage::fixRequested, this, &MainWindow::openStep);
        return page;
    }
    case FlowStep::Payment: {
        auto *page = new PaymentPage(m_flow);
        if (m_urlOpener)
            page->setUrlOpener(m_urlOpener);
        if (m_kiosk)
            page->setPhoneOnly(m_kiosk->paymentPollMs);
        return page;
    }
    case FlowStep::Documents: {
        auto *page = new DocumentsPage(m_flow);
        if (m_kiosk)
            page->viewer()->setDirectPrint(m_kiosk->print);
        return page;
    }
    default:
        return nullptr;
    }
}

void MainWindow::setKioskMode(KioskMode mode)
{
    m_kiosk = std::move(mode);
    // The kiosk's larger touch text needs a wider navigation to show its step names whole.
    m_nav->setMinimumWidth(230);
    m_nav->setMaximumWidth(320);
    // The kiosk's own «退出并清除» ends the session (with the wipe): one way out, not two.
    if (auto *logOut = findChild<QPushButton *>(QStringLiteral("logOut")))
        logOut->hide();
    // A password is changed at home: the dialog would hold the kiosk's own buttons («Log out and clear», «Staff»)
    // while it is open, and a password typed at a public terminal is one more chance to be seen.
    if (auto *password = findChild<QPushButton *>(QStringLiteral("changePassword")))
        password->hide();
}

void MainWindow::changePassword()
{
    auto *dialog = new PasswordDialog(m_flow, m_user, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &PasswordDialog::changed, this, [this](const QString &newPassword) {
        statusBar()->showMessage(tr("Password changed."));
        emit passwordChanged(newPassword);
    });
    dialog->open();
}

void MainWindow::openNotices()
{
    const QString title = tr("On-site confirmation");
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (m_tabs->tabText(i) == title) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    m_tabs->setCurrentIndex(m_tabs->addTab(new NoticesPage(m_flow), theme::icon(QStringLiteral("notices")), title));
}

void MainWindow::openStep(FlowStep step)
{
    const QString title = StepBar::label(step);
    for (int i = 1; i < m_tabs->count(); ++i) {
        if (m_tabs->tabText(i) == title) {
            m_tabs->setCurrentIndex(i);
            return;
        }
    }
    if (QWidget *page = pageFor(step))
        m_tabs->setCurrentIndex(m_tabs->addTab(page, stepIcon(step), title));
}

std::optional<FlowStep> MainWindow::shownStep() const
{
    const QString title = m_tabs->tabText(m_tabs->currentIndex());
    for (FlowStep step : {FlowStep::Agreement, FlowStep::Profile, FlowStep::Subjects, FlowStep::Photo, FlowStep::Review,
                          FlowStep::Payment, FlowStep::Documents}) {
        if (m_tabs->currentIndex() > 0 && title == StepBar::label(step))
            return step;
    }
    return std::nullopt;
}

void MainWindow::setClientVersions(const ClientVersions &versions)
{
    m_update->setVersions(versions);
}

} // namespace ncre
