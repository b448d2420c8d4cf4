// A registration-day surge through a load balancer (issue 17; bench/surge.sh runs it):
//   ncre-bench-registration-surge BASE_URL CANDIDATES SEATS [CONNECTIONS] [--kill PID --kill-at FRACTION]
//                                 [--cpu NAME=PID,NAME=PID...] [--hooks INSTANCE_URL]
// against ncre-server instances started with --test-hooks --kdf minimal (and limits lifted for one address).
// 1. seats: SEATS seats spread over the first subject of each of the exam's sites (POST /test-hooks/seats), every other
//    subject none, so the exam has exactly SEATS seats;
// 2. setup (not timed): CANDIDATES accounts, logged in, agreement accepted, basic information saved;
// 3. surge (timed): every candidate at once asks for a seat (PUT subjects) of the subject they chose (candidates
//    spread evenly over the subjects, so every subject is wanted by more than its seats), and submits (POST submit, with an Idempotency-Key) once a seat is theirs. With --kill, PID is killed
//    (SIGKILL) once FRACTION of the surge's requests have been answered.
// 4. check: every candidate's registration read back.
// Every request is retried as NCRE Desk retries: on no answer, 502/503/504 and 429, after Retry-After (at most 2 s),
// with the same Idempotency-Key. Prints one JSON object; exits 0 only if exactly SEATS were sold, every other
// candidate was refused as full, nothing but 429/503 was answered, every acknowledged write is in its registration,
// and no seat was taken twice.
#include <QCoreApplication>
#include <QDate>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <vector>

#include <sys/types.h>
#include <unistd.h>

namespace {

constexpr int kChoices = 1; // subjects a candidate asks for before taking "full" as the answer

struct Call
{
    QByteArray verb;
    QString path;
    QByteArray body;
    QString token;
    QByteArray idempotencyKey;
};

struct Outcome
{
    int status = 0;
    QByteArray body;
    qint64 micros = 0; // from the first try to the answer kept, retries included
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QByteArray &b)
{
    return QJsonDocument::fromJson(b).object();
}

// Sends calls with at most `connections` in flight over several QNetworkAccessManagers (six connections a host
// each), retrying as the desk does, and hands each final outcome to its callback.
class Runner
{
public:
    Runner(QString base, int connections)
        : m_base(std::move(base))
        , m_connections(connections)
    {
        for (int i = 0; i < (connections + 5) / 6; ++i)
            m_managers.push_back(std::make_unique<QNetworkAccessManager>());
    }

    void send(const Call &call, std::function<void(const Outcome &)> done)
    {
        // Started when the request is first sent, not while it waits here for a free connection: the latency is the
        // server's (and the proxy's), retries included.
        m_queue.push_back({call, std::move(done), std::make_shared<QElapsedTimer>(), 0});
        pump();
    }

    std::function<void()> onAnswer; // after every answer received (retried or not)
    std::map<int, int> retriedByStatus;
    int gaveUp = 0;

private:
    struct Job
    {
        Call call;
        std::function<void(const Outcome &)> done;
        std::shared_ptr<QElapsedTimer> timer;
        int tries;
    };

    void pump()
    {
        while (m_inFlight < m_connections && !m_queue.empty()) {
            Job job = std::move(m_queue.front());
            m_queue.pop_front();
            start(std::move(job));
        }
    }

    void start(Job job)
    {
        if (!job.timer->isValid())
            job.timer->start();
        QNetworkRequest request(QUrl(m_base + job.call.path));
        if (!job.call.body.isEmpty())
            request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
        if (!job.call.token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + job.call.token.toLatin1());
        if (!job.call.idempotencyKey.isEmpty())
            request.setRawHeader("Idempotency-Key", job.call.idempotencyKey);
        request.setTransferTimeout(30000);
        QNetworkReply *reply
            = m_managers[size_t(m_next++) % m_managers.size()]->sendCustomRequest(request, job.call.verb, job.call.body);
        ++m_inFlight;
        QObject::connect(reply, &QNetworkReply::finished, reply, [this, reply, job = std::move(job)]() mutable {
            --m_inFlight;
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            const QByteArray body = reply->readAll();
            const int retryAfter = reply->rawHeader("Retry-After").toInt();
            reply->deleteLater();
            if (onAnswer)
                onAnswer();
            const bool again = status == 0 || status == 429 || status == 502 || status == 503 || status == 504;
            if (again && job.tries < 40) {
                ++retriedByStatus[status];
                ++job.tries;
                const int delayMs = retryAfter > 0 ? qMin(retryAfter, 2) * 1000 : 250;
                QTimer::singleShot(delayMs, [this, job = std::move(job)]() mutable {
                    m_queue.push_back(std::move(job));
                    pump();
                });
            } else {
                if (again)
                    ++gaveUp;
                job.done({status, body, job.timer->nsecsElapsed() / 1000});
            }
            pump();
        });
    }

    QString m_base;
    int m_connections;
    int m_inFlight = 0;
    int m_next = 0;
    std::deque<Job> m_queue;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
};

// Runs `count` chains (one a candidate) to their end.
void runAll(int count, const std::function<void(int, std::function<void()>)> &chain)
{
    QEventLoop loop;
    int finished = 0;
    for (int i = 0; i < count; ++i)
        chain(i, [&]() {
            if (++finished == count)
                loop.quit();
        });
    if (count > 0)
        loop.exec();
}

// A valid GB 11643-1999 resident ID number, different for each `n` (one birth date each, from 1970).
QString residentIdNumber(int n)
{
    const QString body = QStringLiteral("110105") + QDate(1970, 1, 1).addDays(n).toString(QStringLiteral("yyyyMMdd"))
        + QStringLiteral("101");
    static const int weights[] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    int sum = 0;
    for (int i = 0; i < 17; ++i)
        sum += body.at(i).digitValue() * weights[i];
    return body + QString::fromLatin1("10X98765432").at(sum % 11);
}

// CPU seconds (user + system) a process has used so far: /proc/PID/stat, fields 14 and 15, in clock ticks.
double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' '); // field 3 onwards
    if (fields.size() < 13)
        return 0;
    return double(fields.at(11).toLongLong() + fields.at(12).toLongLong()) / double(sysconf(_SC_CLK_TCK));
}

QJsonObject latencyStats(std::vector<qint64> micros, qint64 wallMicros, int requests)
{
    std::sort(micros.begin(), micros.end());
    auto percentile = [&](double p) {
        return micros.empty() ? 0.0 : double(micros[size_t(p * double(micros.size() - 1))]) / 1000.0;
    };
    return {{"requests", requests},
            {"seconds", double(wallMicros) / 1e6},
            {"throughput", double(requests) / (double(wallMicros) / 1e6)},
            {"p50Ms", percentile(0.50)},
            {"p99Ms", percentile(0.99)}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments();
    qint64 killPid = 0;
    double killAt = 0.3;
    if (const int k = int(args.indexOf(QStringLiteral("--kill"))); k > 0 && k + 1 < args.size()) {
        killPid = args.at(k + 1).toLongLong();
        args.remove(k, 2);
    }
    // --hooks URL: an instance's own address for the test hooks, which answer loopback callers only, never one a
    // proxy forwarded.
    QString hooksBase;
    if (const int k = int(args.indexOf(QStringLiteral("--hooks"))); k > 0 && k + 1 < args.size()) {
        hooksBase = args.at(k + 1) + QStringLiteral("/api/v1");
        args.remove(k, 2);
    }
    // --cpu NAME=PID,NAME=PID...: the CPU each process used during the surge (phase 3 only).
    QList<QPair<QString, qint64>> watched;
    if (const int k = int(args.indexOf(QStringLiteral("--cpu"))); k > 0 && k + 1 < args.size()) {
        for (const QString &item : args.at(k + 1).split(QLatin1Char(','), Qt::SkipEmptyParts))
            watched.append({item.section(QLatin1Char('='), 0, 0), item.section(QLatin1Char('='), 1).toLongLong()});
        args.remove(k, 2);
    }
    if (const int k = int(args.indexOf(QStringLiteral("--kill-at"))); k > 0 && k + 1 < args.size()) {
        killAt = args.at(k + 1).toDouble();
        args.remove(k, 2);
    }
    if (args.size() < 4) {
        std::fprintf(stderr, "usage: ncre-bench-registration-surge BASE_URL CANDIDATES SEATS [CONNECTIONS] "
                             "[--kill PID --kill-at FRACTION]\n");
        return 2;
    }
    const QString base = args.at(1) + QStringLiteral("/api/v1");
    const int candidates = args.at(2).toInt();
    const int seats = args.at(3).toInt();
    const int connections = args.size() > 4 ? args.at(4).toInt() : 48;
    if (candidates < 1 || seats < 1 || connections < 1 || killAt <= 0 || killAt >= 1) {
        std::fprintf(stderr, "CANDIDATES, SEATS and CONNECTIONS must be positive, FRACTION between 0 and 1\n");
        return 2;
    }
    if (hooksBase.isEmpty())
        hooksBase = base;
    Runner runner(base, connections);
    Runner hooks(hooksBase, connections);
    auto once = [&](const Call &call, Runner *via = nullptr) {
        Outcome out;
        runAll(1, [&](int, std::function<void()> end) {
            (via ? via : &runner)->send(call, [&, end](const Outcome &o) {
                out = o;
                end();
            });
        });
        return out;
    };

    // 1. Seats: SEATS over the first subject of each site, none anywhere else.
    const QJsonObject exam = parse(once({"GET", QStringLiteral("/exams/current"), {}, {}, {}}).body);
    const QString examId = exam.value("id").toString();
    const QString agreement = exam.value("agreementVersion").toString();
    QList<QPair<QString, QString>> all, targets;
    for (const QJsonValue &site : parse(once({"GET", "/exams/" + examId + "/sites", {}, {}, {}}).body).value("sites").toArray()) {
        const QString siteId = site.toObject().value("id").toString();
        const QJsonArray subjects
            = parse(once({"GET", "/exams/" + examId + "/sites/" + siteId + "/subjects", {}, {}, {}}).body).value("subjects").toArray();
        for (int i = 0; i < subjects.size(); ++i) {
            all.append({siteId, subjects.at(i).toObject().value("id").toString()});
            if (i == 0)
                targets.append(all.last()); // the first subject of every site

        }
    }
    if (targets.isEmpty()) {
        std::fprintf(stderr, "no subjects to sell\n");
        return 1;
    }
    if (candidates < 2 * seats) {
        std::fprintf(stderr, "CANDIDATES must be at least twice SEATS: every subject must be wanted by more than its seats\n");
        return 2;
    }
    for (const auto &[site, subject] : all) {
        const int index = int(targets.indexOf(qMakePair(site, subject)));
        const int n = index < 0 ? 0 : seats / int(targets.size()) + (index < seats % int(targets.size()) ? 1 : 0);
        const Outcome set = once({"POST", QStringLiteral("/test-hooks/seats"),
                                  json({{"siteId", site}, {"subjectId", subject}, {"seats", n}}), {}, {}},
                                 &hooks);
        if (set.status != 204) {
            std::fprintf(stderr, "seats hook answered %d\n", set.status);
            return 1;
        }
    }

    // 2. Setup: captcha, its answer, account, captcha, answer, session, agreement, basic information.
    auto profileOf = [](int i) {
        return QJsonObject{{"name", QString::fromUtf8("张三")}, {"documentType", "resident_id"},
                           {"documentNumber", residentIdNumber(i)}, {"ethnicity", "01"}, {"education", "bachelor"},
                           {"occupation", "student"}, {"mobile", "13812345678"},
                           {"address", QString::fromUtf8("北京市朝阳区建国路1号")}, {"postalCode", "100020"}};
    };
    QVector<QString> tokens(candidates);
    int setupFailed = 0;
    const QByteArray run = QUuid::createUuid().toByteArray(QUuid::Id128).left(8);
    runAll(candidates, [&](int i, std::function<void()> end) {
        const QString name = QStringLiteral("surge%1_%2").arg(QString::fromLatin1(run)).arg(i, 6, 10, QLatin1Char('0'));
        auto withCaptcha = [&runner, &hooks](std::function<void(QString, QString)> next) {
            runner.send({"POST", QStringLiteral("/captcha"), {}, {}, {}}, [&hooks, next](const Outcome &c) {
                const QString id = parse(c.body).value("id").toString();
                hooks.send({"GET", "/test-hooks/captchas/" + id, {}, {}, {}},
                            [id, next](const Outcome &a) { next(id, parse(a.body).value("answer").toString()); });
            });
        };
        withCaptcha([&, i, name, end, withCaptcha](QString id, QString answer) {
            runner.send({"POST", QStringLiteral("/accounts"),
                         json({{"username", name}, {"password", "Surge-pass-1"}, {"captchaId", id}, {"captchaAnswer", answer}}),
                         {}, QUuid::createUuid().toByteArray(QUuid::Id128)},
                        [&, i, name, end, withCaptcha](const Outcome &created) {
                            if (created.status != 201 && setupFailed < 3)
                                std::fprintf(stderr, "sign-up answered %d: %s\n", created.status,
                                             created.body.left(300).constData());
                            withCaptcha([&, i, name, end](QString id, QString answer) {
                                runner.send({"POST", QStringLiteral("/sessions"),
                                             json({{"username", name}, {"password", "Surge-pass-1"}, {"captchaId", id},
                                                   {"captchaAnswer", answer}}),
                                             {}, {}},
                                            [&, i, name, end](const Outcome &s) {
                                                tokens[i] = parse(s.body).value("accessToken").toString();
                                                if (tokens[i].isEmpty()) {
                                                    if (setupFailed < 3)
                                                        std::fprintf(stderr, "login of %s answered %d: %s\n",
                                                                     qPrintable(name), s.status, s.body.left(300).constData());
                                                    ++setupFailed;
                                                    return end();
                                                }
                                                runner.send({"PUT", QStringLiteral("/registrations/current/agreement"),
                                                             json({{"agreementVersion", agreement}}), tokens[i], {}},
                                                            [&, i, end](const Outcome &a) {
                                                                if (a.status != 200) {
                                                                    ++setupFailed;
                                                                    return end();
                                                                }
                                                                runner.send({"PUT", QStringLiteral("/registrations/current/profile"),
                                                                             json(profileOf(i)), tokens[i], {}},
                                                                            [&, end](const Outcome &p) {
                                                                                if (p.status != 200) {
                                                                                    if (setupFailed < 3)
                                                                                        std::fprintf(stderr, "profile answered %d: %s\n", p.status,
                                                                                                     p.body.left(300).constData());
                                                                                    ++setupFailed;
                                                                                }
                                                                                end();
                                                                            });
                                                            });
                                            });
                            });
                        });
        });
    });
    if (setupFailed > 0) {
        std::fprintf(stderr, "setup failed for %d candidates\n", setupFailed);
        return 1;
    }

    // 3. The surge.
    runner.retriedByStatus.clear();
    int answered = 0, surgeRequests = 0;
    bool killed = false;
    const int expected = candidates * 2; // about: a seat and a submit, or a refusal or two
    runner.onAnswer = [&]() {
        ++answered;
        if (killPid > 0 && !killed && answered >= int(killAt * expected)) {
            killed = ::kill(pid_t(killPid), SIGKILL) == 0;
            std::fprintf(stderr, "killed instance %lld after %d answers\n", killPid, answered);
        }
    };
    QVector<QString> seatOf(candidates);  // "site/subject" acknowledged (200), empty: refused
    QVector<bool> submitted(candidates);   // the submit acknowledged
    std::map<QString, int> unexpected;     // status/code of anything else
    std::vector<qint64> latencies;
    std::vector<double> cpuBefore;
    for (const auto &w : watched)
        cpuBefore.push_back(cpuSeconds(w.second));
    QElapsedTimer wall;
    wall.start();
    runAll(candidates, [&](int i, std::function<void()> end) {
        auto attempt = std::make_shared<std::function<void(int)>>();
        *attempt = [&, i, end, attempt](int tried) {
            if (tried == kChoices)
                return end(); // full: refused
            const auto &[site, subject] = targets.at((i + tried) % targets.size());
            ++surgeRequests;
            runner.send({"PUT", QStringLiteral("/registrations/current/subjects"),
                         json({{"siteId", site}, {"subjectIds", QJsonArray{subject}}}), tokens[i], {}},
                        [&, i, end, attempt, tried, site = site, subject = subject](const Outcome &o) {
                            latencies.push_back(o.micros);
                            const QString code = parse(o.body).value("code").toString();
                            if (o.status == 409 && code == QLatin1String("subjects.full"))
                                return (*attempt)(tried + 1);
                            if (o.status != 200) {
                                ++unexpected[QStringLiteral("%1 %2").arg(o.status).arg(code)];
                                return end();
                            }
                            seatOf[i] = site + QLatin1Char('/') + subject;
                            ++surgeRequests;
                            runner.send({"POST", QStringLiteral("/registrations/current/submit"), json({{"guarantee", true}}),
                                         tokens[i], QUuid::createUuid().toByteArray(QUuid::Id128)},
                                        [&, i, end](const Outcome &s) {
                                            latencies.push_back(s.micros);
                                            if (s.status == 200)
                                                submitted[i] = true;
                                            else
                                                ++unexpected[QStringLiteral("submit %1 %2").arg(s.status).arg(parse(s.body).value("code").toString())];
                                            end();
                                        });
                        });
        };
        (*attempt)(0);
    });
    const qint64 surgeMicros = wall.nsecsElapsed() / 1000;
    QJsonObject cpu; // by name: the sum of the processes of that name (postgres has one a connection)
    for (qsizetype w = 0; w < watched.size(); ++w) {
        const double after = cpuSeconds(watched[w].second); // 0: the process is gone (killed) and its time with it
        cpu.insert(watched[w].first, cpu.value(watched[w].first).toDouble() + qMax(0.0, after - cpuBefore[size_t(w)]));
    }
    runner.onAnswer = nullptr;
    QJsonObject retried;
    for (const auto &[status, n] : runner.retriedByStatus)
        retried.insert(QString::number(status), n);

    // 4. Every registration read back: an acknowledged seat and submit are there, and nothing else is.
    int sold = 0, refused = 0, lost = 0, phantom = 0;
    runAll(candidates, [&](int i, std::function<void()> end) {
        runner.send({"GET", QStringLiteral("/registrations/current"), {}, tokens[i], {}}, [&, i, end](const Outcome &o) {
            const QJsonObject r = parse(o.body);
            const QJsonArray subjects = r.value("subjectIds").toArray();
            const QString held = subjects.size() == 1 ? r.value("siteId").toString() + QLatin1Char('/') + subjects.at(0).toString()
                                                      : QString();
            if (seatOf[i].isEmpty()) {
                ++refused;
                if (!held.isEmpty())
                    ++phantom; // a seat nobody was told of
            } else {
                ++sold;
                if (held != seatOf[i] || (submitted[i] && r.value("state").toString() != QLatin1String("submitted")))
                    ++lost;
            }
            end();
        });
    });
    int seatsLeft = 0;
    for (const auto &[site, subject] : targets) {
        for (const QJsonValue &s : parse(once({"GET", "/exams/" + examId + "/sites/" + site + "/subjects", {}, {}, {}}).body)
                                       .value("subjects")
                                       .toArray()) {
            if (s.toObject().value("id").toString() == subject)
                seatsLeft += s.toObject().value("seatsLeft").toInt();
        }
    }
    int errors = runner.gaveUp;
    QJsonObject unexpectedJson;
    for (const auto &[what, n] : unexpected) {
        unexpectedJson.insert(what, n);
        errors += n;
    }
    const bool pass = sold == seats && refused == candidates - seats && errors == 0 && lost == 0 && phantom == 0
        && seatsLeft == 0 && (killPid == 0 || killed);
    const QJsonObject result{{"candidates", candidates},
                             {"seats", seats},
                             {"subjects", int(targets.size())},
                             {"connections", connections},
                             {"sold", sold},
                             {"refusedFull", refused},
                             {"seatsLeft", seatsLeft},
                             {"lostWrites", lost},
                             {"phantomSeats", phantom},
                             {"errors", errors},
                             {"unexpected", unexpectedJson},
                             {"retried", retried},
                             {"killedInstance", killed},
                             {"surge", latencyStats(latencies, surgeMicros, surgeRequests)},
                             {"cpuSeconds", cpu},
                             {"pass", pass}};
    std::printf("%s\n", json(result).constData());
    return pass ? 0 : 1;
}
