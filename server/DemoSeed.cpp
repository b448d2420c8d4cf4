#include "DemoSeed.h"

#include "Database.h"
#include "Exam.h"
#include "Meta.h"
#include "ServerClock.h"
#include "ServerLogging.h"
#include "Site.h"
#include "Subject.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>

namespace ncre::server::DemoSeed {

namespace {

// Text, not bytes: a TEXT column takes a QString on both backends (QPSQL would store a QByteArray's \x escape).
QString compact(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

} // namespace

Result<void> load(Database &db, const ServerClock &clock, Credentials::KdfProfile kdf)
{
    if (db.scalar(QStringLiteral("SELECT COUNT(*) FROM exams")).toInt() > 0) {
        qCInfo(lcServer) << "database already holds an exam; demo seed skipped";
        return {};
    }
    QFile file(QStringLiteral(":/ncre/server/demo.json"));
    if (!file.open(QIODevice::ReadOnly))
        return Error(ErrorCode::ServerInternal, {}, QStringLiteral("demo seed missing"));
    QByteArray text = file.readAll();
    // Whole days from today's midnight (server time) keep the demo's dates tidy.
    const QDateTime base(clock.now().date(), QTime(0, 0), Qt::UTC);
    auto day = [&base](const QJsonValue &days) { return base.addDays(days.toInt()); };
    // The exam's name and announcement give the month it is held in, which moves with the seeding day: without this
    // a "March" exam began in January.
    const Result<QJsonObject> first = JsonReader::parseObject(text);
    if (!first)
        return first.error();
    const QDate starts
        = day(first->value(QLatin1String("exam")).toObject().value(QLatin1String("examStartsDays"))).date();
    text.replace("{examYear}", QByteArray::number(starts.year()))
        .replace("{examMonth}", QByteArray::number(starts.month()))
        .replace("{examDay}", QByteArray::number(starts.day()));
    const Result<QJsonObject> parsed = JsonReader::parseObject(text);
    if (!parsed)
        return parsed.error();
    const QJsonObject &seed = *parsed;

    Transaction tx(db);
    const QJsonObject e = seed.value(QLatin1String("exam")).toObject();
    Exam exam;
    exam.id = e.value(QLatin1String("id")).toString();
    exam.name = e.value(QLatin1String("name")).toString();
    exam.registration = {day(e.value(QLatin1String("registrationOpensDays"))),
                         day(e.value(QLatin1String("registrationClosesDays")))};
    exam.ticketPrint = {day(e.value(QLatin1String("ticketPrintOpensDays"))),
                        day(e.value(QLatin1String("ticketPrintClosesDays")))};
    exam.examStarts = day(e.value(QLatin1String("examStartsDays"))).addSecs(9 * 3600);
    const Result<ExamLimits> limits
        = ExamLimits::fromJson(e.value(QLatin1String("limits")).toObject(), JsonStrictness::Strict);
    if (!limits)
        return limits.error();
    exam.limits = *limits;
    exam.agreementVersion = e.value(QLatin1String("agreementVersion")).toString();
    exam.agreementText = e.value(QLatin1String("agreementText")).toString();
    // Round-trip through the codec: the seed must satisfy the contract.
    if (const auto check = Exam::fromJson(exam.toJson(), JsonStrictness::Strict); !check)
        return check.error();
    db.run(QStringLiteral("INSERT INTO exams (id, json, is_current) VALUES (?, ?, 1)"), {exam.id, compact(exam.toJson())});

    const QJsonObject subjectDefs = seed.value(QLatin1String("subjects")).toObject();
    for (const auto &sv : seed.value(QLatin1String("sites")).toArray()) {
        const QJsonObject s = sv.toObject();
        Site site;
        site.id = s.value(QLatin1String("id")).toString();
        site.name = s.value(QLatin1String("name")).toString();
        site.district = s.value(QLatin1String("district")).toString();
        site.address = s.value(QLatin1String("address")).toString();
        site.phone = s.value(QLatin1String("phone")).toString();
        site.reviewRequired = s.value(QLatin1String("reviewRequired")).toBool();
        if (s.contains(QLatin1String("onSiteConfirmation"))) {
            const QJsonObject c = s.value(QLatin1String("onSiteConfirmation")).toObject();
            site.onSiteConfirmation = OnSiteConfirmation{c.value(QLatin1String("notice")).toString(),
                                                         day(c.value(QLatin1String("deadlineDays"))).addSecs(17 * 3600)};
        }
        db.run(QStringLiteral("INSERT INTO sites (id, exam_id, review_required, json) VALUES (?, ?, ?, ?)"),
               {site.id, exam.id, site.reviewRequired ? 1 : 0, compact(site.toJson())});
        for (const auto &idv : s.value(QLatin1String("subjects")).toArray()) {
            const QJsonObject d = subjectDefs.value(idv.toString()).toObject();
            Subject sub;
            sub.id = idv.toString();
            sub.name = d.value(QLatin1String("name")).toString();
            sub.level = d.value(QLatin1String("level")).toInt();
            sub.feeFen = d.value(QLatin1String("feeFen")).toInt();
            sub.seatsTotal = s.contains(QLatin1String("seatsOverride")) ? s.value(QLatin1String("seatsOverride")).toInt()
                                                                        : d.value(QLatin1String("seats")).toInt();
            sub.seatsLeft = sub.seatsTotal;
            sub.examTime = exam.examStarts.addDays(d.value(QLatin1String("examDay")).toInt())
                               .addSecs((d.value(QLatin1String("examHour")).toInt() - 9) * 3600);
            sub.durationMinutes = d.value(QLatin1String("durationMinutes")).toInt();
            if (const auto check = Subject::fromJson(sub.toJson(), JsonStrictness::Strict); !check)
                return check.error();
            db.run(QStringLiteral("INSERT INTO subjects (site_id, id, fee_fen, seats_total, seats_left, json) "
                                  "VALUES (?, ?, ?, ?, ?, ?)"),
                   {site.id, sub.id, sub.feeFen, sub.seatsTotal, sub.seatsLeft, compact(sub.toJson())});
        }
    }

    for (const auto &bv : seed.value(QLatin1String("bulletins")).toArray()) {
        const QJsonObject b = bv.toObject();
        Bulletin bulletin;
        bulletin.id = b.value(QLatin1String("id")).toString();
        bulletin.kind = b.value(QLatin1String("kind")).toString() == QLatin1String("notice") ? BulletinKind::Notice
                                                                                            : BulletinKind::Announcement;
        bulletin.title = b.value(QLatin1String("title")).toString();
        bulletin.bodyHtml = b.value(QLatin1String("bodyHtml")).toString();
        bulletin.publishedAt = day(b.value(QLatin1String("publishedDays"))).addSecs(9 * 3600);
        db.run(QStringLiteral("INSERT INTO bulletins (id, kind, published_at, json) VALUES (?, ?, ?, ?)"),
               {bulletin.id, b.value(QLatin1String("kind")).toString(), bulletin.publishedAt.toSecsSinceEpoch(),
                compact(bulletin.toJson())});
    }

    auto addAccount = [&](const QJsonObject &a, const QString &role) {
        db.run(QStringLiteral("INSERT INTO accounts (username, password_hash, role, site_id, created_at) "
                              "VALUES (?, ?, ?, ?, ?)"),
               {a.value(QLatin1String("username")).toString(),
                Credentials::hashPassword(a.value(QLatin1String("password")).toString(), kdf), role,
                a.contains(QLatin1String("siteId")) ? QVariant(a.value(QLatin1String("siteId")).toString()) : QVariant(),
                clock.nowSecs()});
    };
    for (const auto &a : seed.value(QLatin1String("staff")).toArray())
        addAccount(a.toObject(), QStringLiteral("staff"));
    for (const auto &a : seed.value(QLatin1String("candidates")).toArray())
        addAccount(a.toObject(), QStringLiteral("candidate"));

    if (!tx.commit())
        return Error(ErrorCode::ServerInternal, {}, QStringLiteral("demo seed not committed"));
    qCInfo(lcServer) << "demo seed loaded: exam" << exam.id;
    return {};
}

} // namespace ncre::server::DemoSeed
