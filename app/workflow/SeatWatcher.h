#pragma once

#include "ApiClient.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace ncre {

// Watches full test sites for seats that come back (a candidate changed subjects, an unpaid registration expired):
// polls the watched sites' subjects and signals a subject whose seats went from none to some.
class SeatWatcher : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(Result<void, Problem>)>;

    explicit SeatWatcher(ApiClient &api, QObject *parent = nullptr);

    void setExam(const QString &examId) { m_examId = examId; }
    void setIntervalMs(int ms) { m_timer.setInterval(ms); }
    // Watching starts from what the next check sees: a subject full then, free later, is signalled.
    void watch(const QString &siteId);
    void unwatch(const QString &siteId);
    void clear();
    QStringList watched() const { return m_seen.keys(); }
    void check(const Done &done);

signals:
    void seatsFreed(const QString &siteId, const QString &subjectId, int seatsLeft);

private:
    ApiClient &m_api;
    QString m_examId;
    QHash<QString, QHash<QString, int>> m_seen; // site -> subject -> seats left when last seen
    QTimer m_timer;
};

} // namespace ncre
