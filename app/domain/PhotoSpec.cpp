#include "PhotoSpec.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>

namespace ncre {

Result<PhotoComposition> PhotoComposition::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    JsonReader r(o, s, path);
    auto fraction = [&r](const char *key) {
        return r.number(key, 0.0, 1.0);
    };
    PhotoComposition c;
    c.topMargin = fraction("topMargin");
    c.head = fraction("head");
    c.shoulders = fraction("shoulders");
    c.sideMargin = fraction("sideMargin");
    c.tolerance = fraction("tolerance");
    return r.result(c);
}

QJsonObject PhotoComposition::toJson() const
{
    return {{QStringLiteral("topMargin"), topMargin}, {QStringLiteral("head"), head},
            {QStringLiteral("shoulders"), shoulders}, {QStringLiteral("sideMargin"), sideMargin},
            {QStringLiteral("tolerance"), tolerance}};
}

bool PhotoSpec::aspectAccepted(int width, int height) const
{
    if (width <= 0 || height <= 0)
        return false;
    const double aspect = double(width) / double(height);
    return aspect >= aspectMin - aspectTolerance && aspect <= aspectMax + aspectTolerance;
}

Result<PhotoSpec> PhotoSpec::fromJson(const QJsonObject &o, JsonStrictness s, const QString &path)
{
    constexpr int kMaxPixels = 20000;
    constexpr qint64 kMaxBytes = 50 * 1024 * 1024;
    JsonReader r(o, s, path);
    PhotoSpec spec;
    spec.format = r.string("format", 64);
    spec.extensions = r.stringList("extensions", 8, 8);
    spec.minWidth = int(r.integer("minWidth", 1, kMaxPixels));
    spec.minHeight = int(r.integer("minHeight", 1, kMaxPixels));
    spec.maxWidth = int(r.integer("maxWidth", 1, kMaxPixels));
    spec.maxHeight = int(r.integer("maxHeight", 1, kMaxPixels));
    spec.aspectMin = r.number("aspectMin", 0.1, 10.0);
    spec.aspectMax = r.number("aspectMax", 0.1, 10.0);
    spec.aspectTolerance = r.number("aspectTolerance", 0.0, 1.0);
    spec.widthMm = r.number("widthMm", 1.0, 1000.0);
    spec.heightMm = r.number("heightMm", 1.0, 1000.0);
    spec.minBytes = r.integer("minBytes", 1, kMaxBytes);
    spec.maxBytes = r.integer("maxBytes", 1, kMaxBytes);
    spec.colour = r.boolean("colour");
    static const QRegularExpression rgb(QStringLiteral("^#[0-9A-Fa-f]{6}$"));
    const QStringList colours = r.stringList("backgroundColours", 16, 16);
    for (const QString &name : colours) {
        if (!rgb.match(name).hasMatch()) {
            r.fail(Error(ErrorCode::JsonValue, r.pathOf("backgroundColours"), QStringLiteral("expected #RRGGBB")));
            break;
        }
        spec.backgroundColours.append(name.toUpper());
    }
    spec.backgroundTolerance = r.number("backgroundTolerance", 0.0, 100.0);
    spec.composition = r.nested<PhotoComposition>("composition");
    if (r.ok() && (spec.minWidth > spec.maxWidth || spec.minHeight > spec.maxHeight))
        r.fail(Error(ErrorCode::JsonRange, r.pathOf("minWidth"), QStringLiteral("minimum above maximum")));
    if (r.ok() && spec.aspectMin > spec.aspectMax)
        r.fail(Error(ErrorCode::JsonRange, r.pathOf("aspectMin"), QStringLiteral("aspectMin above aspectMax")));
    if (r.ok() && spec.minBytes > spec.maxBytes)
        r.fail(Error(ErrorCode::JsonRange, r.pathOf("minBytes"), QStringLiteral("minBytes above maxBytes")));
    return r.result(spec);
}

QJsonObject PhotoSpec::toJson() const
{
    return {
        {QStringLiteral("format"), format},
        {QStringLiteral("extensions"), QJsonArray::fromStringList(extensions)},
        {QStringLiteral("minWidth"), minWidth},
        {QStringLiteral("minHeight"), minHeight},
        {QStringLiteral("maxWidth"), maxWidth},
        {QStringLiteral("maxHeight"), maxHeight},
        {QStringLiteral("aspectMin"), aspectMin},
        {QStringLiteral("aspectMax"), aspectMax},
        {QStringLiteral("aspectTolerance"), aspectTolerance},
        {QStringLiteral("widthMm"), widthMm},
        {QStringLiteral("heightMm"), heightMm},
        {QStringLiteral("minBytes"), minBytes},
        {QStringLiteral("maxBytes"), maxBytes},
        {QStringLiteral("colour"), colour},
        {QStringLiteral("backgroundColours"), QJsonArray::fromStringList(backgroundColours)},
        {QStringLiteral("backgroundTolerance"), backgroundTolerance},
        {QStringLiteral("composition"), composition.toJson()},
    };
}

PhotoSpec PhotoSpec::ncreDefault()
{
    QFile file(QStringLiteral(":/ncre/domain/ncre-photo-spec.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("ncre-photo-spec.json missing from resources"); // a build error, not a runtime condition
    Result<QJsonObject> object = JsonReader::parseObject(file.readAll());
    Result<PhotoSpec> spec = object ? PhotoSpec::fromJson(*object, JsonStrictness::Strict) : object.error();
    if (!spec)
        qFatal("ncre-photo-spec.json is invalid: %s", qPrintable(spec.error().field));
    return spec.value();
}

} // namespace ncre
