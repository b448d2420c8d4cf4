#pragma once

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>

namespace ncre {

// The kiosk's idle countdown (architecture §6, issue 16). Watches every input event the application receives
// (touch, mouse, keys, wheel, tablet, input method). After `idleMs` without one it starts a countdown of
// `countdownMs`, ticking each second; any input cancels the countdown and starts the idle time over. At zero:
// expired(), and the watcher stops until start() is called again (the kiosk wipes the session and shows its welcome
// screen). Inactive until start().
class IdleWatcher : public QObject
{
    Q_OBJECT

public:
    explicit IdleWatcher(QObject *parent = nullptr);
    ~IdleWatcher() override;

    void setTimeouts(int idleMs, int countdownMs);
    int idleMs() const { return m_idleMs; }
    int countdownMs() const { return m_countdownMs; }
    void start();
    void stop();
    bool isActive() const { return m_active; }
    bool isCountingDown() const { return m_countdown.isActive(); }
    // Whole seconds the countdown has left (rounded up); 0 when not counting down.
    int secondsLeft() const;

signals:
    void countdownStarted(int seconds);
    void countdownTick(int secondsLeft);
    void countdownCancelled();
    void expired();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void beginCountdown();
    void tick();

    int m_idleMs = 90000;
    int m_countdownMs = 30000;
    bool m_active = false;
    bool m_swallowGesture = false; // the press that cancelled the countdown was eaten: so is its release
    QTimer m_idle;
    QTimer m_countdown;
    QElapsedTimer m_countdownClock;
};

} // namespace ncre
