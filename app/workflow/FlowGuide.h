#pragma once

#include "Exam.h"
#include "Profile.h"
#include "Registration.h"
#include "ReminderSchedule.h"
#include "Site.h"

#include <QDateTime>
#include <QList>

#include <optional>

namespace ncre {

// The steps of architecture §1 as the candidate sees them. Submission («提交报考信息») belongs to the subjects step.
enum class FlowStep {
    Agreement,
    Profile,
    Subjects,
    Photo,
    Review,   // only at sites that review
    Payment,
    Documents,
    Closed, // expired or cancelled: nothing more can be done
};

// Why the candidate cannot go on to the next step right now.
enum class BlockerKind {
    FieldInvalid,         // a field of the basic information is missing or wrong (see code and field)
    SiteMissing,          // no test site chosen
    SubjectsMissing,      // no subject chosen
    PhotoMissing,         // submitted, but no photo yet
    ReviewPending,        // the site has not decided yet
    ReviewRejected,       // the site asked for corrections (see reason)
    RegistrationClosed,   // the registration window has closed
    PaymentDeadlinePassed,
    TicketNotYetOpen,     // the admission ticket can be printed from `until`
    TicketWindowClosed,   // the ticket window is over: the documents kept on this computer remain
    Cancelled,            // the registration was cancelled
};

struct Blocker
{
    BlockerKind kind;
    ErrorCode code = ErrorCode::ValidationFailed;
    std::optional<ProfileField> field;
    QDateTime until;  // when it lifts by itself, where known
    QString reason;   // the site's words, for a rejection

    friend bool operator==(const Blocker &a, const Blocker &b)
    {
        return a.kind == b.kind && a.code == b.code && a.field == b.field && a.until == b.until && a.reason == b.reason;
    }
};

// What taking an action will lock, so the UI can list it before the candidate confirms (architecture §8).
struct LockPreview
{
    QList<RegistrationAction> lockedNow;        // edits no longer allowed once the action is done
    bool unlockedOnRejection = false;           // ...until the site rejects (a review request)
    QList<RegistrationAction> lockedOnApproval; // edits the site's approval will lock for good
};

// Everything the guide reads: the registration as the server holds it (none before the agreement), the exam, the
// sites, the basic information as typed, and the time on the server's clock.
struct FlowFacts
{
    const std::optional<Registration> &registration;
    const std::optional<Exam> &exam;
    const QList<Site> &sites;
    const Profile &profile;
    QDateTime now;
};

// What the candidate sees of their registration, computed from the facts alone (no I/O): the open step, what
// blocks the next one, the deadlines, the actions offered, and what an action will lock.
namespace FlowGuide {

FlowStep currentStep(const FlowFacts &f);
QList<Blocker> blockers(const FlowFacts &f);
QList<Deadline> deadlines(const FlowFacts &f); // soonest first
bool can(const FlowFacts &f, RegistrationAction action);
// Why `action` cannot be taken now, as an error whose message says what to do first (ErrorText::message):
// state.agreementRequired before the agreement, state.deadlinePassed / state.windowClosed once a deadline has
// passed, state.locked when review or payment locked the information, state.actionNotAllowed otherwise.
// Meaningful only when can() is false.
Error refusal(const FlowFacts &f, RegistrationAction action);
LockPreview lockPreview(const FlowFacts &f, RegistrationAction action);
TransitionContext context(const FlowFacts &f);

} // namespace FlowGuide

QString flowStepName(FlowStep step);
QString blockerKindName(BlockerKind kind);

} // namespace ncre

Q_DECLARE_METATYPE(ncre::FlowStep)
