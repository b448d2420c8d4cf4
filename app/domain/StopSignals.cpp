#include "StopSignals.h"

#ifndef Q_OS_WIN
#include <QSocketNotifier>

#include <csignal>
#include <unistd.h>
#endif

namespace ncre {

#ifndef Q_OS_WIN
namespace {

int g_pipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_pipe[1], &byte, 1);
}

} // namespace
#endif

void stopOnSignals(QCoreApplication &app, std::function<void()> stop)
{
#ifndef Q_OS_WIN
    if (g_pipe[0] >= 0 || ::pipe(g_pipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_pipe[0], QSocketNotifier::Read, &app);
    QObject::connect(notifier, &QSocketNotifier::activated, &app, [stop = std::move(stop)]() {
        char byte = 0;
        [[maybe_unused]] const auto got = ::read(g_pipe[0], &byte, 1);
        stop();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
#else
    Q_UNUSED(app)
    Q_UNUSED(stop)
#endif
}

} // namespace ncre
