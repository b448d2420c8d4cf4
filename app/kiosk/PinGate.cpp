#include "PinGate.h"

#include "SecretBox.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSaveFile>
#include <QFutureWatcher>
#include <QPointer>
#include <QtConcurrent/QtConcurrentRun>

namespace ncre {

PinGate::PinGate(QByteArray pinHash, std::function<qint64()> nowMs, QString statePath, QObject *parent)
    : QObject(parent)
    , m_hash(std::move(pinHash))
    , m_statePath(std::move(statePath))
    , m_now(std::move(nowMs))
{
    if (!m_now)
        m_now = []() { return QDateTime::currentMSecsSinceEpoch(); };
    if (QFile state(m_statePath); !m_statePath.isEmpty() && state.open(QIODevice::ReadOnly)) {
        const QList<QByteArray> fields = state.read(64).trimmed().split(' ');
        if (fields.size() == 2) {
            m_failures = qBound(0, fields.at(0).toInt(), kAttempts - 1);
            // Never more than a whole lock from now, whatever the clock did meanwhile.
            m_lockedUntilMs = qMin(fields.at(1).toLongLong(), m_now() + qint64(kLockSeconds) * 1000);
        }
    }
}

void PinGate::save() const
{
    if (m_statePath.isEmpty())
        return;
    QDir().mkpath(QFileInfo(m_statePath).absolutePath());
    QSaveFile state(m_statePath);
    if (state.open(QIODevice::WriteOnly)) {
        state.write(QByteArray::number(m_failures) + ' ' + QByteArray::number(m_lockedUntilMs) + '\n');
        state.commit();
    }
}

int PinGate::secondsLocked() const
{
    const qint64 left = qMin(m_lockedUntilMs - m_now(), qint64(kLockSeconds) * 1000);
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
            save();
            emit accepted();
            return;
        }
        if (++m_failures >= kAttempts) {
            m_failures = 0;
            m_lockedUntilMs = m_now() + qint64(kLockSeconds) * 1000;
            save();
            emit lockedOut(kLockSeconds);
            return;
        }
        save();
        emit refused(attemptsLeft());
    });
    watcher->setFuture(QtConcurrent::run([hash = m_hash, pin]() { return SecretBox::verifyPassword(hash, pin); }));
}

} // namespace ncre
