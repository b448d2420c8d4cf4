// ncre-bench-head-geometry OUT.json: the head-geometry error on the hand-measured set (tests/photo/PhotoFixtureSet.h
// headSet()), as PhotoInspector measures it from each JPEG and as the face box's proportions alone would estimate
// it. scripts/bench writes the table into docs/benchmarks.md (bench/report.py).
#include "PhotoInspector.h"
#include "photo/PhotoFixtureSet.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace ncre;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        fprintf(stderr, "usage: ncre-bench-head-geometry OUT.json\n");
        return 2;
    }
    const QList<PhotoFixtureSet::Framing> set = PhotoFixtureSet::headSet();
    if (set.isEmpty()) {
        fprintf(stderr, "ncre-bench-head-geometry: fixture photographs missing (run scripts/setup)\n");
        return 1;
    }
    QJsonArray rows;
    for (const PhotoFixtureSet::Framing &f : set) {
        const Inspection i = PhotoInspector().inspect(PhotoFixtureSet::jpeg(f.image, 92));
        if (!i.head || i.faces.isEmpty()) {
            fprintf(stderr, "ncre-bench-head-geometry: no head found in %s\n", f.name);
            return 1;
        }
        const double h = f.image.height();
        const HeadGeometry prior = HeadGeometry::fromFace(i.faces.first());
        rows.append(QJsonObject{{"name", QString::fromLatin1(f.name)},
                                {"width", f.image.width()},
                                {"height", f.image.height()},
                                {"topError", (i.head->top - f.hairTop) / h},
                                {"chinError", (i.head->chin - f.chin) / h},
                                {"trueHead", (f.chin - f.hairTop) / h},
                                {"measuredHead", i.head->height() / h},
                                {"priorTopError", (prior.top - f.hairTop) / h},
                                {"priorChinError", (prior.chin - f.chin) / h}});
    }
    QFile out(QString::fromLocal8Bit(argv[1]));
    if (!out.open(QIODevice::WriteOnly)) {
        fprintf(stderr, "ncre-bench-head-geometry: cannot write %s\n", argv[1]);
        return 2;
    }
    out.write(QJsonDocument(QJsonObject{{"framings", rows}}).toJson());
    return 0;
}
