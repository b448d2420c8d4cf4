#include "DocumentRenderer.h"
#include "ServerContext.h"

#include <QCryptographicHash>
#include <QRegularExpression>

#include <limits>

namespace ncre::server {

using Method = HttpMethod;

namespace {

using StoredDocument = RegistrationStore::StoredDocument;

// Renders once per registration version and keeps it: the same bytes every time is what makes Range resumption
// and the client's hash check possible.
std::optional<StoredDocument> document(ServerContext &ctx, const RegistrationRow &row, const QString &kind)
{
    if (auto kept = ctx.registrations.document(row.id, kind, row.version))
        return kept;
    const auto exam = ctx.catalog.currentExam();
    const auto site = ctx.catalog.site(row.siteId);
    if (!exam || !site)
        return std::nullopt;
    DocumentRenderer::Input in;
    in.exam = *exam;
    in.site = *site;
    for (const Subject &s : ctx.catalog.subjects(site->id)) {
        if (row.subjectIds.contains(s.id))
            in.subjects.append(s);
    }
    in.registration = ctx.registrations.render(row);
    in.photoJpeg = ctx.registrations.photo(row.id);
    // 准考证号: exam, site and a sequence derived from the registration id; stable for the registration.
    const QByteArray digest = QCryptographicHash::hash(row.id.toLatin1(), QCryptographicHash::Sha256);
    quint64 n = 0;
    for (int i = 0; i < 8; ++i)
        n = (n << 8) | quint8(digest[i]);
    in.admissionNumber = QString(exam->id).remove(QLatin1Char('-')) + QStringLiteral("%1").arg(n % 10000000000ULL, 10, 10, QLatin1Char('0'));
    StoredDocument doc;
    doc.pdf = kind == QLatin1String("ticket") ? DocumentRenderer::admissionTicket(in)
                                              : DocumentRenderer::registrationForm(in);
    doc.sha256Hex = QCryptographicHash::hash(doc.pdf, QCryptographicHash::Sha256).toHex();
    ctx.registrations.keepDocument(row.id, kind, row.version, doc);
    return doc;
}

// A single byte range ("bytes=a-b", "bytes=a-", "bytes=-n"), RFC 9110 §14.
ApiResponse withRange(const ApiRequest &r, const StoredDocument &doc)
{
    const QByteArray etag = '"' + doc.sha256Hex.left(32) + '"';
    ApiResponse full;
    full.contentType = "application/pdf";
    full.body = doc.pdf;
    full.addHeader("ETag", etag);
    full.addHeader("Accept-Ranges", "bytes");
    full.addHeader("X-Content-SHA256", doc.sha256Hex);
    const QByteArray range = r.header("Range");
    const QByteArray ifRange = r.header("If-Range");
    if (range.isEmpty() || (!ifRange.isEmpty() && ifRange != etag))
        return full;
    static const QRegularExpression spec(QStringLiteral("^bytes=([0-9]*)-([0-9]*)$"));
    const auto m = spec.match(QString::fromLatin1(range));
    const qint64 size = doc.pdf.size();
    if (!m.hasMatch() || (m.captured(1).isEmpty() && m.captured(2).isEmpty()))
        return full; // a range we do not understand is ignored, as RFC 9110 allows
    // Positions too large for 64 bits are past any document (not 0, which toLongLong() answers for them).
    auto position = [](const QString &digits) {
        bool ok = false;
        const qint64 value = digits.toLongLong(&ok);
        return ok ? value : std::numeric_limits<qint64>::max();
    };
    qint64 first, last;
    if (m.captured(1).isEmpty()) {
        const qint64 suffix = position(m.captured(2));
        first = suffix >= size ? 0 : size - suffix;
        last = size - 1;
    } else {
        first = position(m.captured(1));
        last = m.captured(2).isEmpty() ? size - 1 : qMin(position(m.captured(2)), size - 1);
    }
    if (first >= size || first > last) {
        ApiResponse bad = ApiResponse::problem(Error(ErrorCode::RequestMalformed, QStringLiteral("Range"),
                                                     QStringLiteral("range not satisfiable")));
        bad.status = 416;
        bad.addHeader("Content-Range", "bytes */" + QByteArray::number(size));
        return bad;
    }
    ApiResponse part = full;
    part.status = 206;
    part.body = doc.pdf.mid(first, last - first + 1);
    part.addHeader("Content-Range", QStringLiteral("bytes %1-%2/%3").arg(first).arg(last).arg(size).toLatin1());
    return part;
}

ApiResponse serve(ServerContext &ctx, const ApiRequest &r, RegistrationAction action, const QString &kind)
{
    const auto row = ctx.registrations.byAccount(r.caller->accountId);
    if (!row)
        return ApiResponse::problem(Error(ErrorCode::StateAgreementRequired));
    if (!RegistrationMachine::allows(row->state, action, ctx.registrations.context(*row)))
        return ApiResponse::problem(Error(ErrorCode::DocumentNotAvailable, {}, QStringLiteral("not paid")));
    if (action == RegistrationAction::DownloadTicket) {
        const auto exam = ctx.catalog.currentExam();
        if (!exam || !exam->ticketPrint.contains(ctx.clock.now()))
            return ApiResponse::problem(Error(ErrorCode::StateWindowClosed, {}, QStringLiteral("outside print window")));
    }
    const auto doc = document(ctx, *row, kind);
    if (!doc)
        return ApiResponse::problem(Error(ErrorCode::DocumentNotAvailable));
    return withRange(r, *doc);
}

} // namespace

void registerDocumentRoutes(ServerContext &ctx)
{
    RouteOptions candidate;
    candidate.access = Access::Candidate;
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/registrations/current/form.pdf"), candidate,
                      [&ctx](ApiRequest &r) { return serve(ctx, r, RegistrationAction::DownloadForm, QStringLiteral("form")); });
    ctx.http.addRoute(Method::Get, QStringLiteral("/api/v1/registrations/current/ticket.pdf"), candidate,
                      [&ctx](ApiRequest &r) {
                          return serve(ctx, r, RegistrationAction::DownloadTicket, QStringLiteral("ticket"));
                      });
}

} // namespace ncre::server
