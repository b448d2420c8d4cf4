#pragma once

#include "ApiClient.h"

#include <QObject>
#include <QTimer>

namespace ncre {

// Watches GET /registrations/current with If-None-Match (architecture §3): the interval doubles while nothing
// changes, up to a ceiling, and drops back to the base when something changes or the user acts; polling pauses while
// the network is down and resumes at once when it returns.
class RegistrationPoller : public QObject
{
    Q_OBJECT

public:
    struct Intervals
    {
        int baseMs = 15'000;
        int maxMs = 5 * 60'000;
    };

    explicit RegistrationPoller(ApiClient &api, QObject *parent = nullptr);

    void setIntervals(Intervals intervals);
    void start();
    void stop();
    // The user did something (opened a page, pressed a button): the next poll comes soon again.
    void userActivity();
    // Follow QNetworkInformation's reachability (when a backend is available on this system).
    void followSystemReachability();
    void setOnline(bool online);

    int currentIntervalMs() const { return m_intervalMs; }
    bool isOnline() const { return m_online; }
    const std::optional<Registration> &last() const { return m_last; }

signals:
    void changed(const ncre::Registration &registration);
    void unchanged();
    void failed(const ncre::Problem &problem);

private:
    void poll();
    void scheduleNext();

    ApiClient &m_api;
    Intervals m_intervals;
    QTimer m_timer;
    int m_intervalMs;
    bool m_running = false;
    bool m_online = true;
    bool m_inFlight = false;
    QByteArray m_etag;
    std::optional<Registration> m_last;
};

} // namespace ncre
