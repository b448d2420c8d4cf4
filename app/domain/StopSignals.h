#pragma once

#include <QCoreApplication>

#include <functional>

namespace ncre {

// SIGTERM (systemctl stop, a shutdown) and SIGINT run `stop` on the event loop instead of killing the process:
// ncre-server ends cleanly, the kiosk wipes the session first. A signal handler may only write(): it writes to a
// pipe the event loop watches (QSocketNotifier). Once per process; nothing on Windows. Shared by the server and the
// desk, which have only this library in common.
void stopOnSignals(QCoreApplication &app, std::function<void()> stop);

} // namespace ncre
