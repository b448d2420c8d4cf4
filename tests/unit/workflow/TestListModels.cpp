#include "SiteListModel.h"
#include "SubjectListModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace ncre;

// The site and subject models, under QAbstractItemModelTester, and their rules: filtering by any part of a site,
// the subject limit, full subjects, the total fee.
class TestListModels : public QObject
{
    Q_OBJECT

private:
    static QList<Site> sites()
    {
        Site a;
        a.id = "bj-bit";
        a.name = QString::fromUtf8("北京理工大学考点");
        a.district = QString::fromUtf8("海淀区");
        a.address = QString::fromUtf8("中关村南大街5号");
        a.reviewRequired = true;
        Site b;
        b.id = "bj-buu";
        b.name = QString::fromUtf8("北京联合大学考点");
        b.district = QString::fromUtf8("朝阳区");
        b.address = QString::fromUtf8("北四环东路97号");
        return {a, b};
    }

    static QList<Subject> subjects()
    {
        QList<Subject> out;
        for (const auto &[id, seats] : QList<QPair<QString, int>>{{"14", 5}, {"15", 0}, {"61", 3}, {"65", 2}, {"66", 9}}) {
            Subject s;
            s.id = id;
            s.name = "Subject " + id;
            s.feeFen = 8000 + id.toInt();
            s.seatsLeft = seats;
            s.examTime = QDateTime(QDate(2027, 3, 27), QTime(9, 0), Qt::UTC);
            out << s;
        }
        return out;
    }

private slots:
    void testSiteModel()
    {
        SiteListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setSites(sites());
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.data(model.index(0), SiteListModel::ReviewRequiredRole).toBool(), true);
        QCOMPARE(model.indexOf("bj-buu").row(), 1);
        QVERIFY(!model.indexOf("nowhere").isValid());
        QSortFilterProxyModel filter;
        QAbstractItemModelTester proxyTester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setFilterRole(SiteListModel::SearchTextRole);
        filter.setFilterFixedString(QString::fromUtf8("朝阳"));
        QCOMPARE(filter.rowCount(), 1);
        QCOMPARE(filter.index(0, 0).data(SiteListModel::SiteIdRole).toString(), QStringLiteral("bj-buu"));
        filter.setFilterFixedString(QString::fromUtf8("南大街"));
        QCOMPARE(filter.rowCount(), 1);
        model.setSites({});
        QCOMPARE(filter.rowCount(), 0);
    }

    void testSubjectModel()
    {
        SubjectListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setLimit(3);
        model.setSubjects(subjects(), {"61"});
        QCOMPARE(model.chosen(), QStringList{"61"});
        QCOMPARE(model.fullSubjects(), QStringList{"15"});
        QSignalSpy limit(&model, &SubjectListModel::limitReached);
        auto tick = [&](int row, bool on) { return model.setData(model.index(row, 0), on ? Qt::Checked : Qt::Unchecked, Qt::CheckStateRole); };
        QVERIFY(!tick(1, true)); // full
        QVERIFY(!(model.flags(model.index(1, 0)) & Qt::ItemIsUserCheckable));
        QVERIFY(tick(0, true));
        QVERIFY(tick(3, true));
        QVERIFY(!tick(4, true)); // a fourth: refused, said
        QCOMPARE(limit.size(), 1);
        QCOMPARE(model.chosen(), (QStringList{"14", "61", "65"}));
        QCOMPARE(model.totalFeeFen(), 8014 + 8061 + 8065);
        QVERIFY(tick(0, false));
        QVERIFY(tick(4, true));
        QCOMPARE(model.chosen(), (QStringList{"61", "65", "66"}));
        QVERIFY(!model.setData(model.index(0, 1), Qt::Checked, Qt::CheckStateRole)); // only the name column ticks
        QCOMPARE(model.data(model.index(1, SubjectListModel::SeatsColumn)).toString(), QStringLiteral("Full"));
        // A full subject the candidate already holds stays theirs.
        model.setSubjects(subjects(), {"15"});
        QVERIFY(model.flags(model.index(1, 0)) & Qt::ItemIsUserCheckable);
        QVERIFY(model.fullSubjects().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestListModels)
#include "TestListModels.moc"
