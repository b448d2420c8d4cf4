#include "DocumentsPage.h"
#include "MainWindow.h"
#include "integration/FlowRig.h"
#include "integration/PhotoFixtures.h"

#include <QTest>

#include <sys/resource.h>

using namespace ncre;

// The desktop app after a whole registration (review-free site, every page opened): time from «open» to the first
// rendered page of the admission ticket in the documents page, against the floor of Poppler rendering that page
// at the same resolution and nothing else; and the process's peak RSS once the flow is complete.
class BenchDeskDocuments : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<ServerProcess> m_server;
    std::unique_ptr<FlowRig> m_rig;
    std::unique_ptr<MainWindow> m_main;
    QByteArray m_ticket;

private slots:
    void initTestCase()
    {
        m_server = std::make_unique<ServerProcess>();
        QVERIFY(m_server->waitReady());
        TestHttp hooks(*m_server);
        m_rig = std::make_unique<FlowRig>();
        m_rig->signUp(*m_server, hooks, "bench.desk");
        QVERIFY(!QTest::currentTestFailed());
        RegistrationFlow &flow = *m_rig->flow;
        auto ok = [](auto call) { return waitFor<Result<void, Problem>>(call).ok(); };
        QVERIFY(ok([&](auto done) { flow.start(done); }));
        m_main = std::make_unique<MainWindow>(flow, QStringLiteral("bench.desk"));
        m_main->setUrlOpener([](const QUrl &) { return true; });
        m_main->show();
        for (FlowStep step : {FlowStep::Agreement, FlowStep::Profile, FlowStep::Subjects, FlowStep::Photo, FlowStep::Payment})
            m_main->openStep(step);
        QVERIFY(ok([&](auto done) { flow.acceptAgreement(done); }));
        flow.editProfile(residentProfile());
        QVERIFY(ok([&](auto done) { flow.saveProfile(done); }));
        QVERIFY(ok([&](auto done) { flow.chooseSubjects("bj-buu", {"14"}, done); }));
        QVERIFY(ok([&](auto done) { flow.submit(true, done); }));
        QVERIFY(ok([&](auto done) { flow.uploadPhoto(PhotoFixtures::compliantJpeg(), done); }));
        const auto order = waitFor<Result<RegistrationFlow::PaymentAttempt, Problem>>([&](auto done) { flow.pay(done); });
        QVERIFY(order.ok());
        hooks.post("/api/v1/test-hooks/payments/" + order->order.id + "/complete", {{"notify", "now"}});
        QVERIFY(ok([&](auto done) { flow.refresh(done); }));
        hooks.post("/api/v1/test-hooks/clock", {{"now", flow.exam()->ticketPrint.opens.addDays(-1).toString(Qt::ISODate)}});
        QVERIFY(ok([&](auto done) { flow.refresh(done); }));
        hooks.post("/api/v1/test-hooks/clock", {{"now", flow.exam()->ticketPrint.opens.addSecs(60).toString(Qt::ISODate)}});
        const auto ticket = waitFor<Result<QByteArray, Problem>>([&](auto done) { flow.download(DocumentKind::AdmissionTicket, done); });
        QVERIFY(ticket.ok());
        m_ticket = ticket.value();
        m_main->openStep(FlowStep::Documents);
    }

    void floorRenderFirstPage()
    {
        const double dpi = 96.0 * m_main->devicePixelRatioF();
        QBENCHMARK {
            PdfDocument pdf;
            QCOMPARE(pdf.open(m_ticket), PdfDocument::OpenResult::Opened);
            QFuture<QImage> page = pdf.renderPage(0, dpi);
            page.waitForFinished();
            QVERIFY(!page.result().isNull());
        }
    }

    void openTicket()
    {
        auto *page = m_main->findChild<DocumentsPage *>();
        QVERIFY(page);
        QBENCHMARK {
            QSignalSpy shown(page, &DocumentsPage::pageShown);
            QVERIFY(page->showDocument(m_ticket));
            if (shown.isEmpty())
                QVERIFY(shown.wait(10000));
        }
    }

    void peakRssAfterFlowKiB()
    {
        rusage usage{};
        getrusage(RUSAGE_SELF, &usage);
        QBENCHMARK_ONCE {}
        QTest::setBenchmarkResult(qreal(usage.ru_maxrss), QTest::Events);
    }
};

QTEST_MAIN(BenchDeskDocuments)
#include "BenchDeskDocuments.moc"
