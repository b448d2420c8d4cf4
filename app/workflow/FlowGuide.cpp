#include "FlowGuide.h"

#include "ProfileRules.h"

#include <algorithm>

namespace ncre {

namespace {

const QList<RegistrationAction> kEdits = {RegistrationAction::EditProfile, RegistrationAction::EditSubjects,
                                          RegistrationAction::UploadPhoto};

} // namespace

QString flowStepName(FlowStep step)
{
    switch (step) {
    case FlowStep::Agreement: return QStringLiteral("agreement");
    case FlowStep::Profile: return QStringLiteral("profile");
    case FlowStep::Subjects: return QStringLiteral("subjects");
    case FlowStep::Photo: return QStringLiteral("photo");
    case FlowStep::Review: return QStringLiteral("review");
    case FlowStep::Payment: return QStringLiteral("payment");
    case FlowStep::Documents: return QStringLiteral("documents");
    case FlowStep::Closed: return QStringLiteral("closed");
    }
    return {};
}

QString blockerKindName(BlockerKind kind)
{
    switch (kind) {
    case BlockerKind::FieldInvalid: return QStringLiteral("fieldInvalid");
    case BlockerKind::SiteMissing: return QStringLiteral("siteMissing");
    case BlockerKind::SubjectsMissing: return QStringLiteral("subjectsMissing");
    case BlockerKind::PhotoMissing: return QStringLiteral("photoMissing");
    case BlockerKind::ReviewPending: return QStringLiteral("reviewPending");
    case BlockerKind::ReviewRejected: return QStringLiteral("reviewRejected");
    case BlockerKind::RegistrationClosed: return QStringLiteral("registrationClosed");
    case BlockerKind::PaymentDeadlinePassed: return QStringLiteral("paymentDeadlinePassed");
    case BlockerKind::TicketNotYetOpen: return QStringLiteral("ticketNotYetOpen");
    case BlockerKind::TicketWindowClosed: return QStringLiteral("ticketWindowClosed");
    case BlockerKind::Cancelled: return QStringLiteral("cancelled");
    }
    return {};
}

TransitionContext FlowGuide::context(const FlowFacts &f)
{
    TransitionContext c;
    if (!f.registration)
        return c;
    const auto site = std::find_if(f.sites.begin(), f.sites.end(), [&](const Site &s) { return s.id == f.registration->siteId; });
    if (site != f.sites.end())
        c.reviewRequired = site->reviewRequired;
    c.orderOpen = f.registration->payment && f.registration->payment->statusAt(f.now) == PaymentStatus::Open;
    return c;
}

FlowStep FlowGuide::currentStep(const FlowFacts &f)
{
    if (!f.registration)
        return FlowStep::Agreement;
    const Registration &r = *f.registration;
    switch (r.state) {
    case RegistrationState::Draft:
        if (r.agreementVersion.isEmpty())
            return FlowStep::Agreement;
        if (!ProfileRules::validate(r.profile, f.now.date()).isEmpty())
            return FlowStep::Profile;
        return FlowStep::Subjects;
    case RegistrationState::Submitted:
        return FlowStep::Photo;
    case RegistrationState::PhotoUploaded:
        return context(f).reviewRequired ? FlowStep::Review : FlowStep::Payment;
    case RegistrationState::ReviewPending:
    case RegistrationState::ReviewRejected:
        return FlowStep::Review;
    case RegistrationState::ReviewApproved:
        return FlowStep::Payment;
    case RegistrationState::Paid:
    case RegistrationState::Confirmed:
        return FlowStep::Documents;
    case RegistrationState::Expired:
    case RegistrationState::Cancelled:
        return FlowStep::Closed;
    }
    return FlowStep::Closed;
}

QList<Blocker> FlowGuide::blockers(const FlowFacts &f)
{
    QList<Blocker> out;
    const QDateTime now = f.now;
    const FlowStep step = currentStep(f);
    if (step == FlowStep::Agreement)
        return out;
    const Registration &r = *f.registration;
    if (step == FlowStep::Closed) {
        // A final state, with its reason.
        if (r.state == RegistrationState::Cancelled)
            out.append({BlockerKind::Cancelled, ErrorCode::StateActionNotAllowed, std::nullopt, {}, {}});
        else if (r.deadlines.paymentDue && now >= *r.deadlines.paymentDue)
            out.append({BlockerKind::PaymentDeadlinePassed, ErrorCode::StateDeadlinePassed, std::nullopt, *r.deadlines.paymentDue, {}});
        else
            out.append({BlockerKind::RegistrationClosed, ErrorCode::StateWindowClosed, std::nullopt, {}, {}});
        return out;
    }

    const auto closes = r.deadlines.registrationCloses ? r.deadlines.registrationCloses
                                                       : (f.exam ? std::optional<QDateTime>(f.exam->registration.closes) : std::nullopt);
    const bool stillOpenToChange = r.state == RegistrationState::Draft || r.state == RegistrationState::Submitted
        || r.state == RegistrationState::PhotoUploaded || r.state == RegistrationState::ReviewRejected;
    if (stillOpenToChange && closes && now >= *closes)
        out.append({BlockerKind::RegistrationClosed, ErrorCode::StateWindowClosed, std::nullopt, {}, {}});

    switch (step) {
    case FlowStep::Profile:
    case FlowStep::Subjects:
        for (const Error &e : ProfileRules::validate(f.profile, now.date()))
            out.append({BlockerKind::FieldInvalid, e.code, Profile::fieldFromKey(e.field), {}, {}});
        if (step == FlowStep::Subjects) {
            if (r.siteId.isEmpty())
                out.append({BlockerKind::SiteMissing, ErrorCode::ValidationFailed, std::nullopt, {}, {}});
            if (r.subjectIds.isEmpty())
                out.append({BlockerKind::SubjectsMissing, ErrorCode::ValidationFailed, std::nullopt, {}, {}});
        }
        break;
    case FlowStep::Photo:
        out.append({BlockerKind::PhotoMissing, ErrorCode::ValidationFailed, std::nullopt, {}, {}});
        break;
    case FlowStep::Review:
        if (r.state == RegistrationState::ReviewPending)
            out.append({BlockerKind::ReviewPending, ErrorCode::StateActionNotAllowed, std::nullopt, {}, {}});
        else if (r.state == RegistrationState::ReviewRejected)
            out.append({BlockerKind::ReviewRejected, ErrorCode::StateActionNotAllowed, std::nullopt, {},
                        r.review ? r.review->reason : QString()});
        break;
    case FlowStep::Payment:
        if (r.deadlines.paymentDue && now >= *r.deadlines.paymentDue)
            out.append({BlockerKind::PaymentDeadlinePassed, ErrorCode::StateWindowClosed, std::nullopt, {}, {}});
        break;
    case FlowStep::Documents: {
        const auto opens = r.deadlines.ticketOpens ? r.deadlines.ticketOpens
                                                   : (f.exam ? std::optional<QDateTime>(f.exam->ticketPrint.opens) : std::nullopt);
        const auto ticketCloses = r.deadlines.ticketCloses ? r.deadlines.ticketCloses
                                                           : (f.exam ? std::optional<QDateTime>(f.exam->ticketPrint.closes) : std::nullopt);
        if (opens && now < *opens)
            out.append({BlockerKind::TicketNotYetOpen, ErrorCode::StateWindowClosed, std::nullopt, *opens, {}});
        else if (ticketCloses && now >= *ticketCloses)
            out.append({BlockerKind::TicketWindowClosed, ErrorCode::StateWindowClosed, std::nullopt, {}, {}});
        break;
    }
    case FlowStep::Agreement:
    case FlowStep::Closed:
        break;
    }
    return out;
}

QList<Deadline> FlowGuide::deadlines(const FlowFacts &f)
{
    QList<Deadline> out;
    auto add = [&](DeadlineKind kind, const std::optional<QDateTime> &at) {
        if (at && at->isValid())
            out.append({kind, at->toUTC()});
    };
    const Deadlines d = f.registration ? f.registration->deadlines : Deadlines();
    // Only the deadlines still ahead of this candidate: once paid, neither the registration's close nor the payment
    // deadline concerns them; a closed registration has none.
    const std::optional<RegistrationState> state = f.registration ? std::optional(f.registration->state) : std::nullopt;
    const bool paid = state == RegistrationState::Paid || state == RegistrationState::Confirmed;
    if (state == RegistrationState::Expired || state == RegistrationState::Cancelled)
        return out;
    if (!paid)
        add(DeadlineKind::RegistrationCloses,
            d.registrationCloses ? d.registrationCloses : (f.exam ? std::optional<QDateTime>(f.exam->registration.closes) : std::nullopt));
    if (!paid)
        add(DeadlineKind::PaymentDue, d.paymentDue);
    add(DeadlineKind::TicketOpens,
        d.ticketOpens ? d.ticketOpens : (f.exam ? std::optional<QDateTime>(f.exam->ticketPrint.opens) : std::nullopt));
    add(DeadlineKind::TicketCloses,
        d.ticketCloses ? d.ticketCloses : (f.exam ? std::optional<QDateTime>(f.exam->ticketPrint.closes) : std::nullopt));
    // Once confirmed on site, its deadline is behind the candidate (no reminder, no «confirm by» on the home page).
    const bool confirmed = f.registration && f.registration->state == RegistrationState::Confirmed;
    if (!confirmed)
        add(DeadlineKind::OnSiteConfirmation, d.onSiteConfirmationBy);
    std::stable_sort(out.begin(), out.end(), [](const Deadline &a, const Deadline &b) { return a.at < b.at; });
    return out;
}

Error FlowGuide::refusal(const FlowFacts &f, RegistrationAction action)
{
    if (!f.registration)
        return Error(ErrorCode::StateAgreementRequired);
    const Registration &r = *f.registration;
    if (r.state == RegistrationState::Expired)
        return Error(r.deadlines.paymentDue && f.now >= *r.deadlines.paymentDue ? ErrorCode::StateDeadlinePassed
                                                                                 : ErrorCode::StateWindowClosed);
    if (r.state == RegistrationState::Cancelled)
        return Error(ErrorCode::StateActionNotAllowed);
    const bool edit = action == RegistrationAction::EditProfile || action == RegistrationAction::EditSubjects
        || action == RegistrationAction::UploadPhoto || action == RegistrationAction::Submit;
    const auto closes = r.deadlines.registrationCloses ? r.deadlines.registrationCloses
                                                       : (f.exam ? std::optional<QDateTime>(f.exam->registration.closes) : std::nullopt);
    if (edit && closes && f.now >= *closes)
        return Error(ErrorCode::StateWindowClosed);
    if (action == RegistrationAction::CreatePayment && r.deadlines.paymentDue && f.now >= *r.deadlines.paymentDue)
        return Error(ErrorCode::StateDeadlinePassed);
    // Allowed in an earlier state (or without an open order), not in this one: locked.
    if (edit && r.state != RegistrationState::Draft && r.state != RegistrationState::Submitted)
        return Error(ErrorCode::StateLocked);
    // Not yet: a step before it is still open. Say which (ErrorText: «先完成…»).
    const auto stepOf = [](RegistrationAction a) -> std::optional<FlowStep> {
        switch (a) {
        case RegistrationAction::EditProfile: return FlowStep::Profile;
        case RegistrationAction::EditSubjects:
        case RegistrationAction::Submit: return FlowStep::Subjects;
        case RegistrationAction::UploadPhoto: return FlowStep::Photo;
        case RegistrationAction::RequestReview: return FlowStep::Review;
        case RegistrationAction::CreatePayment: return FlowStep::Payment;
        case RegistrationAction::DownloadForm:
        case RegistrationAction::DownloadTicket: return FlowStep::Documents;
        default: return std::nullopt;
        }
    };
    const FlowStep open = currentStep(f);
    if (const auto needed = stepOf(action); needed && int(open) < int(*needed))
        return Error(ErrorCode::StateActionNotAllowed, QStringLiteral("step"), flowStepName(open));
    return Error(ErrorCode::StateActionNotAllowed);
}

bool FlowGuide::can(const FlowFacts &f, RegistrationAction action)
{
    // The server computed these from the shared table; it is the authority.
    return f.registration && f.registration->allowedActions.contains(action);
}

LockPreview FlowGuide::lockPreview(const FlowFacts &f, RegistrationAction action)
{
    LockPreview preview;
    if (!f.registration)
        return preview;
    const RegistrationState from = f.registration->state;
    const TransitionContext now = context(f);
    TransitionContext after = now;
    RegistrationState to = from;
    if (action == RegistrationAction::CreatePayment) {
        after.orderOpen = true; // an open order locks the information at review-free sites
    } else if (auto next = RegistrationMachine::apply(from, action, now)) {
        to = next.value();
    } else {
        return preview;
    }
    for (RegistrationAction edit : kEdits)
        if (RegistrationMachine::allows(from, edit, now) && !RegistrationMachine::allows(to, edit, after))
            preview.lockedNow.append(edit);
    if (auto rejected = RegistrationMachine::apply(to, RegistrationAction::Reject, after)) {
        preview.unlockedOnRejection = !preview.lockedNow.isEmpty()
            && std::all_of(preview.lockedNow.begin(), preview.lockedNow.end(),
                           [&](RegistrationAction edit) { return RegistrationMachine::allows(rejected.value(), edit, after); });
    }
    if (auto approved = RegistrationMachine::apply(to, RegistrationAction::Approve, after)) {
        for (RegistrationAction edit : kEdits)
            if (RegistrationMachine::allows(from, edit, now) && !RegistrationMachine::allows(approved.value(), edit, after))
                preview.lockedOnApproval.append(edit);
    }
    return preview;
}

} // namespace ncre
