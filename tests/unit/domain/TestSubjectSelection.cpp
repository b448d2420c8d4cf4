#include "Subject.h"

#include <QTest>

using namespace ncre;

namespace {

QList<Subject> offered()
{
    QList<Subject> list;
    const QDateTime t(QDate(2027, 3, 27), QTime(9, 0), Qt::UTC);
    list.append({"15", QString::fromUtf8("一级计算机基础及MS Office应用"), 1, 8000, 30, 5, t, 90});
    list.append({"14", QString::fromUtf8("一级计算机基础及WPS Office应用"), 1, 8000, 30, 5, t, 90});
    list.append({"65", QString::fromUtf8("二级C语言程序设计"), 2, 9000, 30, 0, t.addSecs(4 * 3600), 120});
    list.append({"66", QString::fromUtf8("二级Python语言程序设计"), 2, 9000, 30, 30, t.addDays(1), 120});
    list.append({"35", QString::fromUtf8("三级网络技术"), 3, 11000, 20, 20, t.addSecs(2 * 3600), 120});
    list.append({"61", QString::fromUtf8("二级Java语言程序设计"), 2, 9000, 30, 30, t.addSecs(5 * 3600), 120});
    return list;
}

QStringList codesOf(const ErrorList &errors)
{
    QStringList codes;
    for (const Error &e : errors)
        codes << errorCodeName(e.code);
    return codes;
}

} // namespace

class TestSubjectSelection : public QObject
{
    Q_OBJECT

private slots:
    void testValidate_data()
    {
        QTest::addColumn<QStringList>("chosen");
        QTest::addColumn<int>("cap");
        QTest::addColumn<QStringList>("codes");
        QTest::addRow("one") << QStringList{"15"} << 3 << QStringList();
        QTest::addRow("up to the cap") << QStringList{"15", "66", "35"} << 3 << QStringList();
        QTest::addRow("none") << QStringList() << 3 << QStringList{"subjects.empty"};
        QTest::addRow("above the cap") << QStringList{"15", "66", "35", "65"} << 3 << QStringList{"subjects.tooMany"};
        QTest::addRow("cap is data: 1") << QStringList{"15", "66"} << 1 << QStringList{"subjects.tooMany"};
        QTest::addRow("duplicate") << QStringList{"15", "15"} << 3 << QStringList{"subjects.duplicate"};
        QTest::addRow("duplicate does not count twice") << QStringList{"15", "15", "66"} << 2
                                                        << QStringList{"subjects.duplicate"};
        QTest::addRow("not offered") << QStringList{"99"} << 3 << QStringList{"subjects.unknown"};
        // One candidate, one exam room at a time: sessions that overlap cannot both be chosen.
        QTest::addRow("same session") << QStringList{"15", "14"} << 3 << QStringList{"subjects.clash"};
        QTest::addRow("overlapping sessions") << QStringList{"65", "61"} << 3 << QStringList{"subjects.clash"};
        QTest::addRow("back to back is fine") << QStringList{"15", "35"} << 3 << QStringList();
        // Seats are checked by the server at submission, not here: a full subject may free up.
        QTest::addRow("full subject still selectable") << QStringList{"65"} << 3 << QStringList();
    }
    void testValidate()
    {
        QFETCH(QStringList, chosen);
        QFETCH(int, cap);
        QFETCH(QStringList, codes);
        ExamLimits limits;
        limits.maxSubjectsPerCandidate = cap;
        limits.paymentHours = 24;
        QCOMPARE(codesOf(SubjectSelection::validate(chosen, offered(), limits)), codes);
    }

    void testTotalFee()
    {
        QCOMPARE(SubjectSelection::totalFeeFen({"15", "35"}, offered()), qint64(19000));
        QCOMPARE(SubjectSelection::totalFeeFen({"15", "15"}, offered()), qint64(8000));
        QCOMPARE(SubjectSelection::totalFeeFen({"99"}, offered()), qint64(0));
        QCOMPARE(SubjectSelection::totalFeeFen({}, offered()), qint64(0));
    }
};

QTEST_GUILESS_MAIN(TestSubjectSelection)
#include "TestSubjectSelection.moc"
