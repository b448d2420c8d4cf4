#include "JsonReader.h"

#include <QJsonDocument>
#include <QJsonParseError>
#include <QRegularExpression>

#include <cmath>
#include <utility>

namespace ncre {

JsonReader::JsonReader(QJsonObject object, JsonStrictness strictness, QString path)
    : m_object(std::move(object))
    , m_strictness(strictness)
    , m_path(std::move(path))
{
}

Result<QJsonObject> JsonReader::parseObject(const QByteArray &bytes)
{
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return Error(ErrorCode::JsonSyntax, {},
                     QStringLiteral("%1 at offset %2").arg(parseError.errorString()).arg(parseError.offset));
    if (!doc.isObject())
        return Error(ErrorCode::JsonNotObject, {}, QStringLiteral("expected a JSON object"));
    return doc.object();
}

QString JsonReader::pathOf(const char *key) const
{
    const QString k = QString::fromLatin1(key);
    return m_path.isEmpty() ? k : m_path + QLatin1Char('.') + k;
}

void JsonReader::fail(Error error)
{
    if (!m_error)
        m_error = std::move(error);
}

void JsonReader::typeError(const char *key, const char *expected)
{
    fail(Error(ErrorCode::JsonType, pathOf(key), QStringLiteral("expected %1").arg(QString::fromLatin1(expected))));
}

std::optional<QJsonValue> JsonReader::member(const char *key, bool required)
{
    if (!ok())
        return std::nullopt;
    const QString k = QString::fromLatin1(key);
    m_read.insert(k);
    const auto it = m_object.constFind(k);
    if (it == m_object.constEnd() || it->isNull()) {
        if (required)
            fail(Error(ErrorCode::JsonMissing, pathOf(key), QStringLiteral("required member is missing")));
        return std::nullopt;
    }
    return *it;
}

void JsonReader::requirePresent(const char *key)
{
    const QJsonValue v = m_object.value(QString::fromLatin1(key)); // Undefined when absent
    if (ok() && (v.isNull() || v.isUndefined()))
        member(key, true);
}

std::optional<QString> JsonReader::optionalString(const char *key, qsizetype maxLength)
{
    const auto v = member(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isString()) {
        typeError(key, "a string");
        return std::nullopt;
    }
    QString s = v->toString();
    if (s.size() > maxLength) {
        fail(Error(ErrorCode::JsonRange, pathOf(key), QStringLiteral("longer than %1 characters").arg(maxLength)));
        return std::nullopt;
    }
    return s;
}

QString JsonReader::string(const char *key, qsizetype maxLength)
{
    requirePresent(key);
    return optionalString(key, maxLength).value_or(QString());
}

std::optional<qint64> JsonReader::optionalInteger(const char *key, qint64 min, qint64 max)
{
    const auto v = member(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isDouble()) {
        typeError(key, "an integer");
        return std::nullopt;
    }
    const double d = v->toDouble();
    // Integers must be exact: 2.5 is not a seat count. Beyond 2^53 doubles are not exact either.
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > 9007199254740992.0) {
        typeError(key, "an integer");
        return std::nullopt;
    }
    const auto i = static_cast<qint64>(d);
    if (i < min || i > max) {
        fail(Error(ErrorCode::JsonRange, pathOf(key), QStringLiteral("outside %1..%2").arg(min).arg(max)));
        return std::nullopt;
    }
    return i;
}

qint64 JsonReader::integer(const char *key, qint64 min, qint64 max)
{
    requirePresent(key);
    return optionalInteger(key, min, max).value_or(0);
}

double JsonReader::number(const char *key, double min, double max)
{
    requirePresent(key);
    const auto v = member(key, false);
    if (!v)
        return 0;
    if (!v->isDouble() || !std::isfinite(v->toDouble())) {
        typeError(key, "a number");
        return 0;
    }
    const double d = v->toDouble();
    if (d < min || d > max) {
        fail(Error(ErrorCode::JsonRange, pathOf(key), QStringLiteral("outside %1..%2").arg(min).arg(max)));
        return 0;
    }
    return d;
}

std::optional<bool> JsonReader::optionalBoolean(const char *key)
{
    const auto v = member(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isBool()) {
        typeError(key, "a boolean");
        return std::nullopt;
    }
    return v->toBool();
}

bool JsonReader::boolean(const char *key)
{
    requirePresent(key);
    return optionalBoolean(key).value_or(false);
}

std::optional<QDateTime> JsonReader::optionalDateTime(const char *key)
{
    const std::optional<QString> s = optionalString(key, 64);
    if (!s)
        return std::nullopt;
    // A zone is required: a deadline without one means different instants on different PCs.
    const bool hasZone = s->endsWith(QLatin1Char('Z')) || s->endsWith(QLatin1Char('z'))
        || (s->size() > 6 && (s->at(s->size() - 6) == QLatin1Char('+') || s->at(s->size() - 6) == QLatin1Char('-')));
    const QDateTime dt = QDateTime::fromString(*s, Qt::ISODateWithMs);
    if (!hasZone || !s->contains(QLatin1Char('T')) || !dt.isValid()) {
        fail(Error(ErrorCode::JsonValue, pathOf(key), QStringLiteral("expected an RFC 3339 date-time with a zone")));
        return std::nullopt;
    }
    return dt.toUTC();
}

QDateTime JsonReader::dateTime(const char *key)
{
    requirePresent(key);
    return optionalDateTime(key).value_or(QDateTime());
}

QDate JsonReader::date(const char *key)
{
    const QString s = string(key, 10);
    if (!ok())
        return {};
    static const QRegularExpression shape(QStringLiteral("^[0-9]{4}-[0-9]{2}-[0-9]{2}$"));
    const QDate d = QDate::fromString(s, Qt::ISODate);
    if (!shape.match(s).hasMatch() || !d.isValid()) {
        fail(Error(ErrorCode::JsonValue, pathOf(key), QStringLiteral("expected a date YYYY-MM-DD")));
        return {};
    }
    return d;
}

std::optional<QJsonObject> JsonReader::optionalObject(const char *key)
{
    const auto v = member(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isObject()) {
        typeError(key, "an object");
        return std::nullopt;
    }
    return v->toObject();
}

QJsonObject JsonReader::object(const char *key)
{
    requirePresent(key);
    return optionalObject(key).value_or(QJsonObject());
}

std::optional<QJsonArray> JsonReader::optionalArray(const char *key, qsizetype maxItems)
{
    const auto v = member(key, false);
    if (!v)
        return std::nullopt;
    if (!v->isArray()) {
        typeError(key, "an array");
        return std::nullopt;
    }
    QJsonArray a = v->toArray();
    if (a.size() > maxItems) {
        fail(Error(ErrorCode::JsonRange, pathOf(key), QStringLiteral("more than %1 items").arg(maxItems)));
        return std::nullopt;
    }
    return a;
}

QJsonArray JsonReader::array(const char *key, qsizetype maxItems)
{
    requirePresent(key);
    return optionalArray(key, maxItems).value_or(QJsonArray());
}

QStringList JsonReader::stringList(const char *key, qsizetype maxItems, qsizetype maxLength)
{
    const QJsonArray a = array(key, maxItems);
    QStringList list;
    for (qsizetype i = 0; i < a.size() && ok(); ++i) {
        const QString itemPath = QStringLiteral("%1[%2]").arg(pathOf(key)).arg(i);
        if (!a.at(i).isString()) {
            fail(Error(ErrorCode::JsonType, itemPath, QStringLiteral("expected a string")));
            break;
        }
        const QString s = a.at(i).toString();
        if (s.size() > maxLength) {
            fail(Error(ErrorCode::JsonRange, itemPath, QStringLiteral("longer than %1 characters").arg(maxLength)));
            break;
        }
        list.append(s);
    }
    return list;
}

void JsonReader::finish()
{
    if (!ok() || m_strictness != JsonStrictness::Strict)
        return;
    for (auto it = m_object.constBegin(); it != m_object.constEnd(); ++it) {
        if (!m_read.contains(it.key())) {
            const QString path = m_path.isEmpty() ? it.key() : m_path + QLatin1Char('.') + it.key();
            fail(Error(ErrorCode::JsonUnknownField, path, QStringLiteral("unknown member")));
            return;
        }
    }
}

namespace JsonFormat {

QString dateTime(const QDateTime &value)
{
    return value.toUTC().toString(Qt::ISODate);
}

QString date(const QDate &value)
{
    return value.toString(Qt::ISODate);
}

} // namespace JsonFormat

} // namespace ncre
