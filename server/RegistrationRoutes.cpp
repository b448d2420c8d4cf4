#include "DocumentNumber.h"
#include "ProfileRules.h"
#include "RegistrationRequests.h"
#include "PhotoFixer.h"
#include "PhotoInspector.h"
#include "ServerContext.h"
#include "ServerLogging.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>

#include <memory>

namespace ncre::server {

using Method = HttpMethod;

ApiResponse registrationResponse(ServerContext &ctx, const RegistrationRow &row, int status)
{
    ApiResponse r = ApiResponse::json(ctx.registrations.render(row).toJson(), status);
    r.addHeader("ETag", ctx.registrations.etag(row));
    return r;
}

namespace {

// An uploaded photo once checked: the cleaned JPEG and its size, or why it is refused.
struct CheckedPhoto
{
    QByteArray jpeg;
    QSize size;
    ErrorList errors;
};

// The registration of the caller, or the problem that says why there is none.
// The caller's registration, to change: If-Match / If-None-Match are evaluated against its ETag first (412
// request.preconditionFailed: a desk and a kiosk editing one registration do not overwrite each other's changes).
Result<RegistrationRow> current(ServerContext &ctx, const ApiRequest &r)
{
    auto row = ctx.registrations.byAccount(r.caller->accountId);
    if (auto failed = changePrecondition(r, row ? std::optional(ctx.registrations.etag(*row)) : std::nullopt))
        return *failed;
    if (!row)
        return Error(ErrorCode::StateAgreementRequired, {}, QStringLiteral("no registration: accept the agreement"));
    return *row;
}

std::optional<Error> registrationWindowOpen(ServerContext &ctx)
{
    const auto exam = ctx.catalog.currentExam();
    if (!exam)
        return Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no current exam"));
    if (!exam->registration.contains(ctx.clock.now()))
        return Error(ErrorCode::StateWindowClosed, {}, QStringLiteral("registration window closed"));
    return std::nullopt;
}

// Applies `action` to the row's state (or refuses with the state machine's code).
std::optional<Error> transition(ServerContext &ctx, RegistrationRow &row, RegistrationAction action)
{
    const Result<RegistrationState> next = RegistrationMachine::apply(row.state, action, ctx.registrations.context(row));
    if (!next)
        return next.error();
    row.state = next.value();
    return std::nullopt;
}

// A document number the account has not held before, on its way into the basic information. Whether it is taken
// answers a question about someone else, so it is the ID-number enumeration guard's (issue 14; docs/privacy.md):
// - at most documentsPerAccount different numbers per account and documentsPerAddress per client address in 24 h
//   (429 account.documentChecks with Retry-After; the pattern is logged, never the numbers);
// - after a conflict, every further new number needs a fresh captcha (NCRE-Captcha-Id and NCRE-Captcha-Answer
//   headers; 422 auth.captcha without);
// - a conflict says only that the number is taken: not by whom (the owner recovers the account through the exam
//   site, in person, with the document).
// The numbers are kept only as a keyed hash (HMAC-SHA256 with a key of this process), for counting.
std::optional<ApiResponse> checkNewDocument(ServerContext &ctx, const ApiRequest &r, const RegistrationRow &row,
                                            const QString &key)
{
    const QByteArray tag = ctx.documentChecks.tag(key);
    const QString address = r.http.client();
    const qint64 account = r.caller->accountId;
    if (const auto retryAfter = ctx.documentChecks.refusal(account, address, tag)) {
        Problem p = Problem::fromError(Error(ErrorCode::AccountDocumentChecks, QStringLiteral("documentNumber")));
        p.retryAfterSeconds = *retryAfter;
        return ApiResponse::problem(p);
    }
    if (ctx.documentChecks.conflicted(account)
        && !ctx.captchas.consume(QString::fromLatin1(r.http.value("NCRE-Captcha-Id")),
                                 QString::fromUtf8(r.http.value("NCRE-Captcha-Answer"))))
        return ApiResponse::problem(Error(ErrorCode::AuthCaptcha, QStringLiteral("captchaAnswer"),
                                          QStringLiteral("a captcha is needed to try another document number")));
    const auto holder = ctx.registrations.byDocumentKey(key);
    const bool conflict = holder && holder->id != row.id;
    ctx.documentChecks.record(account, address, tag, conflict);
    if (!conflict)
        return std::nullopt;
    qCInfo(lcServer) << "document number conflict for account" << account;
    return ApiResponse::problem(Error(ErrorCode::AccountDocumentTaken, QStringLiteral("documentNumber"),
                                      QStringLiteral("held by another account")));
}

// The photo as the server keeps it: the validated picture encoded again (PhotoFixer::encode: baseline JPEG, JFIF
// header only, the best quality within the byte range), so no EXIF, GPS, comment, ICC profile or bytes after the
// picture (a motion photo's video) are stored, and what staff see is what the candidate's preview showed.
Result<QByteArray> cleanPhoto(const PhotoSpec &spec, const QByteArray &jpeg)
{
    const Result<DecodedPhoto> decoded = PhotoReader::read(jpeg);
    if (!decoded)
        return decoded.error();
    return PhotoFixer(spec).encode(decoded->image);
}

// The full inspection and the cleaned JPEG (run on a WorkPool thread: nothing here touches the database).
CheckedPhoto checkPhoto(const PhotoSpec &spec, const QByteArray &upload)
{
    CheckedPhoto out;
    // The same inspector, with the same published spec, as the desk and ncre-photo: the same verdict.
    const PhotoInspector inspector(spec);
    const Inspection inspection = inspector.inspect(upload);
    if (!inspection.ok()) {
        for (const PhotoFinding &f : inspection.findings)
            out.errors.append(Error(f.code, QStringLiteral("photo"), f.message));
        return out;
    }
    const Result<QByteArray> clean = cleanPhoto(spec, upload);
    if (!clean) {
        out.errors.append(Error(clean.error().code, QStringLiteral("photo"), clean.error().detail));
        return out;
    }
    const Result<QSize> size = PhotoReader::headerSize(clean.value());
    if (!size) {
        out.errors.append(Error(ErrorCode::ServerInternal, QStringLiteral("photo")));
        return out;
    }
    out.jpeg = clean.value();
    out.size = size.value();
    return out;
}

} // namespace

void registerRegistrationRoutes(ServerContext &ctx)
{
    RouteOptions candidate;
    candidate.access = Access::Candidate;
    RouteOptions candidateJson = candidate;
    candidateJson.body = BodyKind::Json;
    RouteOptions candidatePost = candidate;
    candidatePost.idempotent = true;
    RouteOptions candidatePostJson = candidateJson;
    candidatePostJson.idempotent = true;

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/registrations/current"), candidate, [&ctx](ApiRequest &r) {
        // An unchanged poll reads the ETag's parts only (one indexed row), never the whole registration.
        const QByteArray ifNoneMatch = r.listHeader("If-None-Match");
        if (!ifNoneMatch.isEmpty()) {
            if (const auto current = ctx.registrations.etagOfAccount(r.caller->accountId);
                current && ifNoneMatchMatches(ifNoneMatch, *current))
                return conditional(r, ApiResponse::empty(304), *current);
        }
        const auto row = ctx.registrations.byAccount(r.caller->accountId);
        if (!row)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no registration yet")));
        return registrationResponse(ctx, *row);
    });

    ctx.http.addRoute(Method::Put, QStringLiteral("/api/v1/registrations/current/agreement"), candidateJson,
                      [&ctx](ApiRequest &r) {
                          const Result<AgreementAcceptance> req
                              = AgreementAcceptance::fromJson(r.json, JsonStrictness::Strict);
                          if (!req)
                              return ApiResponse::problem(req.error());
                          const auto exam = ctx.catalog.currentExam();
                          if (!exam)
                              return ApiResponse::problem(Error(ErrorCode::ResourceNotFound));
                          if (req->agreementVersion != exam->agreementVersion)
                              return ApiResponse::problem(Error(ErrorCode::JsonValue, QStringLiteral("agreementVersion"),
                                                                QStringLiteral("not the current agreement")));
                          auto existing = ctx.registrations.byAccount(r.caller->accountId);
                          // "If-None-Match: *": only if there is none yet (RFC 9110 §13.1.2).
                          if (auto failed = changePrecondition(
                                  r, existing ? std::optional(ctx.registrations.etag(*existing)) : std::nullopt))
                              return ApiResponse::problem(*failed);
                          if (existing)
                              return registrationResponse(ctx, *existing);
                          if (const auto closed = registrationWindowOpen(ctx))
                              return ApiResponse::problem(*closed);
                          RegistrationRow row;
                          // The 报名号 candidates and staff read out and type: 16 random decimal digits.
                          row.id = QString::fromLatin1(Credentials::randomDigits(16));
                          row.accountId = r.caller->accountId;
                          row.examId = exam->id;
                          row.agreementVersion = req->agreementVersion;
                          if (!ctx.registrations.save(row, true))
                              return ApiResponse::problem(Error(ErrorCode::ServerInternal));
                          qCInfo(lcServer) << "registration" << row.id << "created";
                          return registrationResponse(ctx, row);
                      });

    RouteOptions profileOptions = candidateJson;
    ctx.http.addRoute(
        Method::Put, QStringLiteral("/api/v1/registrations/current/profile"), profileOptions, [&ctx](ApiRequest &r) {
            const Result<Profile> profile = Profile::fromJson(r.json, JsonStrictness::Strict);
            if (!profile)
                return ApiResponse::problem(profile.error());
            Result<RegistrationRow> row = current(ctx, r);
            if (!row)
                return ApiResponse::problem(row.error());
            if (const auto closed = registrationWindowOpen(ctx))
                return ApiResponse::problem(*closed);
            if (const auto refused = transition(ctx, row.value(), RegistrationAction::EditProfile))
                return ApiResponse::problem(*refused);
            const QDate today = ctx.clock.now().date();
            const ErrorList errors = ProfileRules::validate(*profile, today);
            if (!errors.isEmpty())
                return validationProblem(errors);
            const Profile normalized = ProfileRules::normalized(*profile, today);
            const QString key = RegistrationStore::documentKey(normalized);
            if (key != row->documentKey && !key.isEmpty()) {
                if (auto refused = checkNewDocument(ctx, r, *row, key))
                    return *refused;
            }
            row->profile = normalized;
            row->documentKey = key;
            if (!ctx.registrations.save(row.value()))
                return ApiResponse::problem(Error(ErrorCode::AccountDocumentTaken, QStringLiteral("documentNumber")));
            return registrationResponse(ctx, *row);
        });

    ctx.http.addRoute(
        Method::Put, QStringLiteral("/api/v1/registrations/current/subjects"), candidateJson, [&ctx](ApiRequest &r) {
            const Result<SubjectChoice> choice = SubjectChoice::fromJson(r.json, JsonStrictness::Strict);
            if (!choice)
                return ApiResponse::problem(choice.error());
            Result<RegistrationRow> row = current(ctx, r);
            if (!row)
                return ApiResponse::problem(row.error());
            if (const auto closed = registrationWindowOpen(ctx))
                return ApiResponse::problem(*closed);
            const auto exam = ctx.catalog.currentExam();
            const auto site = ctx.catalog.site(choice->siteId);
            if (!site)
                return validationProblem({Error(ErrorCode::FieldNotInList, QStringLiteral("siteId"))});
            // The site decides the transition context (review or not): judge the edit under the new site.
            RegistrationRow candidateRow = row.value();
            candidateRow.siteId = site->id;
            if (const auto refused = transition(ctx, candidateRow, RegistrationAction::EditSubjects))
                return ApiResponse::problem(*refused);
            const QList<Subject> offered = ctx.catalog.subjects(site->id);
            const ErrorList errors = SubjectSelection::validate(choice->subjectIds, offered, exam->limits);
            if (!errors.isEmpty())
                return validationProblem(errors);

            // Seats: give back what was held, then take one of each chosen subject, all or nothing. Requests are
            // handled one at a time, and each seat update checks seats_left > 0, so no subject is ever oversold.
            Transaction tx(ctx.db);
            if (!ctx.registrations.releaseSeats(row.value()))
                return ApiResponse::problem(Error(ErrorCode::ServerInternal));
            for (const QString &subject : choice->subjectIds) {
                if (!ctx.registrations.takeSeat(site->id, subject))
                    return ApiResponse::problem(Error(ErrorCode::SubjectsFull, QStringLiteral("subjectIds"),
                                                      QStringLiteral("no seats left for subject %1").arg(subject)));
            }
            candidateRow.subjectIds = choice->subjectIds;
            if (!ctx.registrations.save(candidateRow) || !tx.commit())
                return ApiResponse::problem(Error(ErrorCode::ServerInternal));
            return registrationResponse(ctx, candidateRow);
        });

    RouteOptions photoOptions = candidate;
    photoOptions.body = BodyKind::Jpeg;
    photoOptions.maxBody = 4 * 1024 * 1024;
    ctx.http.addAsyncRoute(
        Method::Put, QStringLiteral("/api/v1/registrations/current/photo"), photoOptions, [&ctx](ApiRequest &r, const Reply &reply) {
            Result<RegistrationRow> row = current(ctx, r);
            if (!row) {
                reply(ApiResponse::problem(row.error()));
                return;
            }
            if (const auto refused = transition(ctx, row.value(), RegistrationAction::UploadPhoto)) {
                reply(ApiResponse::problem(*refused));
                return;
            }
            // The full inspection (the same findings as the desk and ncre-photo: one photo, one verdict) and the
            // re-encoding, off the event loop and bounded ([photos]): an upload never stalls other requests, and a
            // decompression bomb is refused from its header (PhotoReader: dimensions, scans) before it is decoded.
            const PhotoSpec spec = ctx.photoSpec;
            const QByteArray upload = r.http.body;
            const qint64 account = r.caller->accountId;
            // A conditional upload holds only if the registration is still the one its preconditions were met by
            // when the checked photo is saved.
            const bool conditional = r.hasHeader("If-Match") || !r.listHeader("If-None-Match").isEmpty();
            const QByteArray seen = ctx.registrations.etag(row.value());
            auto result = std::make_shared<CheckedPhoto>();
            const bool queued = ctx.photoChecks->submit(r.http.client(), [spec, upload, result]() {
                *result = checkPhoto(spec, upload);
                return QVariant();
            }, [&ctx, account, conditional, seen, reply, result](const QVariant &) {
                const CheckedPhoto &checked = *result;
                if (!checked.errors.isEmpty()) {
                    reply(validationProblem(checked.errors));
                    return;
                }
                // The registration as it is now: it may have moved on while the photo was checked.
                auto row = ctx.registrations.byAccount(account);
                if (!row) {
                    reply(ApiResponse::problem(Error(ErrorCode::StateAgreementRequired)));
                    return;
                }
                if (conditional && ctx.registrations.etag(*row) != seen) {
                    reply(ApiResponse::problem(Error(ErrorCode::RequestPreconditionFailed, {},
                                                     QStringLiteral("the registration changed while the photo was checked"))));
                    return;
                }
                if (const auto refused = transition(ctx, *row, RegistrationAction::UploadPhoto)) {
                    reply(ApiResponse::problem(*refused));
                    return;
                }
                PhotoInfo info;
                info.sha256 = QString::fromLatin1(QCryptographicHash::hash(checked.jpeg, QCryptographicHash::Sha256).toHex());
                info.bytes = checked.jpeg.size();
                info.width = checked.size.width();
                info.height = checked.size.height();
                info.uploadedAt = ctx.clock.now();
                row->photo = info;
                Transaction tx(ctx.db);
                if (!ctx.registrations.setPhoto(row->id, checked.jpeg) || !ctx.registrations.save(*row) || !tx.commit()) {
                    reply(ApiResponse::problem(Error(ErrorCode::ServerInternal)));
                    return;
                }
                reply(registrationResponse(ctx, *row));
            });
            if (!queued) {
                Problem p = Problem::fromError(Error(ErrorCode::ServerBusy, {}, QStringLiteral("photo checks are saturated")));
                p.retryAfterSeconds = ctx.photoChecks->retryAfterSeconds();
                reply(ApiResponse::problem(p));
            }
        });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/registrations/current/photo"), candidate,
                      [&ctx](ApiRequest &r) {
                          const auto row = ctx.registrations.byAccount(r.caller->accountId);
                          const QByteArray jpeg = row ? ctx.registrations.photo(row->id) : QByteArray();
                          if (jpeg.isEmpty())
                              return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no photo")));
                          ApiResponse response;
                          response.contentType = "image/jpeg";
                          response.body = jpeg;
                          return conditional(r, response, '"' + row->photo->sha256.left(20).toLatin1() + '"');
                      });

    ctx.http.addRoute(
        Method::Post, QStringLiteral("/api/v1/registrations/current/submit"), candidatePostJson, [&ctx](ApiRequest &r) {
            const Result<SubmitRequest> req = SubmitRequest::fromJson(r.json, JsonStrictness::Strict);
            if (!req)
                return validationProblem({req.error()});
            Result<RegistrationRow> row = current(ctx, r);
            if (!row)
                return ApiResponse::problem(row.error());
            if (const auto closed = registrationWindowOpen(ctx))
                return ApiResponse::problem(*closed);
            ErrorList errors = ProfileRules::validate(row->profile, ctx.clock.now().date());
            if (row->siteId.isEmpty() || row->subjectIds.isEmpty())
                errors.append(Error(ErrorCode::SubjectsEmpty, QStringLiteral("subjectIds")));
            if (!errors.isEmpty())
                return validationProblem(errors);
            if (const auto refused = transition(ctx, row.value(), RegistrationAction::Submit))
                return ApiResponse::problem(*refused);
            if (!ctx.registrations.save(row.value()))
                return ApiResponse::problem(Error(ErrorCode::ServerInternal));
            return registrationResponse(ctx, *row);
        });

    ctx.http.addRoute(Method::Post, QStringLiteral("/api/v1/registrations/current/review-requests"), candidatePost,
                      [&ctx](ApiRequest &r) {
                          Result<RegistrationRow> row = current(ctx, r);
                          if (!row)
                              return ApiResponse::problem(row.error());
                          if (const auto refused = transition(ctx, row.value(), RegistrationAction::RequestReview))
                              return ApiResponse::problem(*refused);
                          ReviewInfo review;
                          review.requestedAt = ctx.clock.now();
                          row->review = review;
                          if (!ctx.registrations.save(row.value()))
                              return ApiResponse::problem(Error(ErrorCode::ServerInternal));
                          return registrationResponse(ctx, *row);
                      });
}

} // namespace ncre::server
