#include "PinGate.h"
#include "SecretBox.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace ncre;

// PinGate (issue 16): the right PIN opens, a wrong one says how many tries are left, the fifth wrong PIN in a row
// locks the gate for five minutes on the gate's clock, nothing is checked while locked, and it opens again after.
class TestPinGate : public QObject
{
    Q_OBJECT

private:
    QByteArray m_hash;
    qint64 m_now = 1'000'000;

    static void answer(PinGate &gate, const QString &pin)
    {
        QSignalSpy accepted(&gate, &PinGate::accepted);
        QSignalSpy refused(&gate, &PinGate::refused);
        QSignalSpy locked(&gate, &PinGate::lockedOut);
        gate.check(pin);
        QVERIFY(gate.isChecking());
        QTRY_VERIFY_WITH_TIMEOUT(accepted.count() + refused.count() + locked.count() == 1, 20000);
        QVERIFY(!gate.isChecking());
    }

private slots:
    void initTestCase() { m_hash = SecretBox::passwordVerifier(QStringLiteral("480213")); }

    void testRightPinOpens()
    {
        PinGate gate(m_hash, [this]() { return m_now; });
        QSignalSpy accepted(&gate, &PinGate::accepted);
        answer(gate, QStringLiteral("480213"));
        QCOMPARE(accepted.count(), 1);
    }

    void testFiveWrongPinsLockForFiveMinutes()
    {
        PinGate gate(m_hash, [this]() { return m_now; });
        QSignalSpy refused(&gate, &PinGate::refused);
        QSignalSpy locked(&gate, &PinGate::lockedOut);
        QSignalSpy accepted(&gate, &PinGate::accepted);
        for (int i = 1; i < PinGate::kAttempts; ++i) {
            answer(gate, QStringLiteral("000001"));
            QCOMPARE(refused.last().at(0).toInt(), PinGate::kAttempts - i);
        }
        QVERIFY(!gate.isLocked());
        answer(gate, QStringLiteral("000001"));
        QCOMPARE(locked.count(), 1);
        QCOMPARE(locked.last().at(0).toInt(), 300);
        QVERIFY(gate.isLocked());
        QCOMPARE(gate.secondsLocked(), 300);

        // While locked even the right PIN is not checked.
        gate.check(QStringLiteral("480213"));
        QVERIFY(!gate.isChecking());
        m_now += 299'001;
        QCOMPARE(gate.secondsLocked(), 1);
        gate.check(QStringLiteral("480213"));
        QVERIFY(!gate.isChecking());
        QCOMPARE(accepted.count(), 0);

        // Five minutes on: open, with the full count of tries again.
        m_now += 1'000;
        QVERIFY(!gate.isLocked());
        QCOMPARE(gate.attemptsLeft(), PinGate::kAttempts);
        answer(gate, QStringLiteral("480213"));
        QCOMPARE(accepted.count(), 1);
    }

    void testRightPinResetsTheCount()
    {
        PinGate gate(m_hash, [this]() { return m_now; });
        QSignalSpy locked(&gate, &PinGate::lockedOut);
        for (int i = 0; i < PinGate::kAttempts - 1; ++i)
            answer(gate, QStringLiteral("000001"));
        answer(gate, QStringLiteral("480213"));
        QCOMPARE(gate.attemptsLeft(), PinGate::kAttempts);
        answer(gate, QStringLiteral("000001"));
        QCOMPARE(locked.count(), 0);
    }

    // The count and the lock survive a restart (the kiosk's service restarts the program), and a clock set back does
    // not lengthen the lock.
    void testLockSurvivesARestart()
    {
        QTemporaryDir dir;
        const QString state = dir.filePath("state/staff-pin");
        {
            PinGate gate(m_hash, [this]() { return m_now; }, state);
            for (int i = 0; i < PinGate::kAttempts - 1; ++i)
                answer(gate, QStringLiteral("000001"));
        }
        {
            PinGate gate(m_hash, [this]() { return m_now; }, state);
            QCOMPARE(gate.attemptsLeft(), 1);
            QSignalSpy locked(&gate, &PinGate::lockedOut);
            answer(gate, QStringLiteral("000001"));
            QCOMPARE(locked.count(), 1);
        }
        QFile file(state);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(!file.readAll().contains("000001")); // two numbers, never a PIN
        {
            PinGate gate(m_hash, [this]() { return m_now; }, state);
            QVERIFY(gate.isLocked());
            QCOMPARE(gate.secondsLocked(), PinGate::kLockSeconds);
        }
        m_now -= 3'600'000; // the clock set back an hour: still five minutes at most
        {
            PinGate gate(m_hash, [this]() { return m_now; }, state);
            QCOMPARE(gate.secondsLocked(), PinGate::kLockSeconds);
        }
        m_now += 3'600'000 + qint64(PinGate::kLockSeconds) * 1000;
        PinGate gate(m_hash, [this]() { return m_now; }, state);
        QVERIFY(!gate.isLocked());
        QCOMPARE(gate.attemptsLeft(), PinGate::kAttempts);
    }

    void testOneCheckAtATime()
    {
        PinGate gate(m_hash, [this]() { return m_now; });
        QSignalSpy refused(&gate, &PinGate::refused);
        QSignalSpy accepted(&gate, &PinGate::accepted);
        gate.check(QStringLiteral("000001"));
        gate.check(QStringLiteral("480213")); // ignored: the first is still being checked
        QTRY_VERIFY_WITH_TIMEOUT(!gate.isChecking(), 20000);
        QCOMPARE(refused.count(), 1);
        QCOMPARE(accepted.count(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPinGate)
#include "TestPinGate.moc"
