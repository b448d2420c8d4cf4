#pragma once

#include <QDateTime>
#include <QList>
#include <QSet>

namespace ncre {

enum class DeadlineKind { RegistrationCloses, PaymentDue, TicketOpens, TicketCloses, OnSiteConfirmation };

struct Deadline
{
    DeadlineKind kind;
    QDateTime at; // server time, UTC
};

// A reminder that a deadline is near: `leadSeconds` before `deadline.at` (0: the moment itself, e.g. the ticket
// window opening).
struct Reminder
{
    Deadline deadline;
    qint64 leadSeconds = 0;
};

// Which reminders are due, each said once: for every deadline still ahead, each lead time (default a day and an
// hour before) once its moment has passed; when several are due at once (the app was closed), only the most
// urgent. The ticket window's opening is said at the moment itself, for a day.
class ReminderSchedule
{
public:
    void setLeads(QList<qint64> leadSeconds) { m_leads = std::move(leadSeconds); }
    QList<Reminder> due(const QList<Deadline> &deadlines, const QDateTime &now);
    void clear() { m_said.clear(); }

private:
    QList<qint64> m_leads{24 * 3600, 3600};
    QSet<QString> m_said;
};

} // namespace ncre
