#pragma once

#include "ApiClient.h"
#include "PhotoInspector.h"
#include "Review.h"

#include <QObject>
#include <QTimer>

#include <functional>

namespace ncre {

// The staff side of a kiosk (issue 16): the site's review queue and one candidate's record.
//
// - The queue (GET /staff/reviews) is polled every intervalMs with its ETag while started, so an unchanged queue
//   costs a 304; queueChanged() when it did change (a new request, or a decision at another terminal, with who).
// - open(): the candidate's record and photo, and the photo checks run again here (PhotoInspector, off the GUI
//   thread) so staff see what the rules say about the photo they are judging.
// - decide(): approve, or reject with a reason (required). A registration another terminal decided first answers
//   state.actionNotAllowed (409); the queue is refreshed at once either way.
// Only the server decides what staff may see: another site's registrations answer 404 (resource.notFound).
class StaffReview : public QObject
{
    Q_OBJECT

public:
    explicit StaffReview(ApiClient &api, QObject *parent = nullptr);

    void start(int intervalMs = 5000);
    void stop();
    void refresh();
    bool hasQueue() const { return m_has; }
    const ReviewQueue &queue() const { return m_queue; }

    struct Candidate
    {
        Registration registration;
        QByteArray photo;            // empty when the registration has none
        std::optional<Inspection> inspection; // the photo checks, when there is a photo
    };
    void open(const QString &registrationId, const std::function<void(Result<Candidate, Problem>)> &done);
    // By the document the candidate shows (现场确认): the same record, looked up by type and number.
    void lookUp(const DocumentLookup &lookup, const std::function<void(Result<Candidate, Problem>)> &done);
    void decide(const QString &registrationId, const ReviewDecision &decision,
                const std::function<void(Result<Registration, Problem>)> &done);
    void confirmOnSite(const QString &registrationId, const std::function<void(Result<Registration, Problem>)> &done);

    // Reasons staff pick most (photo: background, head size, sharpness; data: name or number not matching the
    // document), translated; a typed reason may replace them.
    static QStringList commonReasons();
    // What the candidate is sent for a reason picked from commonReasons(): its Chinese and English texts together
    // ("照片：照片模糊或过暗。 / Photo: the photo is blurred or too dark."); a typed reason as it is.
    static QString reasonForCandidate(const QString &picked);

signals:
    void queueChanged();
    void queueFailed(const ncre::Problem &problem);

private:
    void withPhoto(Result<Registration, Problem> registration, const std::function<void(Result<Candidate, Problem>)> &done);

    ApiClient &m_api;
    QTimer m_timer;
    QByteArray m_etag;
    ReviewQueue m_queue;
    bool m_has = false;
    bool m_polling = false;
};

} // namespace ncre
