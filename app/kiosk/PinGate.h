#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace ncre {

// The staff PIN gate of a kiosk (architecture §6, issue 16): the way out of the kiosk and into the staff panel.
// A PIN is checked against the configured crypto_pwhash_str hash (Argon2id, SecretBox::verifyPassword) off the GUI
// thread, one check at a time. kAttempts wrong PINs in a row lock the gate for kLockSeconds; while locked nothing is
// checked, and the lock is counted on the injected clock (milliseconds, monotonic) so tests move time themselves.
class PinGate : public QObject
{
    Q_OBJECT

public:
    static constexpr int kAttempts = 5;
    static constexpr int kLockSeconds = 5 * 60;

    // `nowMs`: a monotonic clock in milliseconds (QElapsedTimer's by default).
    explicit PinGate(QByteArray pinHash, std::function<qint64()> nowMs = {}, QObject *parent = nullptr);

    // Checks `pin`; answers with accepted(), refused() or lockedOut(). Ignored while locked or while a check runs.
    void check(const QString &pin);
    bool isChecking() const { return m_checking; }
    bool isLocked() const { return secondsLocked() > 0; }
    // Whole seconds until the gate opens again (rounded up); 0 when open.
    int secondsLocked() const;
    // Wrong PINs left before the lock.
    int attemptsLeft() const { return kAttempts - m_failures; }

signals:
    void accepted();
    void refused(int attemptsLeft);
    void lockedOut(int seconds);

private:
    QByteArray m_hash;
    std::function<qint64()> m_now;
    int m_failures = 0;
    qint64 m_lockedUntilMs = 0;
    bool m_checking = false;
};

} // namespace ncre
