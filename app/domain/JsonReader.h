#pragma once

#include "Result.h"

#include <QDate>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QString>

#include <optional>

namespace ncre {

// Requests the server decodes are Strict (unknown fields are an error, so a typo never silently drops data);
// responses the client decodes are Lenient (a newer server may add fields).
enum class JsonStrictness { Lenient, Strict };

// Reads one JSON object field by field, keeping the first error with its JSON path. Every accessor checks the type
// and range and never defaults silently: a missing required member is json.missing, a wrong type json.type, a value
// out of range json.range, an unknown enum value json.value. After the first error accessors return empty values;
// callers check ok() once at the end.
class JsonReader
{
public:
    JsonReader(QJsonObject object, JsonStrictness strictness, QString path = {});

    // Parses bytes that must hold one JSON object (json.syntax, json.notObject).
    static Result<QJsonObject> parseObject(const QByteArray &bytes);

    QString string(const char *key, qsizetype maxLength = 4096);
    std::optional<QString> optionalString(const char *key, qsizetype maxLength = 4096);
    qint64 integer(const char *key, qint64 min, qint64 max);
    std::optional<qint64> optionalInteger(const char *key, qint64 min, qint64 max);
    double number(const char *key, double min, double max);
    bool boolean(const char *key);
    std::optional<bool> optionalBoolean(const char *key);
    // RFC 3339 date-time with a zone ("2026-03-01T09:00:00Z"); returned in UTC.
    QDateTime dateTime(const char *key);
    std::optional<QDateTime> optionalDateTime(const char *key);
    // RFC 3339 full-date ("2026-03-01").
    QDate date(const char *key);
    QJsonObject object(const char *key);
    std::optional<QJsonObject> optionalObject(const char *key);
    QJsonArray array(const char *key, qsizetype maxItems);
    std::optional<QJsonArray> optionalArray(const char *key, qsizetype maxItems);

    // An enumeration by wire name; `fromName` maps a name to std::optional<E>.
    template<typename E, typename FromName>
    E enumeration(const char *key, FromName fromName)
    {
        const QString name = string(key, 64);
        if (!ok())
            return E{};
        const std::optional<E> value = fromName(name);
        if (!value) {
            fail(Error(ErrorCode::JsonValue, pathOf(key), QStringLiteral("unknown value")));
            return E{};
        }
        return *value;
    }

    // A nested object decoded by T::fromJson(object, strictness, path).
    template<typename T>
    T nested(const char *key)
    {
        const QJsonObject o = object(key);
        return decodeNested<T>(o, pathOf(key));
    }
    template<typename T>
    std::optional<T> optionalNested(const char *key)
    {
        const std::optional<QJsonObject> o = optionalObject(key);
        if (!o)
            return std::nullopt;
        return decodeNested<T>(*o, pathOf(key));
    }
    // An array of objects, each decoded by T::fromJson.
    template<typename T>
    QList<T> nestedList(const char *key, qsizetype maxItems)
    {
        const QJsonArray a = array(key, maxItems);
        return decodeList<T>(a, pathOf(key));
    }
    template<typename T>
    QList<T> decodeList(const QJsonArray &a, const QString &path)
    {
        QList<T> list;
        for (qsizetype i = 0; i < a.size() && ok(); ++i) {
            const QString itemPath = QStringLiteral("%1[%2]").arg(path).arg(i);
            if (!a.at(i).isObject()) {
                fail(Error(ErrorCode::JsonType, itemPath, QStringLiteral("expected an object")));
                break;
            }
            list.append(decodeNested<T>(a.at(i).toObject(), itemPath));
        }
        return list;
    }
    // An array of strings, each at most maxLength long.
    QStringList stringList(const char *key, qsizetype maxItems, qsizetype maxLength);

    // In Strict mode, a member not read by any accessor is json.unknownField. Call after reading everything.
    void finish();

    bool ok() const { return !m_error.has_value(); }
    const Error &error() const { return *m_error; }
    void fail(Error error);
    QString pathOf(const char *key) const;

    // Wrap up: the value if every read succeeded, the first error otherwise.
    template<typename T>
    Result<T> result(T value)
    {
        finish();
        if (!ok())
            return error();
        return value;
    }

private:
    template<typename T>
    T decodeNested(const QJsonObject &o, const QString &path)
    {
        if (!ok())
            return T{};
        Result<T> r = T::fromJson(o, m_strictness, path);
        if (!r) {
            fail(r.error());
            return T{};
        }
        return std::move(r).value();
    }

    // The member `key`, marked as read; nullopt if absent or null (and json.missing if `required`).
    std::optional<QJsonValue> member(const char *key, bool required);
    void typeError(const char *key, const char *expected);
    // json.missing unless `key` is present and not null.
    void requirePresent(const char *key);

    QJsonObject m_object;
    JsonStrictness m_strictness;
    QString m_path;
    QSet<QString> m_read;
    std::optional<Error> m_error;
};

// Writing helpers, the inverse of JsonReader's formats.
namespace JsonFormat {
QString dateTime(const QDateTime &value); // UTC, "2026-03-01T09:00:00Z"
QString date(const QDate &value);         // "2026-03-01"
} // namespace JsonFormat

} // namespace ncre
