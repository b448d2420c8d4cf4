#include "RegistrationState.h"

#include <array>
#include <utility>

namespace ncre {

namespace {

using S = RegistrationState;
using A = RegistrationAction;

constexpr unsigned kNone = static_cast<unsigned>(Guard::None);
constexpr unsigned kReview = static_cast<unsigned>(Guard::ReviewSite);
constexpr unsigned kReviewFree = static_cast<unsigned>(Guard::ReviewFreeSite);
constexpr unsigned kNoOrder = static_cast<unsigned>(Guard::NoOpenOrder);

// Edits keep the state: a candidate may change information and subjects until review approval or payment locks
// them (candidate manual §2.4-2.5). A review-free site has no approval, so an open payment order is the lock.
const QList<Transition> kTransitions = {
    {S::Draft, A::EditProfile, kNone, S::Draft},
    {S::Draft, A::EditSubjects, kNone, S::Draft},
    {S::Draft, A::Submit, kNone, S::Submitted},
    {S::Draft, A::Expire, kNone, S::Expired},
    {S::Draft, A::Cancel, kNone, S::Cancelled},

    {S::Submitted, A::EditProfile, kNone, S::Submitted},
    {S::Submitted, A::EditSubjects, kNone, S::Submitted},
    {S::Submitted, A::UploadPhoto, kNone, S::PhotoUploaded},
    {S::Submitted, A::Expire, kNone, S::Expired},
    {S::Submitted, A::Cancel, kNone, S::Cancelled},

    {S::PhotoUploaded, A::EditProfile, kNoOrder, S::PhotoUploaded},
    {S::PhotoUploaded, A::EditSubjects, kNoOrder, S::PhotoUploaded},
    {S::PhotoUploaded, A::UploadPhoto, kNoOrder, S::PhotoUploaded},
    {S::PhotoUploaded, A::RequestReview, kReview, S::ReviewPending},
    {S::PhotoUploaded, A::CreatePayment, kReviewFree, S::PhotoUploaded},
    {S::PhotoUploaded, A::ConfirmPayment, kReviewFree, S::Paid},
    {S::PhotoUploaded, A::Expire, kNone, S::Expired},
    {S::PhotoUploaded, A::Cancel, kNoOrder, S::Cancelled},

    {S::ReviewPending, A::Approve, kReview, S::ReviewApproved},
    {S::ReviewPending, A::Reject, kReview, S::ReviewRejected},
    {S::ReviewPending, A::Expire, kNone, S::Expired},
    {S::ReviewPending, A::Cancel, kNone, S::Cancelled},

    {S::ReviewRejected, A::EditProfile, kNone, S::ReviewRejected},
    {S::ReviewRejected, A::EditSubjects, kNone, S::ReviewRejected},
    {S::ReviewRejected, A::UploadPhoto, kNone, S::ReviewRejected},
    {S::ReviewRejected, A::RequestReview, kReview, S::ReviewPending},
    {S::ReviewRejected, A::Expire, kNone, S::Expired},
    {S::ReviewRejected, A::Cancel, kNone, S::Cancelled},

    {S::ReviewApproved, A::CreatePayment, kNone, S::ReviewApproved},
    {S::ReviewApproved, A::ConfirmPayment, kNone, S::Paid},
    {S::ReviewApproved, A::Expire, kNone, S::Expired},

    {S::Paid, A::ConfirmOnSite, kNone, S::Confirmed},
    {S::Paid, A::DownloadForm, kNone, S::Paid},
    {S::Paid, A::DownloadTicket, kNone, S::Paid},

    {S::Confirmed, A::DownloadForm, kNone, S::Confirmed},
    {S::Confirmed, A::DownloadTicket, kNone, S::Confirmed},
};

bool guardsHold(unsigned guards, const TransitionContext &c)
{
    if ((guards & kReview) && !c.reviewRequired)
        return false;
    if ((guards & kReviewFree) && c.reviewRequired)
        return false;
    if ((guards & kNoOrder) && c.orderOpen)
        return false;
    return true;
}

const Transition *findTransition(RegistrationState from, RegistrationAction action, const TransitionContext &c)
{
    for (const Transition &t : kTransitions) {
        if (t.from == from && t.action == action && guardsHold(t.guards, c))
            return &t;
    }
    return nullptr;
}

bool isEdit(RegistrationAction a)
{
    return a == A::EditProfile || a == A::EditSubjects || a == A::UploadPhoto;
}

constexpr std::array<std::pair<S, const char *>, 10> kStateNames = {{
    {S::Draft, "draft"},
    {S::Submitted, "submitted"},
    {S::PhotoUploaded, "photo_uploaded"},
    {S::ReviewPending, "review_pending"},
    {S::ReviewRejected, "review_rejected"},
    {S::ReviewApproved, "review_approved"},
    {S::Paid, "paid"},
    {S::Confirmed, "confirmed"},
    {S::Expired, "expired"},
    {S::Cancelled, "cancelled"},
}};

constexpr std::array<std::pair<A, const char *>, 14> kActionNames = {{
    {A::EditProfile, "edit_profile"},
    {A::EditSubjects, "edit_subjects"},
    {A::Submit, "submit"},
    {A::UploadPhoto, "upload_photo"},
    {A::RequestReview, "request_review"},
    {A::Approve, "approve"},
    {A::Reject, "reject"},
    {A::CreatePayment, "create_payment"},
    {A::ConfirmPayment, "confirm_payment"},
    {A::ConfirmOnSite, "confirm_on_site"},
    {A::Expire, "expire"},
    {A::Cancel, "cancel"},
    {A::DownloadForm, "download_form"},
    {A::DownloadTicket, "download_ticket"},
}};

template<typename E, size_t N>
QString nameOf(const std::array<std::pair<E, const char *>, N> &table, E value)
{
    for (const auto &[v, n] : table) {
        if (v == value)
            return QString::fromLatin1(n);
    }
    return {};
}

template<typename E, size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char *>, N> &table, const QString &name)
{
    for (const auto &[v, n] : table) {
        if (name == QLatin1String(n))
            return v;
    }
    return std::nullopt;
}

} // namespace

namespace RegistrationMachine {

const QList<Transition> &transitions()
{
    return kTransitions;
}

Result<RegistrationState> apply(RegistrationState from, RegistrationAction action, const TransitionContext &context)
{
    if (const Transition *t = findTransition(from, action, context))
        return t->to;
    const QString detail = QStringLiteral("%1 not allowed in %2")
                               .arg(registrationActionName(action), registrationStateName(from));
    if (isEdit(action) && isLocked(from, context))
        return Error(ErrorCode::StateLocked, {}, detail);
    return Error(ErrorCode::StateActionNotAllowed, {}, detail);
}

bool allows(RegistrationState from, RegistrationAction action, const TransitionContext &context)
{
    return findTransition(from, action, context) != nullptr;
}

QList<RegistrationAction> allowedActions(RegistrationState state, const TransitionContext &context)
{
    QList<RegistrationAction> actions;
    for (const auto &[action, name] : kActionNames) {
        Q_UNUSED(name)
        if (allows(state, action, context))
            actions.append(action);
    }
    return actions;
}

bool isLocked(RegistrationState state, const TransitionContext &context)
{
    return !allows(state, A::EditProfile, context);
}

bool isTerminal(RegistrationState state)
{
    for (const Transition &t : kTransitions) {
        if (t.from == state && t.to != state)
            return false;
    }
    return true;
}

} // namespace RegistrationMachine

QString registrationStateName(RegistrationState state)
{
    return nameOf(kStateNames, state);
}

std::optional<RegistrationState> registrationStateFromName(const QString &name)
{
    return valueOf(kStateNames, name);
}

QString registrationActionName(RegistrationAction action)
{
    return nameOf(kActionNames, action);
}

std::optional<RegistrationAction> registrationActionFromName(const QString &name)
{
    return valueOf(kActionNames, name);
}

} // namespace ncre
