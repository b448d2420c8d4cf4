#include "ReminderSchedule.h"

#include <algorithm>
#include <optional>

namespace ncre {

QList<Reminder> ReminderSchedule::due(const QList<Deadline> &deadlines, const QDateTime &now)
{
    QList<Reminder> out;
    for (const Deadline &d : deadlines) {
        QList<qint64> leads = d.kind == DeadlineKind::TicketOpens ? QList<qint64>{0} : m_leads;
        std::sort(leads.begin(), leads.end(), std::greater<>());
        std::optional<Reminder> urgent;
        for (qint64 lead : leads) {
            const QString key = QStringLiteral("%1/%2/%3").arg(int(d.kind)).arg(d.at.toSecsSinceEpoch()).arg(lead);
            if (m_said.contains(key))
                continue;
            const QDateTime moment = d.at.addSecs(-lead);
            const bool stillAhead = lead == 0 ? now < d.at.addDays(1) : now < d.at;
            if (moment <= now && stillAhead) {
                m_said.insert(key);
                urgent = Reminder{d, lead};
            }
        }
        if (urgent)
            out.append(*urgent);
    }
    return out;
}

} // namespace ncre
