#pragma once

#include "Meta.h"

#include "PdfViewer.h"
#include "RegistrationFlow.h"

#include <QMainWindow>
#include <QUrl>

#include <functional>
#include <optional>

class QLabel;
class QTabWidget;
class QTreeWidget;
class QTreeWidgetItem;
class QToolButton;

namespace ncre {

class HomePage;
class Notifier;

// The window after login: a top bar (user, exam, «log out»), a left navigation whose sections expand and collapse
// and which «<<» hides, and closable tabs, each page opened from the navigation. The home tab stays.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    MainWindow(RegistrationFlow &flow, const QString &user, QWidget *parent = nullptr);

    // Opens (or brings forward) the page of `step`.
    void openStep(FlowStep step);
    void openNotices();
    // The step of the page shown now (nullopt: the home page or the notices).
    std::optional<FlowStep> shownStep() const;
    // 修改密码: the dialog (also opened right after a login started with «change password» on the login window).
    void changePassword();
    QTabWidget *tabs() const { return m_tabs; }
    // How pages open external pages (the payment platform); the system browser unless set (tests record instead).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_urlOpener = std::move(opener); }
    // The update line (UpdateBanner), from what GET /meta said at start.
    void setClientVersions(const ClientVersions &versions);
    HomePage *home() const { return m_home; }
    // Inside a kiosk (issue 16): the payment is by QR code only and polled by itself; documents print straight to
    // the terminal's printer. Set before the pages open.
    struct KioskMode
    {
        PdfViewer::DirectPrint print;
        int paymentPollMs = 5000;
        // The photo's sources (PhotoPage::setKioskSources).
        std::function<class FrameSource *(QObject *parent)> camera;
        std::function<QStringList()> mediaRoots;
    };
    void setKioskMode(KioskMode mode);
    Notifier *notifier() const { return m_notifier; }

signals:
    void logOutRequested();
    void passwordChanged(const QString &newPassword);

private:
    QWidget *pageFor(FlowStep step);
    QString offlineText(int queued = 0) const;

    QString m_user;
    RegistrationFlow &m_flow;
    QTabWidget *m_tabs;
    QTreeWidget *m_nav;
    QToolButton *m_toggleNav;
    HomePage *m_home;
    QLabel *m_offline;
    class UpdateBanner *m_update = nullptr;
    Notifier *m_notifier;
    std::function<bool(const QUrl &)> m_urlOpener;
    std::optional<KioskMode> m_kiosk;
};

} // namespace ncre
