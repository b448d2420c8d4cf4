#include "RegistrationPoller.h"

#include "Alive.h"
#include "NetLogging.h"

#include <QNetworkInformation>
#include <utility>

namespace ncre {

RegistrationPoller::RegistrationPoller(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_intervalMs(m_intervals.baseMs)
{
    m_timer.setSingleShot(true);
    connect(&m_timer, &QTimer::timeout, this, &RegistrationPoller::poll);
}

void RegistrationPoller::setIntervals(Intervals intervals)
{
    m_intervals = intervals;
    m_intervalMs = intervals.baseMs;
}

void RegistrationPoller::start()
{
    m_running = true;
    m_intervalMs = m_intervals.baseMs;
    poll();
}

void RegistrationPoller::stop()
{
    m_running = false;
    m_timer.stop();
}

void RegistrationPoller::userActivity()
{
    m_intervalMs = m_intervals.baseMs;
    if (m_running && m_online && !m_inFlight && m_timer.remainingTime() > m_intervalMs)
        m_timer.start(m_intervalMs);
}

void RegistrationPoller::followSystemReachability()
{
    if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability))
        return; // no backend (e.g. a minimal container): assume online, as before
    auto *info = QNetworkInformation::instance();
    connect(info, &QNetworkInformation::reachabilityChanged, this, [this](QNetworkInformation::Reachability r) {
        setOnline(r != QNetworkInformation::Reachability::Disconnected);
    });
    setOnline(info->reachability() != QNetworkInformation::Reachability::Disconnected);
}

void RegistrationPoller::setOnline(bool online)
{
    if (online == m_online)
        return;
    m_online = online;
    if (!online) {
        m_timer.stop();
        return;
    }
    // Back online: look now, anything may have happened meanwhile.
    m_intervalMs = m_intervals.baseMs;
    if (m_running && !m_inFlight)
        poll();
}

void RegistrationPoller::poll()
{
    if (!m_running || !m_online || m_inFlight)
        return;
    m_inFlight = true;
    m_api.registration(m_etag, alive(this, [this](Result<std::optional<Registration>, Problem> result, QByteArray etag) {
        m_inFlight = false;
        if (!result) {
            emit failed(result.error());
        } else if (result.value()) {
            m_etag = std::move(etag);
            m_last = *result.value();
            m_intervalMs = m_intervals.baseMs;
            emit changed(*m_last);
        } else {
            m_intervalMs = qMin(m_intervalMs * 2, m_intervals.maxMs);
            emit unchanged();
        }
        scheduleNext();
    }));
}

void RegistrationPoller::scheduleNext()
{
    if (m_running && m_online)
        m_timer.start(m_intervalMs);
}

} // namespace ncre
