#pragma once

#include "JsonReader.h"
#include "Result.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace ncre {

// Where the head sits in the frame, as fractions of the frame's height (width for the side margin):
// NCRE asks for a top margin of 1/10, the head 7/10, the shoulders 1/5 and 1/10 on each side.
struct PhotoComposition
{
    double topMargin = 0;
    double head = 0;
    double shoulders = 0;
    double sideMargin = 0;
    double tolerance = 0; // absolute, on each fraction

    static Result<PhotoComposition> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;
};

// The photo rules of an exam, as the server publishes them in /meta (architecture §1, §8). Nothing of this is a
// constant in code: the NCRE values ship as data (data/ncre-photo-spec.json) and the server may publish others.
struct PhotoSpec
{
    QString format;         // MIME type, "image/jpeg"
    QStringList extensions; // file name endings, without the dot
    int minWidth = 0;
    int minHeight = 0;
    int maxWidth = 0;
    int maxHeight = 0;
    double aspectMin = 0; // width / height
    double aspectMax = 0;
    double aspectTolerance = 0;
    double widthMm = 0;
    double heightMm = 0;
    qint64 minBytes = 0;
    qint64 maxBytes = 0;
    bool colour = true;
    QStringList backgroundColours; // "#RRGGBB", upper case
    // How far (CIEDE2000 ΔE00, lightness counted half: kL = 2) the background may be from the nearest of
    // backgroundColours: a white wall in room light photographs as light grey (about 6-9 from white); a pink wall
    // is about 17 away, a red or dark blue one 18-35.
    double backgroundTolerance = 0;
    PhotoComposition composition;

    // Whether width/height lies in [aspectMin - tolerance, aspectMax + tolerance].
    bool aspectAccepted(int width, int height) const;

    static Result<PhotoSpec> fromJson(const QJsonObject &o, JsonStrictness s, const QString &path = {});
    QJsonObject toJson() const;

    // The NCRE spec shipped with the program (data/ncre-photo-spec.json), for the server's default and for
    // ncre-photo when no server is asked.
    static PhotoSpec ncreDefault();
};

} // namespace ncre
