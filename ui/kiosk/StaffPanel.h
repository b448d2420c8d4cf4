#pragma once

#include "ApiClient.h"
#include "AuthSession.h"
#include "KioskConfig.h"
#include "StaffReview.h"
#include "kiosk/ConfirmationPanel.h"
#include "kiosk/ReviewPanel.h"

#include "LoginWindow.h"

#include <QPointer>
#include <QWidget>

#include <functional>

class QLabel;
class QTabWidget;

namespace ncre {

class LoginWindow;

// The kiosk's staff panel, behind the PIN (issue 16): «退出自助终端模式» and «返回» at once (leaving must not need
// the server); then a staff login to the server — only a staff account of this terminal's site is taken, any other
// is logged out again with the reason — and the two jobs: 信息审核 (ReviewPanel) and 现场确认 (ConfirmationPanel).
// The kiosk ends the staff session like a candidate's: at «返回», and after the shorter staff idle time.
class StaffPanel : public QWidget
{
    Q_OBJECT

public:
    using PrintPdf = std::function<Result<void>(const QByteArray &pdf)>;
    StaffPanel(ApiClient &api, AuthSession &auth, KioskConfig config, PrintPdf print, QWidget *parent = nullptr);
    ~StaffPanel() override;

    LoginWindow *login() const { return m_login; }
    ReviewPanel *reviewPanel() const { return m_reviewPanel; }
    ConfirmationPanel *confirmationPanel() const { return m_confirmation; }
    QTabWidget *tabs() const { return m_tabs; }
    StaffReview &review() { return m_review; }
    static QString hint();
    static QString jobsHint(); // once logged in

signals:
    void backRequested();
    void leaveRequested();
    // The staff login was taken (a staff account of this site) and the jobs are shown.
    void jobsShown();
    void loginRefused(const QString &why);

private:
    void loggedIn();
    void nameTheSites(const QString &username, const QString &otherSite);
    void showJobs(const QString &examName, const QString &siteName, const QHash<QString, QString> &subjectNames);

    ApiClient &m_api;
    AuthSession &m_auth;
    KioskConfig m_config;
    PrintPdf m_print;
    StaffReview m_review;
    QPointer<LoginWindow> m_login;
    QPointer<ReviewPanel> m_reviewPanel;
    QPointer<ConfirmationPanel> m_confirmation;
    QTabWidget *m_tabs = nullptr;
    QLabel *m_who;
    QLabel *m_error;
};

} // namespace ncre
