#include "PinGate.h"

#include "SecretBox.h"

#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace ncre {

PinGate::PinGate(QByteArray pinHash, std::function<qint64()> nowMs, QObject *parent)
    : QObject(parent)
    , m_hash(std::move(pinHash))
    , m_now(std::move(nowMs))
{
    if (!m_now) {
        auto clock = std::make_shared<QElapsedTimer>();
        clock->start();
        m_now = [clock]() { return clock->elapsed(); };
    }
}

int PinGate::secondsLocked() const
{
    const qint64 left = m_lockedUntilMs - m_now();
    return left > 0 ? int((left + 999) / 1000) : 0;
}

void PinGate::check(const QString &pin)
{
    if (m_checking || isLocked())
        return;
    m_checking = true;
    // Argon2id takes some 100 ms and 64 MiB: never on the GUI thread.
    auto *watcher = new QFutureWatcher<bool>(this);
    connect(watcher, &QFutureWatcher<bool>::finished, this, [this, watcher]() {
        watcher->deleteLater();
        m_checking = false;
        if (watcher->result()) {
            m_failures = 0;
            emit accepted();
            return;
        }
        if (++m_failures >= kAttempts) {
            m_failures = 0;
            m_lockedUntilMs = m_now() + qint64(kLockSeconds) * 1000;
            emit lockedOut(kLockSeconds);
            return;
        }
        emit refused(attemptsLeft());
    });
    watcher->setFuture(QtConcurrent::run([hash = m_hash, pin]() { return SecretBox::verifyPassword(hash, pin); }));
}

} // namespace ncre
