#include "FlowGuide.h"
#include "ReminderSchedule.h"

#include <QTest>

using namespace ncre;

// Which reminder is said when, and only once.
class TestReminderSchedule : public QObject
{
    Q_OBJECT

private:
    const QDateTime m_due = QDateTime(QDate(2027, 1, 10), QTime(12, 0), Qt::UTC);

private slots:
    void testDue_data()
    {
        QTest::addColumn<qint64>("secondsBefore"); // now = deadline - secondsBefore
        QTest::addColumn<qint64>("lead");          // the reminder said, or -1 for none
        QTest::addRow("two days before: nothing") << qint64(48 * 3600) << qint64(-1);
        QTest::addRow("23 hours before: the day's") << qint64(23 * 3600) << qint64(24 * 3600);
        QTest::addRow("30 minutes before, app just opened: the hour's only") << qint64(1800) << qint64(3600);
        QTest::addRow("past the deadline: nothing") << qint64(-60) << qint64(-1);
    }
    void testDue()
    {
        QFETCH(qint64, secondsBefore);
        QFETCH(qint64, lead);
        ReminderSchedule schedule;
        const QList<Deadline> deadlines{{DeadlineKind::PaymentDue, m_due}};
        const QList<Reminder> due = schedule.due(deadlines, m_due.addSecs(-secondsBefore));
        if (lead < 0) {
            QVERIFY(due.isEmpty());
            return;
        }
        QCOMPARE(due.size(), 1);
        QCOMPARE(due.first().leadSeconds, lead);
        QCOMPARE(due.first().deadline.kind, DeadlineKind::PaymentDue);
        // Said once.
        QVERIFY(schedule.due(deadlines, m_due.addSecs(-secondsBefore + 1)).isEmpty());
    }

    void testEachLeadOnceThroughTime()
    {
        ReminderSchedule schedule;
        const QList<Deadline> deadlines{{DeadlineKind::RegistrationCloses, m_due}};
        QList<qint64> said;
        for (qint64 before = 30 * 3600; before > -3600; before -= 600)
            for (const Reminder &r : schedule.due(deadlines, m_due.addSecs(-before)))
                said << r.leadSeconds;
        QCOMPARE(said, (QList<qint64>{24 * 3600, 3600}));
        schedule.clear();
        QCOMPARE(schedule.due(deadlines, m_due.addSecs(-1800)).size(), 1); // cleared: said again
    }

    void testTicketWindowOpeningIsSaidAtTheMoment()
    {
        ReminderSchedule schedule;
        const QList<Deadline> deadlines{{DeadlineKind::TicketOpens, m_due}};
        QVERIFY(schedule.due(deadlines, m_due.addSecs(-3600)).isEmpty()); // no countdown for an opening
        const QList<Reminder> open = schedule.due(deadlines, m_due.addSecs(120));
        QCOMPARE(open.size(), 1);
        QCOMPARE(open.first().leadSeconds, 0);
        QVERIFY(schedule.due(QList<Deadline>{{DeadlineKind::TicketOpens, m_due}}, m_due.addDays(2)).isEmpty());
    }

    void testCustomLeads()
    {
        ReminderSchedule schedule;
        schedule.setLeads({600});
        const QList<Deadline> deadlines{{DeadlineKind::PaymentDue, m_due}};
        QVERIFY(schedule.due(deadlines, m_due.addSecs(-3000)).isEmpty());
        QCOMPARE(schedule.due(deadlines, m_due.addSecs(-500)).first().leadSeconds, 600);
    }

    // A confirmed candidate has nothing left to confirm: the site's «confirm by» is no longer one of their deadlines
    // (the home page and the reminders showed it after the confirmation).
    void testOnSiteConfirmationDeadlineEndsWithTheConfirmation_data()
    {
        QTest::addColumn<RegistrationState>("state");
        QTest::addColumn<bool>("shown");
        QTest::addRow("paid: still to confirm") << RegistrationState::Paid << true;
        QTest::addRow("confirmed: done") << RegistrationState::Confirmed << false;
    }
    void testOnSiteConfirmationDeadlineEndsWithTheConfirmation()
    {
        QFETCH(RegistrationState, state);
        QFETCH(bool, shown);
        std::optional<Registration> registration = Registration();
        registration->state = state;
        registration->deadlines.onSiteConfirmationBy = m_due;
        const std::optional<Exam> exam;
        const QList<Site> sites;
        const FlowFacts facts{registration, exam, sites, registration->profile, m_due.addDays(-1)};
        bool found = false;
        for (const Deadline &d : FlowGuide::deadlines(facts))
            found = found || d.kind == DeadlineKind::OnSiteConfirmation;
        QCOMPARE(found, shown);
    }
};

QTEST_GUILESS_MAIN(TestReminderSchedule)
#include "TestReminderSchedule.moc"
