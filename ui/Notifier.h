#pragma once

#include "RegistrationFlow.h"

#include <QObject>

class QSystemTrayIcon;

namespace ncre {

// Turns what the flow finds by itself — the site's decision, the payment confirmed, the ticket window opening, a
// deadline near, seats back at a watched site, a queued submission refused — into a desktop notification and a line
// the main window shows. The notification goes to the desktop's notification service over D-Bus where there is a
// session bus (Linux: GNOME shows no tray icon), else to the tray (QSystemTrayIcon).
class Notifier : public QObject
{
    Q_OBJECT

public:
    explicit Notifier(RegistrationFlow &flow, QObject *parent = nullptr);
    ~Notifier() override;

    QStringList history() const { return m_history; }
    static QString reminderText(const Reminder &reminder);

signals:
    void notified(const QString &title, const QString &text);

private:
    void notify(const QString &title, const QString &text);
    void stateChanged(const Registration &registration);

    RegistrationFlow &m_flow;
    QSystemTrayIcon *m_tray = nullptr;
    std::optional<RegistrationState> m_lastState;
    QStringList m_history;
    QDateTime m_announcedPaymentDue;
};

} // namespace ncre
