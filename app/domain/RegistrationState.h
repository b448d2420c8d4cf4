#pragma once

#include "Result.h"

#include <QList>
#include <QString>

#include <optional>

namespace ncre {

// States of a registration (architecture §3). Wire names are stable.
enum class RegistrationState {
    Draft,          // agreement accepted; profile and subjects being filled in
    Submitted,      // 提交报考信息 done; photo missing, so not yet valid
    PhotoUploaded,  // complete; review-free sites may pay now
    ReviewPending,  // 申请信息审核: waiting for the site
    ReviewRejected, // the site asked for corrections
    ReviewApproved, // locked; payment due before the deadline
    Paid,
    Confirmed, // 现场确认 done at the site
    Expired,   // a deadline passed unpaid; seats released
    Cancelled,
};

// What can be done to a registration, by the candidate, the site staff or the server itself.
enum class RegistrationAction {
    EditProfile,
    EditSubjects,
    Submit,
    UploadPhoto,
    RequestReview,
    Approve,
    Reject,
    CreatePayment,
    ConfirmPayment,
    ConfirmOnSite,
    Expire,
    Cancel,
    DownloadForm,
    DownloadTicket,
};

// Facts about a registration that decide whether a transition applies, beyond its state.
struct TransitionContext
{
    bool reviewRequired = false; // the chosen site reviews registrations (开启了信息审核功能)
    bool orderOpen = false;      // a payment order is open: information is locked while it is
};

// Conditions a row of the transition table needs.
enum class Guard : unsigned {
    None = 0,
    ReviewSite = 1u << 0,     // only at a site that reviews
    ReviewFreeSite = 1u << 1, // only at a site that does not
    NoOpenOrder = 1u << 2,    // not while a payment order is open
};

struct Transition
{
    RegistrationState from;
    RegistrationAction action;
    unsigned guards; // Guard bits
    RegistrationState to;
};

// The transition table shared by client and server (RegistrationState.cpp). The server is the authority; the
// client reads the same table to know which actions to offer.
namespace RegistrationMachine {

const QList<Transition> &transitions();

// The state `action` leads to from `from`, or state.actionNotAllowed (state.locked for edits of locked data).
Result<RegistrationState> apply(RegistrationState from, RegistrationAction action, const TransitionContext &context);
bool allows(RegistrationState from, RegistrationAction action, const TransitionContext &context);
// Every action allowed in `state`, in enum order.
QList<RegistrationAction> allowedActions(RegistrationState state, const TransitionContext &context);

// The candidate's information (profile, subjects, photo) can no longer change.
bool isLocked(RegistrationState state, const TransitionContext &context);
// Nothing more will happen.
bool isTerminal(RegistrationState state);

} // namespace RegistrationMachine

QString registrationStateName(RegistrationState state);
std::optional<RegistrationState> registrationStateFromName(const QString &name);
QString registrationActionName(RegistrationAction action);
std::optional<RegistrationAction> registrationActionFromName(const QString &name);

} // namespace ncre
