#include "RegistrationState.h"

#include <QSet>
#include <QTest>

using namespace ncre;

namespace {

using S = RegistrationState;
using A = RegistrationAction;

const QList<S> kStates = {S::Draft,          S::Submitted,      S::PhotoUploaded, S::ReviewPending,
                          S::ReviewRejected, S::ReviewApproved, S::Paid,          S::Confirmed,
                          S::Expired,        S::Cancelled};
const QList<A> kActions = {A::EditProfile,   A::EditSubjects,   A::Submit,        A::UploadPhoto, A::RequestReview,
                           A::Approve,       A::Reject,         A::CreatePayment, A::ConfirmPayment,
                           A::ConfirmOnSite, A::Expire,         A::Cancel,        A::DownloadForm,
                           A::DownloadTicket};

// The process as the candidate manual describes it, written out independently of the table under test:
// "state action -> state" for each site kind and order situation. Everything not listed is forbidden.
QString expectedTransitions(bool review, bool orderOpen)
{
    QStringList rows = {
        "draft edit_profile draft", "draft edit_subjects draft", "draft submit submitted", "draft expire expired",
        "draft cancel cancelled",
        "submitted edit_profile submitted", "submitted edit_subjects submitted",
        "submitted upload_photo photo_uploaded", "submitted expire expired", "submitted cancel cancelled",
        "photo_uploaded expire expired",
    };
    if (!orderOpen) {
        rows << "photo_uploaded edit_profile photo_uploaded" << "photo_uploaded edit_subjects photo_uploaded"
             << "photo_uploaded upload_photo photo_uploaded" << "photo_uploaded cancel cancelled";
    }
    if (review) {
        rows << "photo_uploaded request_review review_pending"
             << "review_pending approve review_approved" << "review_pending reject review_rejected"
             << "review_rejected request_review review_pending";
    } else {
        rows << "photo_uploaded create_payment photo_uploaded" << "photo_uploaded confirm_payment paid";
    }
    rows << "review_pending expire expired" << "review_pending cancel cancelled"
         << "review_rejected edit_profile review_rejected" << "review_rejected edit_subjects review_rejected"
         << "review_rejected upload_photo review_rejected" << "review_rejected expire expired"
         << "review_rejected cancel cancelled"
         << "review_approved create_payment review_approved" << "review_approved confirm_payment paid"
         << "review_approved expire expired"
         << "paid confirm_on_site confirmed" << "paid download_form paid" << "paid download_ticket paid"
         << "confirmed download_form confirmed" << "confirmed download_ticket confirmed";
    rows.sort();
    return rows.join(QLatin1Char('\n'));
}

} // namespace

class TestRegistrationState : public QObject
{
    Q_OBJECT

private slots:
    // Every (state, action) pair, for both site kinds, with and without an open order: allowed exactly as the
    // process says, leading to the right state.
    void testEveryTransition_data()
    {
        QTest::addColumn<bool>("review");
        QTest::addColumn<bool>("orderOpen");
        QTest::addRow("review site") << true << false;
        QTest::addRow("review site, order open") << true << true;
        QTest::addRow("review-free site") << false << false;
        QTest::addRow("review-free site, order open") << false << true;
    }
    void testEveryTransition()
    {
        QFETCH(bool, review);
        QFETCH(bool, orderOpen);
        const TransitionContext context{review, orderOpen};
        QStringList actual;
        for (const S s : kStates) {
            for (const A a : kActions) {
                const Result<S> r = RegistrationMachine::apply(s, a, context);
                QCOMPARE(RegistrationMachine::allows(s, a, context), r.ok());
                if (r.ok())
                    actual << registrationStateName(s) + ' ' + registrationActionName(a) + ' '
                            + registrationStateName(r.value());
                else
                    QVERIFY(r.error().code == ErrorCode::StateActionNotAllowed
                            || r.error().code == ErrorCode::StateLocked);
            }
        }
        actual.sort();
        QCOMPARE(actual.join('\n'), expectedTransitions(review, orderOpen));
    }

    void testLockedStatesRefuseEditsWithLockedCode_data()
    {
        QTest::addColumn<int>("state");
        QTest::addColumn<bool>("review");
        QTest::addColumn<bool>("orderOpen");
        QTest::addRow("approved") << int(S::ReviewApproved) << true << false;
        QTest::addRow("pending") << int(S::ReviewPending) << true << false;
        QTest::addRow("paid") << int(S::Paid) << false << false;
        QTest::addRow("confirmed") << int(S::Confirmed) << true << false;
        QTest::addRow("review-free with open order") << int(S::PhotoUploaded) << false << true;
    }
    void testLockedStatesRefuseEditsWithLockedCode()
    {
        QFETCH(int, state);
        QFETCH(bool, review);
        QFETCH(bool, orderOpen);
        const TransitionContext context{review, orderOpen};
        QVERIFY(RegistrationMachine::isLocked(S(state), context));
        for (const A a : {A::EditProfile, A::EditSubjects, A::UploadPhoto}) {
            const Result<S> r = RegistrationMachine::apply(S(state), a, context);
            QVERIFY(!r.ok());
            QCOMPARE(errorCodeName(r.error().code), QStringLiteral("state.locked"));
        }
    }

    void testUnlockedStates()
    {
        for (const S s : {S::Draft, S::Submitted, S::PhotoUploaded, S::ReviewRejected})
            QVERIFY(!RegistrationMachine::isLocked(s, TransitionContext{true, false}));
    }

    void testForbiddenActionCode()
    {
        const Result<S> r = RegistrationMachine::apply(S::Draft, A::ConfirmPayment, {});
        QVERIFY(!r.ok());
        QCOMPARE(errorCodeName(r.error().code), QStringLiteral("state.actionNotAllowed"));
        // Review at a review-free site, payment before approval at a review site.
        QVERIFY(!RegistrationMachine::allows(S::PhotoUploaded, A::RequestReview, TransitionContext{false, false}));
        QVERIFY(!RegistrationMachine::allows(S::PhotoUploaded, A::CreatePayment, TransitionContext{true, false}));
    }

    void testTerminalStates()
    {
        QStringList terminal;
        for (const S s : kStates) {
            if (RegistrationMachine::isTerminal(s))
                terminal << registrationStateName(s);
        }
        QCOMPARE(terminal, (QStringList{"confirmed", "expired", "cancelled"}));
    }

    void testAllowedActionsListsExactlyTheAllowed()
    {
        const TransitionContext c{true, false};
        QStringList names;
        for (const A a : RegistrationMachine::allowedActions(S::ReviewPending, c))
            names << registrationActionName(a);
        QCOMPARE(names, (QStringList{"approve", "reject", "expire", "cancel"}));
        QVERIFY(RegistrationMachine::allowedActions(S::Cancelled, c).isEmpty());
    }

    void testNamesRoundTrip()
    {
        QSet<QString> names;
        for (const S s : kStates) {
            QVERIFY(registrationStateFromName(registrationStateName(s)) == s);
            names.insert(registrationStateName(s));
        }
        QCOMPARE(names.size(), kStates.size());
        for (const A a : kActions)
            QVERIFY(registrationActionFromName(registrationActionName(a)) == a);
        QVERIFY(!registrationStateFromName("DRAFT"));
        QVERIFY(!registrationActionFromName(""));
    }
};

QTEST_GUILESS_MAIN(TestRegistrationState)
#include "TestRegistrationState.moc"
