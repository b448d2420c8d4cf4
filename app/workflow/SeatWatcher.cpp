#include "SeatWatcher.h"

#include "Alive.h"

namespace ncre {

SeatWatcher::SeatWatcher(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    m_timer.setInterval(60'000);
    connect(&m_timer, &QTimer::timeout, this, [this]() { check([](const Result<void, Problem> &) {}); });
}

void SeatWatcher::watch(const QString &siteId)
{
    if (!m_seen.contains(siteId))
        m_seen.insert(siteId, {});
    if (!m_timer.isActive())
        m_timer.start();
}

void SeatWatcher::unwatch(const QString &siteId)
{
    m_seen.remove(siteId);
    if (m_seen.isEmpty())
        m_timer.stop();
}

void SeatWatcher::clear()
{
    m_seen.clear();
    m_timer.stop();
}

void SeatWatcher::check(const Done &done)
{
    if (m_examId.isEmpty() || m_seen.isEmpty()) {
        done({});
        return;
    }
    auto remaining = std::make_shared<int>(int(m_seen.size()));
    auto firstError = std::make_shared<Result<void, Problem>>();
    const QStringList siteIds = m_seen.keys();
    for (const QString &siteId : siteIds) {
        m_api.subjects(m_examId, siteId, alive(this, [this, siteId, remaining, firstError, done](Result<QList<Subject>, Problem> r) {
            if (!r) {
                if (*firstError)
                    *firstError = r.error();
            } else if (m_seen.contains(siteId)) {
                QHash<QString, int> &seen = m_seen[siteId];
                for (const Subject &s : r.value()) {
                    const int before = seen.value(s.id, -1);
                    seen.insert(s.id, s.seatsLeft);
                    if (before == 0 && s.seatsLeft > 0)
                        emit seatsFreed(siteId, s.id, s.seatsLeft);
                }
            }
            if (--*remaining == 0)
                done(*firstError);
        }));
    }
}

} // namespace ncre
