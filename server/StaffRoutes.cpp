#include "DocumentNumber.h"
#include "RegistrationRequests.h"
#include "Review.h"
#include "ServerContext.h"
#include "ServerLogging.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace ncre::server {

using Method = HttpMethod;

namespace {

// The registration `id` if it belongs to the caller's site. Others answer 404, so staff cannot probe them.
std::optional<RegistrationRow> ownSite(ServerContext &ctx, const ApiRequest &r, const QString &id)
{
    auto row = ctx.registrations.byId(id);
    if (!row || row->siteId != r.caller->siteId)
        return std::nullopt;
    return row;
}

} // namespace

void registerStaffRoutes(ServerContext &ctx)
{
    RouteOptions staff;
    staff.access = Access::Staff;
    RouteOptions staffPost = staff;
    staffPost.idempotent = true;
    RouteOptions staffPostJson = staffPost;
    staffPostJson.body = BodyKind::Json;
    RouteOptions staffJson = staff;
    staffJson.body = BodyKind::Json;

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/staff/reviews"), staff, [&ctx](ApiRequest &r) {
        ReviewQueue queue;
        for (const QString &id : ctx.registrations.awaitingReview(r.caller->siteId)) {
            const auto row = ctx.registrations.byId(id);
            if (!row)
                continue;
            ReviewQueueItem item;
            item.registrationId = row->id;
            item.candidateName = row->profile.value(ProfileField::Name);
            item.documentNumberMasked = DocumentNumber::mask(row->profile.value(ProfileField::DocumentNumber));
            item.subjectIds = row->subjectIds;
            item.requestedAt = row->review ? row->review->requestedAt : row->updatedAt;
            queue.items.append(item);
        }
        // What the site's staff decided lately, at any terminal.
        const QDateTime since = ctx.clock.now().addSecs(-qint64(ReviewQueue::kDecidedHours) * 3600);
        for (const auto &d : ctx.registrations.decidedSince(r.caller->siteId, since, ReviewQueue::kDecidedMax)) {
            const auto row = ctx.registrations.byId(d.registrationId);
            if (!row || !row->review || !row->review->decision)
                continue;
            DecidedReview item;
            item.registrationId = row->id;
            item.candidateName = row->profile.value(ProfileField::Name);
            item.documentNumberMasked = DocumentNumber::mask(row->profile.value(ProfileField::DocumentNumber));
            item.decision = *row->review->decision;
            item.reason = row->review->reason;
            item.decidedBy = d.decidedBy;
            item.decidedAt = d.decidedAt;
            queue.decided.append(item);
        }
        // A terminal polls this: an unchanged queue costs a 304.
        const QJsonObject body = queue.toJson();
        return conditional(r, ApiResponse::json(body), bodyEtag(QJsonDocument(body).toJson(QJsonDocument::Compact)));
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/staff/registrations/{}"), staff, [&ctx](ApiRequest &r) {
        const auto row = ownSite(ctx, r, r.params.at(0));
        if (!row)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
        return registrationResponse(ctx, *row);
    });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/staff/registrations/{}/photo"), staff, [&ctx](ApiRequest &r) {
        const auto row = ownSite(ctx, r, r.params.at(0));
        const QByteArray jpeg = row ? ctx.registrations.photo(row->id) : QByteArray();
        if (jpeg.isEmpty())
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
        ApiResponse response;
        response.contentType = "image/jpeg";
        response.body = jpeg;
        return response;
    });

    ctx.http.addRoute(
        Method::Post, QStringLiteral("/api/v1/staff/registrations/{}/decision"), staffPostJson, [&ctx](ApiRequest &r) {
            const Result<ReviewDecision> decision = ReviewDecision::fromJson(r.json, JsonStrictness::Strict);
            if (!decision)
                return ApiResponse::problem(decision.error());
            auto row = ownSite(ctx, r, r.params.at(0));
            if (!row)
                return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
            const bool approve = decision->decision == ReviewDecisionKind::Approve;
            const Result<RegistrationState> next = RegistrationMachine::apply(
                row->state, approve ? RegistrationAction::Approve : RegistrationAction::Reject,
                ctx.registrations.context(*row));
            if (!next)
                return ApiResponse::problem(next.error());
            row->state = next.value();
            ReviewInfo review = row->review.value_or(ReviewInfo{ctx.clock.now(), {}, {}, {}});
            review.decidedAt = ctx.clock.now();
            review.decision = decision->decision;
            review.reason = decision->reason;
            row->review = review;
            if (approve) {
                // Approval locks the information and starts the payment window (24 hours in NCRE).
                const auto exam = ctx.catalog.currentExam();
                row->paymentDue = ctx.clock.now().addSecs(qint64(exam ? exam->limits.paymentHours : 24) * 3600);
            }
            if (!ctx.registrations.save(*row) || !ctx.registrations.recordDecision(row->id, r.caller->username, *review.decidedAt))
                return ApiResponse::problem(Error(ErrorCode::ServerInternal));
            qCInfo(lcServer) << "registration" << row->id << (approve ? "approved" : "rejected") << "by staff account"
                             << r.caller->accountId;
            return registrationResponse(ctx, *row);
        });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/staff/confirmations/lookup"), staffJson,
                      [&ctx](ApiRequest &r) {
                          const Result<DocumentLookup> lookup = DocumentLookup::fromJson(r.json, JsonStrictness::Strict);
                          if (!lookup)
                              return ApiResponse::problem(lookup.error());
                          Profile key;
                          key.setValue(ProfileField::DocumentType, lookup->documentType);
                          key.setValue(ProfileField::DocumentNumber, DocumentNumber::normalize(lookup->documentNumber));
                          const auto row = ctx.registrations.byDocumentKey(RegistrationStore::documentKey(key));
                          if (!row || row->siteId != r.caller->siteId)
                              return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
                          return registrationResponse(ctx, *row);
                      });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/staff/registrations/{}/confirmation"), staffPost,
                      [&ctx](ApiRequest &r) {
                          auto row = ownSite(ctx, r, r.params.at(0));
                          if (!row)
                              return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
                          const Result<RegistrationState> next = RegistrationMachine::apply(
                              row->state, RegistrationAction::ConfirmOnSite, ctx.registrations.context(*row));
                          if (!next)
                              return ApiResponse::problem(next.error());
                          row->state = next.value();
                          if (!ctx.registrations.save(*row))
                              return ApiResponse::problem(Error(ErrorCode::ServerInternal));
                          return registrationResponse(ctx, *row);
                      });
}

} // namespace ncre::server
