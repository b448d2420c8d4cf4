// Registration-day surge against a running ncre-server (started with --test-hooks --kdf minimal):
//   BenchServerSurge BASE_URL [CANDIDATES] [CONNECTIONS]
// 1. floor: CANDIDATES GET /meta, the cheapest route, at the same concurrency;
// 2. setup (not timed): CANDIDATES accounts, logged in, agreement accepted;
// 3. surge: every candidate at once asks for a seat of one subject with few seats (PUT subjects).
// Prints one JSON object: throughput and p50/p99 latency of both phases, seats sold, refusals and errors.
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QUuid>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <memory>
#include <vector>

namespace {

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
    qint64 micros = 0;
};

// Runs calls with at most `connections` in flight, over several QNetworkAccessManagers (each opens at most six
// connections to a host), and returns their outcomes in order.
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

    QList<Outcome> run(const QList<Call> &calls, qint64 *wallMicros = nullptr)
    {
        QList<Outcome> outcomes(calls.size());
        int next = 0, done = 0, inFlight = 0;
        QElapsedTimer wall;
        wall.start();
        QEventLoop loop;
        std::function<void()> launch = [&]() {
            while (inFlight < m_connections && next < calls.size()) {
                const int index = next++;
                const Call &c = calls[index];
                QNetworkRequest request(QUrl(m_base + c.path));
                if (!c.body.isEmpty())
                    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/json");
                if (!c.token.isEmpty())
                    request.setRawHeader("Authorization", "Bearer " + c.token.toLatin1());
                if (!c.idempotencyKey.isEmpty())
                    request.setRawHeader("Idempotency-Key", c.idempotencyKey);
                auto *timer = new QElapsedTimer;
                timer->start();
                QNetworkReply *reply = m_managers[size_t(index) % m_managers.size()]->sendCustomRequest(request, c.verb, c.body);
                ++inFlight;
                QObject::connect(reply, &QNetworkReply::finished, &loop, [&, reply, timer, index]() {
                    outcomes[index] = {reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll(),
                                       timer->nsecsElapsed() / 1000};
                    delete timer;
                    reply->deleteLater();
                    --inFlight;
                    ++done;
                    if (done == calls.size())
                        loop.quit();
                    else
                        launch();
                });
            }
        };
        launch();
        if (!calls.isEmpty())
            loop.exec();
        if (wallMicros)
            *wallMicros = wall.nsecsElapsed() / 1000;
        return outcomes;
    }

private:
    QString m_base;
    int m_connections;
    std::vector<std::unique_ptr<QNetworkAccessManager>> m_managers;
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject parse(const QByteArray &b)
{
    return QJsonDocument::fromJson(b).object();
}

QJsonObject stats(const QList<Outcome> &outcomes, qint64 wallMicros)
{
    std::vector<qint64> latencies;
    for (const Outcome &o : outcomes)
        latencies.push_back(o.micros);
    std::sort(latencies.begin(), latencies.end());
    auto percentile = [&](double p) {
        return latencies.empty() ? 0.0 : double(latencies[size_t(p * double(latencies.size() - 1))]) / 1000.0;
    };
    return {{"requests", int(outcomes.size())},
            {"seconds", double(wallMicros) / 1e6},
            {"throughput", double(outcomes.size()) / (double(wallMicros) / 1e6)},
            {"p50Ms", percentile(0.50)},
            {"p99Ms", percentile(0.99)}};
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 2) {
        std::fprintf(stderr, "usage: BenchServerSurge BASE_URL [CANDIDATES] [CONNECTIONS]\n");
        return 2;
    }
    const QString base = args.at(1) + QStringLiteral("/api/v1");
    const int candidates = args.size() > 2 ? args.at(2).toInt() : 1000;
    const int connections = args.size() > 3 ? args.at(3).toInt() : 48;
    if (candidates < 1 || connections < 1) {
        std::fprintf(stderr, "CANDIDATES and CONNECTIONS must be positive\n");
        return 2;
    }
    Runner runner(base, connections);

    // 1. Floor.
    QList<Call> meta;
    for (int i = 0; i < candidates; ++i)
        meta.append({"GET", QStringLiteral("/meta"), {}, {}, {}});
    qint64 metaWall = 0;
    const QList<Outcome> metaOut = runner.run(meta, &metaWall);

    // 2. Setup: captcha, its answer, account, captcha, answer, session, agreement.
    auto answerAll = [&](const QList<Outcome> &captchas) {
        QList<Call> calls;
        for (const Outcome &c : captchas)
            calls.append({"GET", QStringLiteral("/test-hooks/captchas/") + parse(c.body).value("id").toString(), {}, {}, {}});
        return runner.run(calls);
    };
    QList<Call> newCaptchas;
    for (int i = 0; i < candidates; ++i)
        newCaptchas.append({"POST", QStringLiteral("/captcha"), {}, {}, {}});
    QList<Outcome> captchas = runner.run(newCaptchas);
    QList<Outcome> answers = answerAll(captchas);
    QList<Call> accounts;
    for (int i = 0; i < candidates; ++i)
        accounts.append({"POST", QStringLiteral("/accounts"),
                         json({{"username", QStringLiteral("surge%1").arg(i, 6, 10, QLatin1Char('0'))},
                               {"password", "Surge-pass-1"}, {"captchaId", parse(captchas[i].body).value("id")},
                               {"captchaAnswer", parse(answers[i].body).value("answer")}}),
                         {}, QUuid::createUuid().toByteArray(QUuid::Id128)});
    runner.run(accounts);
    captchas = runner.run(newCaptchas);
    answers = answerAll(captchas);
    QList<Call> logins;
    for (int i = 0; i < candidates; ++i)
        logins.append({"POST", QStringLiteral("/sessions"),
                       json({{"username", QStringLiteral("surge%1").arg(i, 6, 10, QLatin1Char('0'))},
                             {"password", "Surge-pass-1"}, {"captchaId", parse(captchas[i].body).value("id")},
                             {"captchaAnswer", parse(answers[i].body).value("answer")}}),
                       {}, {}});
    QStringList tokens;
    for (const Outcome &o : runner.run(logins))
        tokens << parse(o.body).value("accessToken").toString();
    const QString version = parse(runner.run({{"GET", QStringLiteral("/exams/current"), {}, {}, {}}}).first().body)
                                .value("agreementVersion")
                                .toString();
    QList<Call> agreements;
    for (const QString &t : tokens)
        agreements.append({"PUT", QStringLiteral("/registrations/current/agreement"), json({{"agreementVersion", version}}), t, {}});
    runner.run(agreements);

    // 3. The surge: everyone wants a seat in 三级网络技术 at 北京理工大学 (few seats).
    const QJsonArray subjects = parse(runner.run({{"GET", QStringLiteral("/exams/2027-03/sites/bj-bit/subjects"), {}, {}, {}}})
                                          .first()
                                          .body)
                                    .value("subjects")
                                    .toArray();
    int seats = 0;
    for (const QJsonValue &s : subjects) {
        if (s.toObject().value("id").toString() == QLatin1String("35"))
            seats = s.toObject().value("seatsLeft").toInt();
    }
    QList<Call> surge;
    for (const QString &t : tokens)
        surge.append({"PUT", QStringLiteral("/registrations/current/subjects"),
                      json({{"siteId", "bj-bit"}, {"subjectIds", QJsonArray{"35"}}}), t, {}});
    qint64 surgeWall = 0;
    const QList<Outcome> surgeOut = runner.run(surge, &surgeWall);
    int sold = 0, full = 0, errors = 0;
    for (const Outcome &o : surgeOut) {
        if (o.status == 200)
            ++sold;
        else if (o.status == 409 && parse(o.body).value("code").toString() == QLatin1String("subjects.full"))
            ++full;
        else
            ++errors;
    }
    const QJsonObject result{{"candidates", candidates},
                             {"connections", connections},
                             {"seats", seats},
                             {"sold", sold},
                             {"refusedFull", full},
                             {"errors", errors},
                             {"floorMeta", stats(metaOut, metaWall)},
                             {"surge", stats(surgeOut, surgeWall)}};
    std::printf("%s\n", json(result).constData());
    return (sold == seats && errors == 0) ? 0 : 1;
}
