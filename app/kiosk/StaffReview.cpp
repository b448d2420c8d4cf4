#include "StaffReview.h"

#include <QCoreApplication>
#include <QTranslator>

#include "Alive.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace ncre {

StaffReview::StaffReview(ApiClient &api, QObject *parent)
    : QObject(parent)
    , m_api(api)
{
    connect(&m_timer, &QTimer::timeout, this, &StaffReview::refresh);
}

void StaffReview::start(int intervalMs)
{
    m_timer.start(intervalMs);
    refresh();
}

void StaffReview::stop()
{
    m_timer.stop();
}

void StaffReview::refresh()
{
    if (std::exchange(m_polling, true))
        return;
    m_api.reviewQueue(m_etag, alive(this, [this](Result<std::optional<ReviewQueue>, Problem> got, QByteArray etag) {
        m_polling = false;
        if (!got) {
            emit queueFailed(got.error());
            return;
        }
        m_etag = etag;
        if (!got->has_value())
            return; // 304: as it was
        m_queue = std::move(*got.value());
        m_has = true;
        emit queueChanged();
    }));
}

namespace {

const char *const kCommonReasons[] = {
    QT_TRANSLATE_NOOP("ncre::StaffReview", "Photo: the background is not plain white or light blue."),
    QT_TRANSLATE_NOOP("ncre::StaffReview", "Photo: the head is too small or too large in the frame."),
    QT_TRANSLATE_NOOP("ncre::StaffReview", "Photo: the photo is blurred or too dark."),
    QT_TRANSLATE_NOOP("ncre::StaffReview", "Data: the name does not match the identity document."),
    QT_TRANSLATE_NOOP("ncre::StaffReview", "Data: the document number does not match the identity document."),
};

} // namespace

QStringList StaffReview::commonReasons()
{
    QStringList reasons;
    for (const char *reason : kCommonReasons)
        reasons << QCoreApplication::translate("ncre::StaffReview", reason);
    return reasons;
}

QString StaffReview::reasonForCandidate(const QString &picked)
{
    for (const char *reason : kCommonReasons) {
        if (QCoreApplication::translate("ncre::StaffReview", reason) != picked)
            continue;
        // A common reason reaches the candidate in Chinese and in English, whichever language the staff member
        // reads: the candidate may read the other one (an English candidate was told «照片：照片模糊或过暗。»).
        const QString english = QString::fromUtf8(reason);
        QTranslator chinese;
        const QString zh = chinese.load(QStringLiteral(":/i18n/ncre_zh_CN.qm"))
            ? chinese.translate("ncre::StaffReview", reason)
            : QString();
        return zh.isEmpty() || zh == english ? english : zh + QStringLiteral(" / ") + english;
    }
    return picked; // typed by the staff member: as typed
}

void StaffReview::open(const QString &registrationId, const std::function<void(Result<Candidate, Problem>)> &done)
{
    m_api.staffRegistration(registrationId, alive(this, [this, done](Result<Registration, Problem> r) { withPhoto(std::move(r), done); }));
}

void StaffReview::lookUp(const DocumentLookup &lookup, const std::function<void(Result<Candidate, Problem>)> &done)
{
    m_api.lookUpByDocument(lookup, alive(this, [this, done](Result<Registration, Problem> r) { withPhoto(std::move(r), done); }));
}

void StaffReview::withPhoto(Result<Registration, Problem> registration, const std::function<void(Result<Candidate, Problem>)> &done)
{
    if (!registration) {
        done(registration.error());
        return;
    }
    auto candidate = std::make_shared<Candidate>();
    candidate->registration = std::move(registration).value();
    if (!candidate->registration.photo) {
        done(*candidate);
        return;
    }
    m_api.staffPhoto(candidate->registration.id, alive(this, [this, candidate, done](Result<QByteArray, Problem> photo) {
        if (!photo) {
            done(*candidate); // the record without its picture: staff see that it is missing
            return;
        }
        candidate->photo = photo.value();
        // The photo checks take a face search: off the GUI thread.
        auto *watcher = new QFutureWatcher<Inspection>(this);
        connect(watcher, &QFutureWatcher<Inspection>::finished, this, [watcher, candidate, done]() {
            watcher->deleteLater();
            candidate->inspection = watcher->result();
            done(*candidate);
        });
        watcher->setFuture(QtConcurrent::run([bytes = candidate->photo]() { return PhotoInspector().inspect(bytes); }));
    }));
}

void StaffReview::decide(const QString &registrationId, const ReviewDecision &decision,
                         const std::function<void(Result<Registration, Problem>)> &done)
{
    m_api.decideReview(registrationId, decision, ApiClient::newIdempotencyKey(),
                       alive(this, [this, done](Result<Registration, Problem> r) {
                           refresh();
                           done(std::move(r));
                       }));
}

void StaffReview::confirmOnSite(const QString &registrationId, const std::function<void(Result<Registration, Problem>)> &done)
{
    m_api.confirmOnSite(registrationId, ApiClient::newIdempotencyKey(), alive(this, [done](Result<Registration, Problem> r) {
                            done(std::move(r));
                        }));
}

} // namespace ncre
