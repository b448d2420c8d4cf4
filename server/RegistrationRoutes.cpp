#include "DocumentNumber.h"
#include "ProfileRules.h"
#include "RegistrationRequests.h"
#include "PhotoInspector.h"
#include "ServerContext.h"
#include "ServerLogging.h"

#include <QBuffer>
#include <QCryptographicHash>
#include <QImage>
#include <QImageReader>
#include <QJsonDocument>

namespace ncre::server {

using Method = QHttpServerRequest::Method;

ApiResponse registrationResponse(ServerContext &ctx, const RegistrationRow &row, int status)
{
    ApiResponse r = ApiResponse::json(ctx.registrations.render(row).toJson(), status);
    r.addHeader("ETag", ctx.registrations.etag(row));
    return r;
}

namespace {

// The registration of the caller, or the problem that says why there is none.
Result<RegistrationRow> current(ServerContext &ctx, const ApiRequest &r)
{
    auto row = ctx.registrations.byAccount(r.caller->accountId);
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

// "zhangsan99" -> "zh***99": enough for its owner to recognise it, not enough for anyone else to use it.
QString maskUsername(const QString &username)
{
    if (username.size() <= 4)
        return username.left(1) + QStringLiteral("***");
    return username.left(2) + QStringLiteral("***") + username.right(2);
}

// The quick checks, from the header and the bytes: format by content, truncation, bytes, dimensions, aspect,
// colour. PhotoInspector adds orientation, face and composition.
std::optional<Error> checkPhoto(const PhotoSpec &spec, const QByteArray &jpeg, QSize &size)
{
    const QString field = QStringLiteral("photo");
    if (!jpeg.startsWith("\xFF\xD8\xFF"))
        return Error(ErrorCode::PhotoFormat, field, QStringLiteral("not a JPEG"));
    // A complete JPEG ends its last scan with EOI; a cut-off upload does not (an EXIF thumbnail's EOI comes before
    // the main image's SOS, so it does not count).
    if (jpeg.lastIndexOf("\xFF\xD9") < jpeg.lastIndexOf("\xFF\xDA"))
        return Error(ErrorCode::PhotoDecode, field, QStringLiteral("truncated"));
    if (jpeg.size() < spec.minBytes || jpeg.size() > spec.maxBytes)
        return Error(ErrorCode::PhotoBytes, field, QStringLiteral("%1 bytes").arg(jpeg.size()));
    QBuffer buffer;
    buffer.setData(jpeg);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, "jpeg");
    size = reader.size();
    if (!size.isValid())
        return Error(ErrorCode::PhotoDecode, field, QStringLiteral("unreadable header"));
    if (size.width() < spec.minWidth || size.height() < spec.minHeight || size.width() > spec.maxWidth
        || size.height() > spec.maxHeight)
        return Error(ErrorCode::PhotoDimensions, field,
                     QStringLiteral("%1x%2").arg(size.width()).arg(size.height()));
    if (!spec.aspectAccepted(size.width(), size.height()))
        return Error(ErrorCode::PhotoAspect, field);
    const QImage image = reader.read();
    if (image.isNull())
        return Error(ErrorCode::PhotoDecode, field, reader.errorString());
    if (spec.colour && (image.isGrayscale() || image.allGray()))
        return Error(ErrorCode::PhotoColour, field);
    return std::nullopt;
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
        const QByteArray ifNoneMatch = r.header("If-None-Match");
        if (!ifNoneMatch.isEmpty()) {
            if (const auto current = ctx.registrations.etagOfAccount(r.caller->accountId); current && *current == ifNoneMatch)
                return conditional(r, ApiResponse::empty(304), *current);
        }
        const auto row = ctx.registrations.byAccount(r.caller->accountId);
        if (!row)
            return ApiResponse::problem(Error(ErrorCode::ResourceNotFound, {}, QStringLiteral("no registration yet")));
        const QByteArray etag = ctx.registrations.etag(*row);
        if (r.header("If-None-Match") == etag)
            return conditional(r, ApiResponse::empty(304), etag);
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
                          if (auto existing = ctx.registrations.byAccount(r.caller->accountId))
                              return registrationResponse(ctx, *existing);
                          if (const auto closed = registrationWindowOpen(ctx))
                              return ApiResponse::problem(*closed);
                          RegistrationRow row;
                          row.id = QString::fromLatin1(Credentials::randomToken(12));
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
            if (const auto holder = ctx.registrations.byDocumentKey(key); holder && holder->id != row->id) {
                Problem p = Problem::fromError(Error(ErrorCode::AccountDocumentTaken, QStringLiteral("documentNumber"),
                                                     QStringLiteral("held by another account")));
                p.holder = maskUsername(
                    ctx.db.scalar(QStringLiteral("SELECT username FROM accounts WHERE id = ?"), {holder->accountId})
                        .toString());
                return ApiResponse::problem(p);
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
                QSqlQuery q = ctx.db.run(QStringLiteral("UPDATE subjects SET seats_left = seats_left - 1 "
                                                        "WHERE site_id = ? AND id = ? AND seats_left > 0"),
                                         {site->id, subject});
                if (q.numRowsAffected() != 1)
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
    ctx.http.addRoute(
        Method::Put, QStringLiteral("/api/v1/registrations/current/photo"), photoOptions, [&ctx](ApiRequest &r) {
            Result<RegistrationRow> row = current(ctx, r);
            if (!row)
                return ApiResponse::problem(row.error());
            if (const auto refused = transition(ctx, row.value(), RegistrationAction::UploadPhoto))
                return ApiResponse::problem(*refused);
            const QByteArray jpeg = r.http.body();
            QSize size;
            if (const auto bad = checkPhoto(ctx.photoSpec, jpeg, size))
                return validationProblem({*bad});
            // What only the pixels tell: upright, one face, placed as the rules want (app/photo, as the client).
            PhotoInspector inspector(ctx.photoSpec);
            inspector.setCompositionSlack(2.0);
            const Inspection inspection = inspector.inspect(jpeg);
            for (const PhotoFinding &f : inspection.findings)
                if (f.code == ErrorCode::PhotoOrientation || f.code == ErrorCode::PhotoFace
                    || f.code == ErrorCode::PhotoComposition)
                    return validationProblem({Error(f.code, QStringLiteral("photo"), f.message)});
            PhotoInfo info;
            info.sha256 = QString::fromLatin1(QCryptographicHash::hash(jpeg, QCryptographicHash::Sha256).toHex());
            info.bytes = jpeg.size();
            info.width = size.width();
            info.height = size.height();
            info.uploadedAt = ctx.clock.now();
            row->photo = info;
            Transaction tx(ctx.db);
            ctx.db.run(QStringLiteral("UPDATE registrations SET photo = ? WHERE id = ?"), {jpeg, row->id});
            if (!ctx.registrations.save(row.value()) || !tx.commit())
                return ApiResponse::problem(Error(ErrorCode::ServerInternal));
            return registrationResponse(ctx, *row);
        });

    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/registrations/current/photo"), candidate,
                      [&ctx](ApiRequest &r) {
                          const auto row = ctx.registrations.byAccount(r.caller->accountId);
                          const QByteArray jpeg
                              = row ? ctx.db.scalar(QStringLiteral("SELECT photo FROM registrations WHERE id = ?"),
                                                    {row->id})
                                          .toByteArray()
                                    : QByteArray();
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
