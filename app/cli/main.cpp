// ncre-photo: check photos against the NCRE photo rules, or fix one (architecture §7, a fixed contract).
//   ncre-photo check [--json] FILE...        exit 0: all comply, 1: any does not, 2: usage or unreadable input
//   ncre-photo fix INPUT -o OUTPUT [--json]  exit 0: wrote a compliant JPEG, 1: cannot (e.g. no face), 2: usage/IO
// Messages follow the system language (zh_CN or English); codes never change.

#include "FaceDetector.h"
#include "PhotoFixer.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QLoggingCategory>
#include <QSaveFile>
#include <QTextStream>
#include <QTranslator>

#include <cstdio>

using namespace ncre;

namespace {

class Cli
{
    Q_DECLARE_TR_FUNCTIONS(Cli)

public:
    static QString usage()
    {
        return tr("Usage:\n"
                  "  ncre-photo check [--json] [--verbose] [--] FILE...\n"
                  "  ncre-photo fix [--json] [--verbose] INPUT -o OUTPUT\n"
                  "  ncre-photo --version\n"
                  "Exit status: 0 all comply (or the fixed photo was written), 1 a photo does not comply (or cannot "
                  "be fixed), 2 usage or file errors.\n");
    }
    static QString unreadable(const QString &file, const QString &why) { return tr("%1: cannot read: %2").arg(file, why); }
    static QString unwritable(const QString &file, const QString &why) { return tr("%1: cannot write: %2").arg(file, why); }
    // Why a file cannot be read or written, in the user's language (the system's own text is English).
    static QString why(const QFileDevice &file, const QString &path)
    {
        const QFileInfo info(path);
        if (info.isDir())
            return tr("it is a folder, not a file");
        if (file.error() == QFileDevice::OpenError && !info.exists() && !info.isSymLink())
            return info.dir().exists() ? tr("no such file") : tr("no such folder");
        if (file.error() == QFileDevice::OpenError && info.exists() && (!info.isReadable() || !info.isWritable()))
            return tr("permission denied");
        return file.errorString();
    }
    static QString sameFile(const QString &file)
    {
        return tr("%1: the fixed photo must go to another file; the original is kept as it is").arg(file);
    }
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
        out() << Cli::tr("%1: %2: %3", "file: code: message").arg(file, errorCodeName(f.code), f.message) << '\n';
}

// The file's bytes, or why it cannot be read.
Result<QByteArray, QString> readFile(const QString &path)
{
    if (path.isEmpty())
        return Cli::tr("no such file");
    QFile f(path);
    if (QFileInfo(path).isDir() || !f.open(QIODevice::ReadOnly))
        return Cli::why(f, path);
    return f.readAll();
}

QJsonObject unreadableJson(const QString &file, const QString &why)
{
    return {{QStringLiteral("file"), file}, {QStringLiteral("ok"), false},
            {QStringLiteral("findings"), QJsonArray{QJsonObject{{QStringLiteral("code"), errorCodeName(ErrorCode::PhotoDecode)},
                                                                {QStringLiteral("message"), Cli::unreadable(file, why)}}}}};
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
            // Still in the report (a batch must not lose a file), with the reason; the exit status says 2.
            unreadable = true;
            err() << Cli::unreadable(file, bytes.error()) << '\n';
            if (json)
                report.append(unreadableJson(file, bytes.error()));
            continue;
        }
        const Inspection inspection = inspector.inspect(bytes.value());
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
    auto failJson = [&](const QJsonArray &findings, const QString &error = {}) {
        if (!json)
            return;
        QJsonObject o{{QStringLiteral("file"), input}, {QStringLiteral("ok"), false},
                      {QStringLiteral("findings"), findings}, {QStringLiteral("output"), QJsonValue()}};
        if (!error.isEmpty())
            o.insert(QStringLiteral("error"), error); // a file error, not a finding about the photo
        out() << QJsonDocument(QJsonArray{o}).toJson(QJsonDocument::Indented);
    };
    QFile in(input);
    if (input.isEmpty() || QFileInfo(input).isDir() || !in.open(QIODevice::ReadOnly)) {
        const QString why = Cli::why(in, input);
        err() << Cli::unreadable(input, why) << '\n';
        failJson(unreadableJson(input, why).value(QStringLiteral("findings")).toArray());
        return 2;
    }
    in.close();
    // The original is never overwritten: a fix that went wrong could not be undone.
    if (QFileInfo(output).exists() && QFileInfo(output).canonicalFilePath() == QFileInfo(input).canonicalFilePath()) {
        err() << Cli::sameFile(output) << '\n';
        failJson({}, Cli::sameFile(output));
        return 2;
    }
    const PhotoFixer fixer;
    const auto fixed = fixer.fixFile(input); // streamed: the photo is never held whole in memory
    if (!fixed) {
        if (json)
            failJson(findingsJson(fixed.error()));
        else
            printFindings(input, fixed.error());
        return 1;
    }
    // Written whole or not at all.
    QSaveFile file(output);
    if (QFileInfo(output).isDir() || !file.open(QIODevice::WriteOnly) || file.write(fixed->jpeg) != fixed->jpeg.size()
        || !file.commit()) {
        const QFileInfo info(output);
        const QString why = info.isDir()                                    ? Cli::tr("it is a folder, not a file")
            : !info.dir().exists()                                          ? Cli::tr("no such folder")
            : !QFileInfo(info.absolutePath()).isWritable() || (info.exists() && !info.isWritable()) ? Cli::tr("permission denied")
                                                                            : file.errorString();
        err() << Cli::unwritable(output, why) << '\n';
        failJson({}, Cli::unwritable(output, why));
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

// The command line, parsed: the command, its files, -o, and what is wrong with it (empty when nothing).
struct CommandLine
{
    QString command;
    QStringList files;
    QString output;
    bool json = false;
    bool verbose = false;
    bool help = false;
    bool version = false;
    QString problem;
};

CommandLine parse(const QStringList &args)
{
    CommandLine c;
    bool options = true;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (options && a == QLatin1String("--")) {
            options = false;
        } else if (options && (a == QLatin1String("--help") || a == QLatin1String("-h"))) {
            c.help = true;
        } else if (options && a == QLatin1String("--version")) {
            c.version = true;
        } else if (options && a == QLatin1String("--json")) {
            c.json = true;
        } else if (options && a == QLatin1String("--verbose")) {
            c.verbose = true;
        } else if (options && a == QLatin1String("-o")) {
            if (!c.output.isEmpty() && c.problem.isEmpty())
                c.problem = Cli::tr("-o is given twice");
            else if (i + 1 >= args.size() && c.problem.isEmpty())
                c.problem = Cli::tr("-o needs the name of the file to write");
            else
                c.output = args.at(++i);
        } else if (options && a.startsWith(QLatin1Char('-')) && a != QLatin1String("-")) {
            if (c.problem.isEmpty())
                c.problem = Cli::tr("unknown option %1 (a file whose name starts with - goes after --)").arg(a);
        } else if (c.command.isEmpty()) {
            c.command = a;
        } else {
            c.files.append(a);
        }
    }
    if (!c.problem.isEmpty() || c.help || c.version)
        return c;
    if (c.command.isEmpty())
        c.problem = Cli::tr("no command: use check or fix");
    else if (c.command != QLatin1String("check") && c.command != QLatin1String("fix"))
        c.problem = Cli::tr("unknown command %1: use check or fix").arg(c.command);
    else if (c.command == QLatin1String("check") && c.files.isEmpty())
        c.problem = Cli::tr("check needs at least one file");
    else if (c.command == QLatin1String("check") && !c.output.isEmpty())
        c.problem = Cli::tr("-o belongs to fix; check writes nothing");
    else if (c.command == QLatin1String("fix") && c.files.size() != 1)
        c.problem = Cli::tr("fix takes exactly one photo");
    else if (c.command == QLatin1String("fix") && c.output.isEmpty())
        c.problem = Cli::tr("fix needs -o OUTPUT, the file to write");
    return c;
}

} // namespace

int main(int argc, char *argv[])
{
    // The application object first: Qt takes the thread that first uses it for the main thread.
    QCoreApplication app(argc, argv);
    // The face module (OpenCV, and TBB with it) is loaded on this thread when the first photo needs it: loading it
    // on a second thread while this one loads image plugins saved a few milliseconds, and a CI run once saw the
    // process never answer.
    QCoreApplication::setApplicationName(QStringLiteral("ncre-photo"));
    QTranslator translator;
    if (QLocale().language() == QLocale::Chinese && translator.load(QStringLiteral(":/i18n/ncre_zh_CN.qm")))
        QCoreApplication::installTranslator(&translator);

    const CommandLine c = parse(QCoreApplication::arguments().mid(1));
    // Quiet by default: only the answer is printed. --verbose adds our debug messages and the image libraries'
    // warnings (libpng's about a PNG's ICC profile, Qt's image plugins'); QT_LOGGING_RULES has the last word.
    QLoggingCategory::setFilterRules(c.verbose ? QStringLiteral("ncre.*.debug=true") : QStringLiteral("qt.gui.imageio*=false"));
    if (c.help) {
        out() << Cli::usage();
        return 0;
    }
    if (c.version) {
        out() << "ncre-photo " << NCRE_VERSION << '\n';
        return 0;
    }
    if (!c.problem.isEmpty()) {
        err() << "ncre-photo: " << c.problem << "\n\n" << Cli::usage();
        return 2;
    }
    const int status = c.command == QLatin1String("check") ? check(c.files, c.json) : fix(c.files.first(), c.output, c.json);
    // The answer leaves now, not when the streams are destroyed among the libraries' own exit handlers.
    out().flush();
    err().flush();
    return status;
}
