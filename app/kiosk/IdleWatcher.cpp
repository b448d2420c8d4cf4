#include "IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>

namespace ncre {

namespace {

bool isInput(QEvent::Type type)
{
    switch (type) {
    case QEvent::MouseButtonPress:
    case QEvent::MouseButtonRelease:
    case QEvent::MouseButtonDblClick:
    case QEvent::MouseMove:
    case QEvent::KeyPress:
    case QEvent::KeyRelease:
    case QEvent::Wheel:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::TouchEnd:
    case QEvent::TabletPress:
    case QEvent::TabletMove:
    case QEvent::InputMethod:
        return true;
    default:
        return false;
    }
}

} // namespace

IdleWatcher::IdleWatcher(QObject *parent)
    : QObject(parent)
{
    m_idle.setSingleShot(true);
    connect(&m_idle, &QTimer::timeout, this, &IdleWatcher::beginCountdown);
    m_countdown.setInterval(1000);
    connect(&m_countdown, &QTimer::timeout, this, &IdleWatcher::tick);
    QCoreApplication::instance()->installEventFilter(this);
}

IdleWatcher::~IdleWatcher()
{
    if (QCoreApplication::instance())
        QCoreApplication::instance()->removeEventFilter(this);
}

void IdleWatcher::setTimeouts(int idleMs, int countdownMs)
{
    m_idleMs = idleMs;
    m_countdownMs = countdownMs;
    // The countdown ticks each second, or faster when it is shorter than a few seconds (tests).
    m_countdown.setInterval(qBound(10, countdownMs / 3, 1000));
}

void IdleWatcher::start()
{
    m_active = true;
    m_countdown.stop();
    m_idle.start(m_idleMs);
}

void IdleWatcher::stop()
{
    m_active = false;
    m_idle.stop();
    m_countdown.stop();
}

int IdleWatcher::secondsLeft() const
{
    if (!m_countdown.isActive())
        return 0;
    const qint64 left = m_countdownMs - m_countdownClock.elapsed();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

bool IdleWatcher::eventFilter(QObject *watched, QEvent *event)
{
    // Each event reaches the filter once per receiver it passes through; only the time of the latest matters.
    const QEvent::Type type = event->type();
    // The touch (or key) that cancels the countdown does only that: it and the rest of its gesture never reach the
    // screen under the warning, where it could open a page, or touch «Log out and clear».
    const bool press = type == QEvent::MouseButtonPress || type == QEvent::MouseButtonDblClick || type == QEvent::TouchBegin
        || type == QEvent::KeyPress || type == QEvent::TabletPress || type == QEvent::Wheel;
    const bool release = type == QEvent::MouseButtonRelease || type == QEvent::TouchEnd || type == QEvent::KeyRelease
        || type == QEvent::TouchUpdate || type == QEvent::TabletRelease;
    if (m_swallowGesture && release) {
        if (type != QEvent::TouchUpdate)
            m_swallowGesture = false;
        return true;
    }
    if (m_active && isInput(type)) {
        const bool counting = m_countdown.isActive();
        // While the warning shows, only a press answers it: an X11 touch screen moves the emulated pointer to the
        // spot before it presses, and a move that cancelled the warning let that press through to what was under it.
        if (counting && (type == QEvent::MouseMove || type == QEvent::TabletMove || type == QEvent::TouchUpdate))
            return QObject::eventFilter(watched, event);
        m_idle.start(m_idleMs);
        if (counting) {
            m_countdown.stop();
            emit countdownCancelled();
            if (press) {
                m_swallowGesture = type != QEvent::Wheel;
                return true;
            }
        }
    }
    return QObject::eventFilter(watched, event);
}

void IdleWatcher::beginCountdown()
{
    if (!m_active)
        return;
    m_countdownClock.start();
    m_countdown.start();
    emit countdownStarted(secondsLeft());
}

void IdleWatcher::tick()
{
    if (m_countdownClock.elapsed() >= m_countdownMs) {
        stop();
        emit expired();
        return;
    }
    emit countdownTick(secondsLeft());
}

} // namespace ncre
