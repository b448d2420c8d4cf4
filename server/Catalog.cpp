#include "Catalog.h"

#include "Database.h"
#include "ServerLogging.h"

#include <QCryptographicHash>
#include <QJsonDocument>

namespace ncre::server {

namespace {

template<typename T>
std::optional<T> decode(const QByteArray &json)
{
    const Result<QJsonObject> o = JsonReader::parseObject(json);
    if (!o)
        return std::nullopt;
    Result<T> t = T::fromJson(*o, JsonStrictness::Strict);
    if (!t) {
        qCWarning(lcServerDb) << "stored JSON does not decode:" << errorCodeName(t.error().code) << t.error().field;
        return std::nullopt;
    }
    return std::move(t).value();
}

} // namespace

std::optional<Exam> Catalog::currentExam()
{
    return decode<Exam>(m_db.scalar(QStringLiteral("SELECT json FROM exams WHERE is_current = 1")).toByteArray());
}

QList<Site> Catalog::sites(const QString &examId)
{
    QList<Site> list;
    QSqlQuery q = m_db.run(QStringLiteral("SELECT json FROM sites WHERE exam_id = ? ORDER BY id"), {examId});
    while (q.next()) {
        if (auto s = decode<Site>(q.value(0).toByteArray()))
            list.append(*s);
    }
    return list;
}

std::optional<Site> Catalog::site(const QString &siteId)
{
    return decode<Site>(m_db.scalar(QStringLiteral("SELECT json FROM sites WHERE id = ?"), {siteId}).toByteArray());
}

QList<Subject> Catalog::subjects(const QString &siteId)
{
    QList<Subject> list;
    QSqlQuery q = m_db.run(
        QStringLiteral("SELECT json, seats_left, seats_total FROM subjects WHERE site_id = ? ORDER BY id"), {siteId});
    while (q.next()) {
        if (auto s = decode<Subject>(q.value(0).toByteArray())) {
            // Seats live in their own columns (updated under seat reservation); the JSON holds the rest.
            s->seatsLeft = q.value(1).toInt();
            s->seatsTotal = q.value(2).toInt();
            list.append(*s);
        }
    }
    return list;
}

QList<Bulletin> Catalog::bulletins(BulletinKind kind)
{
    QList<Bulletin> list;
    QSqlQuery q = m_db.run(QStringLiteral("SELECT json FROM bulletins WHERE kind = ? ORDER BY published_at DESC"),
                           {kind == BulletinKind::Notice ? QStringLiteral("notice") : QStringLiteral("announcement")});
    while (q.next()) {
        if (auto b = decode<Bulletin>(q.value(0).toByteArray()))
            list.append(*b);
    }
    return list;
}

QByteArray Catalog::subjectsEtag(const QString &siteId)
{
    QCryptographicHash hash(QCryptographicHash::Sha256);
    QSqlQuery q = m_db.run(QStringLiteral("SELECT id, seats_left FROM subjects WHERE site_id = ? ORDER BY id"),
                           {siteId});
    while (q.next())
        hash.addData(q.value(0).toByteArray() + ':' + q.value(1).toByteArray() + ';');
    return '"' + hash.result().toHex().left(16) + '"';
}

} // namespace ncre::server
