#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace ncre {

// The staff PIN gate of a kiosk (architecture §6, issue 16): the way out of the kiosk and into the staff panel.
// A PIN is checked against the configured crypto_pwhash_str hash (Argon2id, SecretBox::verifyPassword) off the GUI
// thread, one check at a time. kAttempts wrong PINs in a row lock the gate for kLockSeconds; while locked nothing is
// checked, and the lock is counted on the injected clock (milliseconds since the epoch) so tests move time
// themselves. With a state file the count of wrong PINs and the lock survive a restart or a power cut (a kiosk's
// service restarts the program): the file holds two numbers, never a PIN. A clock set back never lengthens a lock
// beyond kLockSeconds.
class PinGate : public QObject
{
    Q_OBJECT

public:
    static constexpr int kAttempts = 5;
    static constexpr int kLockSeconds = 5 * 60;

    // `nowMs`: milliseconds since the epoch (the system clock by default); `statePath`: where the count and the lock
    // are kept between runs (none: in memory only). KioskSpace::pinStateFile() for a kiosk.
    explicit PinGate(QByteArray pinHash, std::function<qint64()> nowMs = {}, QString statePath = {}, QObject *parent = nullptr);

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
    void save() const;

    QByteArray m_hash;
    QString m_statePath;
    std::function<qint64()> m_now;
    int m_failures = 0;
    qint64 m_lockedUntilMs = 0;
    bool m_checking = false;
};

} // namespace ncre
