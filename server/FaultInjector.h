#pragma once

#include <QList>
#include <QString>

#include <optional>

namespace ncre::server {

// Faults on chosen routes, for tests (--test-hooks; compiled only with NCRE_TEST_HOOKS): for requests whose path
// starts with a prefix, the next `count` answers are a 503 with Retry-After, a dropped connection, a delay before
// the real answer, or the real answer cut off halfway through its body (a connection lost mid-download). The test
// hook routes themselves are never faulted.
class FaultInjector
{
public:
    enum class Kind { Unavailable, Drop, Delay, Truncate };
    struct Fault
    {
        QString pathPrefix;
        Kind kind = Kind::Unavailable;
        int remaining = 1;
        int delayMs = 0;           // Delay
        int retryAfterSeconds = 1; // Unavailable
    };

    // "unavailable" | "drop" | "delay" | "truncate"; nullopt for anything else.
    static std::optional<Kind> kindFromName(const QString &name);

    void inject(const Fault &fault) { m_faults.append(fault); }
    void clear() { m_faults.clear(); }
    // The fault that applies to a request for `path`, counted as spent; nullopt when none does.
    std::optional<Fault> take(const QString &path);

private:
    QList<Fault> m_faults;
};

} // namespace ncre::server
