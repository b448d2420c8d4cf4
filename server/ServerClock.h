#pragma once

#include <QDateTime>

namespace ncre::server {

// The server's notion of now. Tests move it (--test-hooks) to reach payment deadlines and ticket windows without
// waiting; production never does.
class ServerClock
{
public:
    QDateTime now() const { return QDateTime::currentDateTimeUtc().addSecs(m_offsetSeconds); }
    qint64 nowSecs() const { return QDateTime::currentSecsSinceEpoch() + m_offsetSeconds; }
    void advance(qint64 seconds) { m_offsetSeconds += seconds; }
    void setNow(const QDateTime &t) { m_offsetSeconds = QDateTime::currentDateTimeUtc().secsTo(t); }
    qint64 offsetSeconds() const { return m_offsetSeconds; }

private:
    qint64 m_offsetSeconds = 0;
};

} // namespace ncre::server
