#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QJsonObject>
#include <QString>

#include <array>

namespace ncre {

// Fields of the basic-information form (基本信息), in form order.
enum class ProfileField {
    Name,           // 姓名
    Gender,         // 性别: "male" | "female"
    DocumentType,   // 证件类型: DocumentType wire name
    DocumentNumber, // 证件号码
    BirthDate,      // 出生日期: YYYY-MM-DD
    Ethnicity,      // 民族: GB 3304 code
    Education,      // 文化程度
    Occupation,     // 职业
    Mobile,         // 手机
    Phone,          // 联系电话 (landline)
    Email,          // 电子邮箱
    Address,        // 通讯地址
    PostalCode,     // 邮政编码
    StudentNumber,  // 学号
    TrainingUnit,   // 培训单位
    Count
};

// The candidate's basic information as typed: every field a string, validated by ProfileRules rather than by
// the type system, so that the form, the draft store and the server see the same raw values and the same errors.
class Profile
{
public:
    QString value(ProfileField field) const { return m_values[static_cast<size_t>(field)]; }
    void setValue(ProfileField field, const QString &value) { m_values[static_cast<size_t>(field)] = value; }

    // Wire name of a field ("documentNumber"), used in JSON and in field errors.
    static QString fieldKey(ProfileField field);
    static std::optional<ProfileField> fieldFromKey(const QString &key);

    // Every member must be a string (or absent/null, read as empty); Strict rejects unknown members.
    static Result<Profile> fromJson(const QJsonObject &object, JsonStrictness strictness, const QString &path = {});
    // Empty fields are omitted.
    QJsonObject toJson() const;

    friend bool operator==(const Profile &a, const Profile &b) { return a.m_values == b.m_values; }
    friend bool operator!=(const Profile &a, const Profile &b) { return !(a == b); }

private:
    std::array<QString, static_cast<size_t>(ProfileField::Count)> m_values;
};

} // namespace ncre
