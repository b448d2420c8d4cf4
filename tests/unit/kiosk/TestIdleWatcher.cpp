#include "IdleWatcher.h"

#include <QCoreApplication>
#include <QEvent>
#include <QSignalSpy>
#include <QTest>

using namespace ncre;

// IdleWatcher (issue 16): after the idle time the countdown starts and ticks; any input cancels it and starts the
// idle time over; at zero it expires once and stops; other events (timers, paints) are not input.
class TestIdleWatcher : public QObject
{
    Q_OBJECT

private:
    static void input(QEvent::Type type)
    {
        QObject target;
        QEvent event(type);
        QCoreApplication::sendEvent(&target, &event);
    }

private slots:
    void testCountdownStartsTicksAndExpires()
    {
        IdleWatcher idle;
        idle.setTimeouts(50, 600);
        QSignalSpy started(&idle, &IdleWatcher::countdownStarted);
        QSignalSpy ticks(&idle, &IdleWatcher::countdownTick);
        QSignalSpy expired(&idle, &IdleWatcher::expired);
        idle.start();
        QVERIFY(started.wait(5000));
        QCOMPARE(started.last().at(0).toInt(), 1); // 600 ms, rounded up
        QVERIFY(idle.isCountingDown());
        QVERIFY(expired.wait(5000));
        QVERIFY(ticks.count() >= 1);
        QCOMPARE(expired.count(), 1);
        QVERIFY(!idle.isActive());
        QVERIFY(!idle.isCountingDown());
        // Stopped: input does not start it again.
        input(QEvent::KeyPress);
        QVERIFY(!expired.wait(300));
    }

    void testInputCancelsTheCountdown_data()
    {
        QTest::addColumn<int>("type");
        QTest::addRow("touch") << int(QEvent::TouchBegin);
        QTest::addRow("mouse press") << int(QEvent::MouseButtonPress);
        QTest::addRow("key") << int(QEvent::KeyPress);
        QTest::addRow("wheel") << int(QEvent::Wheel);
        QTest::addRow("input method") << int(QEvent::InputMethod);
    }
    void testInputCancelsTheCountdown()
    {
        QFETCH(int, type);
        IdleWatcher idle;
        idle.setTimeouts(50, 60'000);
        QSignalSpy started(&idle, &IdleWatcher::countdownStarted);
        QSignalSpy cancelled(&idle, &IdleWatcher::countdownCancelled);
        idle.start();
        QVERIFY(started.wait(5000));
        input(QEvent::Type(type));
        QCOMPARE(cancelled.count(), 1);
        QVERIFY(!idle.isCountingDown());
        QCOMPARE(idle.secondsLeft(), 0);
        // The idle time starts over: a new countdown follows.
        QVERIFY(started.wait(5000));
        QCOMPARE(started.count(), 2);
    }

    // A pointer that only moves (an X11 touch screen moves the emulated pointer before it presses) leaves the
    // countdown on screen; the press that cancels it is eaten, and so is its release: it never reaches what is under
    // the warning (it once pressed «退出并清除» there). The next press goes through.
    void testTheCancellingTouchIsEaten()
    {
        struct Counter : QObject
        {
            int received = 0;
            bool event(QEvent *e) override
            {
                if (e->type() == QEvent::MouseButtonPress || e->type() == QEvent::MouseButtonRelease)
                    ++received;
                return QObject::event(e);
            }
        } target;
        IdleWatcher idle;
        idle.setTimeouts(50, 60'000);
        QSignalSpy started(&idle, &IdleWatcher::countdownStarted);
        QSignalSpy cancelled(&idle, &IdleWatcher::countdownCancelled);
        idle.start();
        QVERIFY(started.wait(5000));
        QEvent move(QEvent::MouseMove);
        QCoreApplication::sendEvent(&target, &move);
        QVERIFY(idle.isCountingDown());
        QCOMPARE(cancelled.count(), 0);
        QEvent press(QEvent::MouseButtonPress), release(QEvent::MouseButtonRelease);
        QCoreApplication::sendEvent(&target, &press);
        QCoreApplication::sendEvent(&target, &release);
        QCOMPARE(cancelled.count(), 1);
        QCOMPARE(target.received, 0);
        QEvent again(QEvent::MouseButtonPress);
        QCoreApplication::sendEvent(&target, &again);
        QCOMPARE(target.received, 1);
    }

    void testOtherEventsAreNotInput()
    {
        IdleWatcher idle;
        idle.setTimeouts(50, 60'000);
        QSignalSpy started(&idle, &IdleWatcher::countdownStarted);
        QSignalSpy cancelled(&idle, &IdleWatcher::countdownCancelled);
        idle.start();
        QVERIFY(started.wait(5000));
        for (QEvent::Type type : {QEvent::Timer, QEvent::Paint, QEvent::UpdateRequest, QEvent::Enter, QEvent::FocusIn})
            input(type);
        QCOMPARE(cancelled.count(), 0);
        QVERIFY(idle.isCountingDown());
    }

    void testInactiveUntilStarted()
    {
        IdleWatcher idle;
        idle.setTimeouts(20, 20);
        QSignalSpy started(&idle, &IdleWatcher::countdownStarted);
        QVERIFY(!started.wait(200));
        idle.start();
        QVERIFY(started.wait(5000));
        idle.stop();
        QSignalSpy expired(&idle, &IdleWatcher::expired);
        QVERIFY(!expired.wait(200));
    }
};

QTEST_GUILESS_MAIN(TestIdleWatcher)
#include "TestIdleWatcher.moc"
