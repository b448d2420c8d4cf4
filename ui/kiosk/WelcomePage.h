#pragma once

#include <QWidget>

class QLabel;
class QPushButton;

namespace ncre {

// The kiosk's first screen (issue 16): what the terminal is for, «登录» and «注册新用户» as large buttons, and the
// 中文/English switch. A fresh one is shown after every wipe.
class WelcomePage : public QWidget
{
    Q_OBJECT

public:
    // `language`: the interface's language now ("zh_CN" or "en"); the switch offers the other one.
    WelcomePage(const QString &language, QWidget *parent = nullptr);

    static QString hint();

    // What the kiosk last learnt of the registration server. `reachable` false: a notice says the service cannot
    // be reached, and «Log in» and «Register» wait (disabled, saying why) until it can.
    void setServerReachable(bool reachable);
    bool serverReachable() const { return m_reachable; }

signals:
    void logInRequested();
    void registerRequested();
    void languageRequested(const QString &language);

private:
    QLabel *m_offline = nullptr;
    QPushButton *m_logIn = nullptr;
    QPushButton *m_register = nullptr;
    bool m_reachable = true;
};

} // namespace ncre
