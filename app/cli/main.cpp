// ncre-photo: check photos against the NCRE photo rules, or fix one (architecture §7, a fixed contract).
//   ncre-photo check [--json] FILE...        exit 0: all comply, 1: any does not, 2: usage or unreadable input
//   ncre-photo fix INPUT -o OUTPUT [--json]  exit 0: wrote a compliant JPEG, 1: cannot (e.g. no face), 2: usage/IO
// Messages follow the system language (zh_CN or English); codes never change.

#include "FaceDetector.h"
#include "PhotoFixer.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>
#include <thread>

using namespace ncre;

namespace {

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)

public:
    static QString usage()
    {
        return tr("Usage:\n"
                  "  ncre-photo check [--json] [--verbose] FILE...\n"
                  "  ncre-photo fix INPUT -o OUTPUT [--json] [--verbose]\n"
                  "Exit status: 0 all comply (or the fixed photo was written), 1 a photo does not comply (or cannot "
                  "be fixed), 2 usage or file errors.\n");
    }
    static QString unreadable(const QString &file, const QString &why) { return tr("%1: cannot read: %2").arg(file, why); }
    static QString unwritable(const QString &file, const QString &why) { return tr("%1: cannot write: %2").arg(file, why); }
    static QString complies(const QString &file) { return tr("%1: complies").arg(file); }
    static QString wrote(const QString &file, int kb, int w, int h) { return tr("wrote %1 (%2 KB, %3×%4)").arg(file).arg(kb).arg(w).arg(h); }
};

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

QJsonArray findingsJson(const QList<PhotoFinding> &findings)
{
    QJsonArray a;
    for (const PhotoFinding &f : findings)
        a.append(QJsonObject{{QStringLiteral("code"), errorCodeName(f.code)}, {QStringLiteral("message"), f.message}});
    return a;
}

void printFindings(const QString &file, const QList<PhotoFinding> &findings)
{
    for (const PhotoFinding &f : findings)
        out() << file << ": " << errorCodeName(f.code) << ": " << f.message << '\n';
}

std::optional<QByteArray> readFile(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        err() << Cli::unreadable(path, f.errorString()) << '\n';
        return std::nullopt;
    }
    return f.readAll();
}

int check(const QStringList &files, bool json)
{
    const PhotoInspector inspector;
    QJsonArray report;
    bool allOk = true;
    bool unreadable = false;
    for (const QString &file : files) {
        const auto bytes = readFile(file);
        if (!bytes) {
            unreadable = true;
            continue;
        }
        const Inspection inspection = inspector.inspect(*bytes);
        allOk = allOk && inspection.ok();
        if (json) {
            report.append(QJsonObject{{QStringLiteral("file"), file}, {QStringLiteral("ok"), inspection.ok()},
                                      {QStringLiteral("findings"), findingsJson(inspection.findings)}});
        } else if (inspection.ok()) {
            out() << Cli::complies(file) << '\n';
        } else {
            printFindings(file, inspection.findings);
        }
    }
    if (json)
        out() << QJsonDocument(report).toJson(QJsonDocument::Indented);
    if (unreadable)
        return 2;
    return allOk ? 0 : 1;
}

int fix(const QString &input, const QString &output, bool json)
{
    QFile in(input);
    if (!in.open(QIODevice::ReadOnly)) {
        err() << Cli::unreadable(input, in.errorString()) << '\n';
        return 2;
    }
    in.close();
    const PhotoFixer fixer;
    const auto fixed = fixer.fixFile(input); // streamed: the photo is never held whole in memory
    if (!fixed) {
        if (json)
            out() << QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("file"), input}, {QStringLiteral("ok"), false},
                                                          {QStringLiteral("findings"), findingsJson(fixed.error())},
                                                          {QStringLiteral("output"), QJsonValue()}}})
                         .toJson(QJsonDocument::Indented);
        else
            printFindings(input, fixed.error());
        return 1;
    }
    // Written whole or not at all.
    QSaveFile file(output);
    if (!file.open(QIODevice::WriteOnly) || file.write(fixed->jpeg) != fixed->jpeg.size() || !file.commit()) {
        err() << Cli::unwritable(output, file.errorString()) << '\n';
        return 2;
    }
    if (json)
        out() << QJsonDocument(QJsonArray{QJsonObject{{QStringLiteral("file"), input}, {QStringLiteral("ok"), true},
                                                      {QStringLiteral("findings"), QJsonArray()},
                                                      {QStringLiteral("output"), output}}})
                     .toJson(QJsonDocument::Indented);
    else
        out() << Cli::wrote(output, int(fixed->jpeg.size() / 1024), fixed->size.width(), fixed->size.height()) << '\n';
    return 0;
}

} // namespace

int main(int argc, char *argv[])
{
    // The application object first: Qt takes the thread that first uses it for the main thread.
    QCoreApplication app(argc, argv);
    // Parsing the face model takes a few milliseconds: do it while the main thread reads the photo's header.
    std::thread warmUp([]() { FaceDetector::shared(); });
    struct Join
    {
        std::thread &t;
        ~Join() { t.join(); }
    } join{warmUp};
    QCoreApplication::setApplicationName(QStringLiteral("ncre-photo"));
    QTranslator translator;
    if (QLocale().language() == QLocale::Chinese && translator.load(QStringLiteral(":/i18n/ncre_zh_CN.qm")))
        QCoreApplication::installTranslator(&translator);

    QStringList args = QCoreApplication::arguments().mid(1);
    const bool json = args.removeAll(QStringLiteral("--json")) > 0;
    // Quiet by default: debug messages only with --verbose (or QT_LOGGING_RULES, which has the last word).
    if (args.removeAll(QStringLiteral("--verbose")) > 0)
        QLoggingCategory::setFilterRules(QStringLiteral("ncre.*.debug=true"));
    if (args.isEmpty() || args.contains(QStringLiteral("--help")) || args.contains(QStringLiteral("-h"))) {
        (args.isEmpty() ? err() : out()) << Cli::usage();
        return args.isEmpty() ? 2 : 0;
    }
    const QString command = args.takeFirst();
    if (command == QLatin1String("check")) {
        if (args.isEmpty() || std::any_of(args.begin(), args.end(), [](const QString &a) { return a.startsWith(QLatin1Char('-')) && a != QLatin1String("-"); })) {
            err() << Cli::usage();
            return 2;
        }
        return check(args, json);
    }
    if (command == QLatin1String("fix")) {
        const int o = int(args.indexOf(QStringLiteral("-o")));
        if (args.size() != 3 || o < 0 || o + 1 >= args.size()) {
            err() << Cli::usage();
            return 2;
        }
        const QString output = args.at(o + 1);
        args.remove(o, 2);
        if (args.first().startsWith(QLatin1Char('-'))) {
            err() << Cli::usage();
            return 2;
        }
        return fix(args.first(), output, json);
    }
    err() << Cli::usage();
    return 2;
}
