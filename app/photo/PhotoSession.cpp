#include "PhotoSession.h"

#include "FaceDetector.h"
#include "PhotoLogging.h"

#include <QFile>
#include <QTransform>
#include <QtConcurrent/QtConcurrentRun>

namespace ncre {

namespace {

// Enough pixels for any frame the cropper offers (the output is at most 480 pixels high).
const QSize kWorkingBox(1600, 1600);
constexpr qint64 kMaxFileBytes = 64 * 1024 * 1024;

} // namespace

PhotoSession::PhotoSession(PhotoSpec spec, QObject *parent)
    : QObject(parent)
    , m_spec(std::move(spec))
    , m_openCancelled(std::make_shared<std::atomic_bool>(false))
    , m_checkCancelled(std::make_shared<std::atomic_bool>(false))
{
    // An empty future (set by cancel()) also "finishes": only a result is reported.
    connect(&m_openWatcher, &QFutureWatcher<Placed>::finished, this, [this]() {
        if (m_openWatcher.future().resultCount() == 0)
            return;
        const Placed placed = m_openWatcher.result();
        m_fileInspection = placed.file;
        if (!placed.ok) {
            m_image = QImage();
            m_crop = QRectF();
            m_jpeg.clear();
            m_findings = placed.file.findings;
            setBusy(false);
            emit openFailed(placed.file.findings);
            return;
        }
        m_image = placed.image;
        m_turned = placed.turned;
        m_crop = placed.crop;
        m_fill = placed.fill;
        emit opened();
        startCheck();
    });
    connect(&m_checkWatcher, &QFutureWatcher<Checked>::finished, this, [this]() {
        if (m_checkWatcher.future().resultCount() == 0)
            return;
        const Checked c = m_checkWatcher.result();
        m_findings = c.findings;
        m_jpeg = c.jpeg;
        setBusy(false);
        emit checked();
    });
}

PhotoSession::~PhotoSession()
{
    m_openCancelled->store(true);
    m_checkCancelled->store(true);
}

void PhotoSession::setSpec(const PhotoSpec &spec)
{
    if (spec.toJson() == m_spec.toJson())
        return;
    m_spec = spec;
    if (!m_image.isNull())
        startCheck();
}

PhotoSession::Cancelled PhotoSession::renew(Cancelled &flag)
{
    flag->store(true); // what runs under the old flag stops at its next step
    flag = std::make_shared<std::atomic_bool>(false);
    return flag;
}

void PhotoSession::cancel()
{
    renew(m_openCancelled);
    renew(m_checkCancelled);
    m_openWatcher.setFuture(QFuture<Placed>()); // no longer watches what still runs: its result is never delivered
    m_checkWatcher.setFuture(QFuture<Checked>());
    setBusy(false);
}

void PhotoSession::setBusy(bool busy)
{
    if (std::exchange(m_busy, busy) != busy)
        emit busyChanged(busy);
}

void PhotoSession::placeFrame(Placed &placed, const PhotoSpec &spec, const Cancelled &cancelled)
{
    const QImage &image = placed.image;
    const QList<QRect> faces = FaceDetector::shared().detect(image);
    if (*cancelled)
        return;
    if (!faces.isEmpty()) {
        BackgroundSample background;
        const HeadGeometry head = measureHead(image, faces.first(), &background);
        const BackgroundSample above = PhotoFixer::backgroundAbove(image, head);
        if (above.plain() || background.plain())
            placed.fill = above.plain() ? above.rgb : background.rgb;
        placed.crop = PhotoFixer(spec).proposeCrop(image.size(), head, background.plain() || above.plain());
        if (!placed.crop.isEmpty())
            return;
    }
    // No face, or no placement within the rules: the largest frame of the right proportions, centred; the checks
    // say why it does not do.
    const double aspect = (spec.aspectMin + spec.aspectMax) / 2;
    QSizeF size(image.height() * aspect, image.height());
    if (size.width() > image.width())
        size.scale(image.width(), image.width() / aspect, Qt::KeepAspectRatio);
    QRectF r(QPointF(), size);
    r.moveCenter(QRectF(image.rect()).center());
    placed.crop = r;
}

void PhotoSession::startOpen(const std::function<Placed(const Cancelled &)> &job)
{
    cancel();
    setBusy(true);
    const Cancelled cancelled = m_openCancelled;
    m_openWatcher.setFuture(QtConcurrent::run([job, cancelled]() { return job(cancelled); }));
}

PhotoSession::Placed PhotoSession::place(const QByteArray &bytes, const PhotoSpec &spec, const Cancelled &cancelled)
{
    Placed placed;
    placed.file = PhotoInspector(spec).inspect(bytes);
    if (*cancelled)
        return placed;
    const Result<DecodedPhoto> decoded = PhotoReader::read(bytes, kWorkingBox);
    if (!decoded)
        return placed;
    placed.image = decoded->image;
    placed.ok = true;
    placeFrame(placed, spec, cancelled);
    return placed;
}

void PhotoSession::openFile(const QString &path)
{
    const PhotoSpec spec = m_spec;
    startOpen([path, spec](const Cancelled &cancelled) {
        QFile file(path);
        Placed failed;
        if (!file.open(QIODevice::ReadOnly)) {
            failed.file.findings = {{ErrorCode::PhotoDecode, PhotoFixer::tr("The file cannot be opened: %1").arg(file.errorString())}};
            return failed;
        }
        if (file.size() > kMaxFileBytes) {
            failed.file.bytes = file.size();
            failed.file.findings = {{ErrorCode::PhotoBytes, PhotoInspector::messageFor(Error(ErrorCode::PhotoBytes))}};
            return failed;
        }
        return place(file.readAll(), spec, cancelled);
    });
}

void PhotoSession::openBytes(const QByteArray &bytes)
{
    const PhotoSpec spec = m_spec;
    startOpen([bytes, spec](const Cancelled &cancelled) { return place(bytes, spec, cancelled); });
}

void PhotoSession::rotate(int degrees)
{
    if (m_image.isNull())
        return;
    const QImage image = m_image;
    const Inspection file = m_fileInspection;
    const PhotoSpec spec = m_spec;
    const int turned = ((m_turned + degrees) % 360 + 360) % 360;
    startOpen([image, degrees, file, spec, turned](const Cancelled &cancelled) {
        Placed placed;
        placed.file = file;
        placed.turned = turned;
        placed.image = image.transformed(QTransform().rotate(degrees));
        placed.ok = true;
        placeFrame(placed, spec, cancelled);
        return placed;
    });
}

int PhotoSession::stillToTurn() const
{
    return m_fileInspection.rotationToUpright ? ((m_fileInspection.rotationToUpright - m_turned) % 360 + 360) % 360 : 0;
}

void PhotoSession::setCrop(const QRectF &crop)
{
    // While a photo is being opened or turned, the frame it will get is placed by that work: a frame moved over
    // the old picture meanwhile is stale.
    if (m_image.isNull() || m_openWatcher.isRunning() || crop == m_crop)
        return;
    m_crop = crop;
    startCheck();
}

void PhotoSession::startCheck()
{
    const Cancelled cancelled = renew(m_checkCancelled);
    setBusy(true);
    m_jpeg.clear();
    const QImage image = m_image;
    const QRectF crop = m_crop;
    const QRgb fill = m_fill;
    const PhotoSpec spec = m_spec;
    const int stillToTurn = this->stillToTurn();
    m_checkWatcher.setFuture(QtConcurrent::run([image, crop, fill, spec, cancelled, stillToTurn]() {
        Checked out;
        const Result<QByteArray> rendered = PhotoFixer(spec).renderCrop(image, crop, fill);
        if (*cancelled)
            return out;
        if (!rendered) {
            const Error &e = rendered.error();
            out.findings.append({e.code, e.code == ErrorCode::PhotoDimensions
                                             ? PhotoInspector::tr("The frame holds too few pixels: make it larger or "
                                                                  "use a larger photo.")
                                             : PhotoInspector::messageFor(e)});
            return out;
        }
        InspectHints hints;
        hints.framed = true;
        const Inspection inspection = PhotoInspector(spec).inspect(rendered.value(), hints);
        out.findings = inspection.findings;
        if (stillToTurn && inspection.faces.isEmpty()) {
            // No face in the frame because the photo lies turned: say how to turn it, not that the frame missed.
            out.findings.removeIf([](const PhotoFinding &f) { return f.code == ErrorCode::PhotoFace; });
            out.findings.prepend({ErrorCode::PhotoOrientation, PhotoInspector::turnAdvice(stillToTurn)});
        }
        if (inspection.ok())
            out.jpeg = rendered.value();
        return out;
    }));
}

} // namespace ncre
