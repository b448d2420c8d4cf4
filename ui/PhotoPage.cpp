#include "PhotoPage.h"

#include "Alive.h"
#include "ErrorText.h"
#include "FaceDetector.h"
#include "PhotoCropper.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QTransform>
#include <QVBoxLayout>

namespace ncre {

namespace {

const QSize kWorkingBox(1600, 1600); // enough pixels for any crop the cropper offers

} // namespace

PhotoPage::PhotoPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
    , m_spec(PhotoSpec::ncreDefault())
    , m_fixer(m_spec)
    , m_inspector(m_spec)
{
    setObjectName(QStringLiteral("photoPage"));
    setAcceptDrops(true);
    m_cropper = new PhotoCropper(this);
    m_cropper->setSpec(m_spec);
    m_choose = new QPushButton(tr("&Choose a photo…"), this);
    m_choose->setObjectName(QStringLiteral("choosePhoto"));
    m_left = new QPushButton(tr("Turn &left"), this);
    m_left->setObjectName(QStringLiteral("turnLeft"));
    m_right = new QPushButton(tr("Turn &right"), this);
    m_right->setObjectName(QStringLiteral("turnRight"));
    m_findings = new QLabel(this);
    m_findings->setObjectName(QStringLiteral("photoFindings"));
    m_findings->setWordWrap(true);
    m_findings->setTextFormat(Qt::RichText);
    m_upload = new QPushButton(tr("&Upload photo"), this);
    m_upload->setObjectName(QStringLiteral("uploadPhoto"));
    m_upload->setEnabled(false);
    m_progress = new QProgressBar(this);
    m_progress->setObjectName(QStringLiteral("uploadProgress"));
    m_progress->hide();
    m_serverPhoto = new QLabel(this);
    m_serverPhoto->setObjectName(QStringLiteral("serverPhoto"));
    m_serverPhoto->setMinimumSize(144, 192);
    m_serverPhoto->setAlignment(Qt::AlignCenter);
    m_serverPhoto->setAccessibleName(tr("The photo the registration holds"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("photoStatus"));
    m_status->setWordWrap(true);

    auto *turn = new QHBoxLayout;
    turn->addWidget(m_left);
    turn->addWidget(m_right);
    auto *side = new QVBoxLayout;
    side->addWidget(m_choose);
    side->addLayout(turn);
    side->addWidget(new QLabel(tr("Put the top of the head on the upper line and the chin on the lower line."), this));
    side->addWidget(m_findings);
    side->addWidget(m_upload);
    side->addWidget(m_progress);
    side->addWidget(new QLabel(tr("The photo of your registration:"), this));
    side->addWidget(m_serverPhoto);
    side->addWidget(m_status);
    side->addStretch(1);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_cropper, 1);
    layout->addLayout(side);

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(200);
    connect(&m_checkTimer, &QTimer::timeout, this, &PhotoPage::check);
    connect(m_cropper, &PhotoCropper::cropChanged, this, [this]() { m_checkTimer.start(); });
    connect(m_choose, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a photo"), QString(),
                                                          tr("Photos (*.jpg *.jpeg *.png *.heic *.bmp *.webp);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_left, &QPushButton::clicked, this, [this]() { rotate(-90); });
    connect(m_right, &QPushButton::clicked, this, [this]() { rotate(90); });
    connect(m_upload, &QPushButton::clicked, this, &PhotoPage::upload);
    connect(&m_flow, &RegistrationFlow::transferProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(int(qMax<qint64>(1, total)));
        m_progress->setValue(int(done));
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &PhotoPage::updateLock);
    updateLock();
    showServerPhoto();
}

bool PhotoPage::openFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        m_status->setText(tr("The file cannot be opened: %1").arg(file.errorString()));
        return false;
    }
    return openBytes(file.read(64 * 1024 * 1024));
}

bool PhotoPage::openBytes(const QByteArray &bytes)
{
    const Result<DecodedPhoto> decoded = PhotoReader::read(bytes, kWorkingBox);
    if (!decoded) {
        m_status->setText(PhotoInspector::messageFor(decoded.error()));
        return false;
    }
    m_status->clear();
    m_cropper->setImage(decoded->image, QRectF());
    placeFrame();
    return true;
}

void PhotoPage::placeFrame()
{
    const QImage &image = m_cropper->image();
    const QList<QRect> faces = FaceDetector::shared().detect(image);
    if (!faces.isEmpty()) {
        BackgroundSample background;
        const HeadGeometry head = measureHead(image, faces.first(), &background);
        const QRectF crop = m_fixer.proposeCrop(image.size(), head, background.plain());
        if (!crop.isEmpty()) {
            m_cropper->setCrop(crop);
            return;
        }
    }
    // No face: the largest frame of the right proportions, centred; the checks will say why it does not do.
    const double aspect = (m_spec.aspectMin + m_spec.aspectMax) / 2;
    QSizeF size(image.height() * aspect, image.height());
    if (size.width() > image.width())
        size.scale(image.width(), image.width() / aspect, Qt::KeepAspectRatio);
    QRectF r(QPointF(), size);
    r.moveCenter(QRectF(image.rect()).center());
    m_cropper->setCrop(r);
}

void PhotoPage::rotate(int degrees)
{
    if (m_cropper->image().isNull())
        return;
    m_cropper->setImage(m_cropper->image().transformed(QTransform().rotate(degrees)), QRectF());
    placeFrame();
}

void PhotoPage::check()
{
    m_jpeg.clear();
    m_findingCodes.clear();
    QList<PhotoFinding> findings;
    const Result<QByteArray> rendered = m_fixer.renderCrop(m_cropper->image(), m_cropper->crop(), qRgb(255, 255, 255));
    if (!rendered) {
        const Error &e = rendered.error();
        findings.append({e.code, e.code == ErrorCode::PhotoDimensions
                                     ? tr("The frame holds too few pixels: make it larger or use a larger photo.")
                                     : PhotoInspector::messageFor(e)});
    } else {
        const Inspection inspection = m_inspector.inspect(rendered.value());
        findings = inspection.findings;
        if (inspection.ok())
            m_jpeg = rendered.value();
    }
    QString html;
    for (const PhotoFinding &f : findings) {
        m_findingCodes << errorCodeName(f.code);
        html += QStringLiteral("<p style=\"color:#B00020\">✗ %1</p>").arg(f.message.toHtmlEscaped());
    }
    if (findings.isEmpty())
        html = QStringLiteral("<p style=\"color:#2E7D32\">✓ %1</p>")
                   .arg(tr("The photo meets the requirements (%1 KB).").arg(m_jpeg.size() / 1024));
    m_findings->setText(html);
    updateLock();
    emit checked();
}

void PhotoPage::upload()
{
    if (m_jpeg.isEmpty())
        return;
    m_upload->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_flow.uploadPhoto(m_jpeg, alive(this, [this](const Result<void, Problem> &r) {
        m_progress->hide();
        updateLock();
        if (!r) {
            m_status->setText(r.error().status == 0 ? tr("No network: the photo was not uploaded. Try again when the "
                                                         "network returns.")
                                                    : ErrorText::message(r.error().code));
            return;
        }
        m_status->setText(tr("Photo uploaded."));
        showServerPhoto();
        emit uploaded();
    }));
}

void PhotoPage::showServerPhoto()
{
    const auto &r = m_flow.registration();
    if (!r || !r->photo) {
        m_serverPhoto->setText(tr("No photo yet."));
        return;
    }
    m_flow.serverPhoto(alive(this, [this](Result<QByteArray, Problem> jpeg) {
        QPixmap pixmap;
        if (jpeg && pixmap.loadFromData(jpeg.value(), "JPEG"))
            m_serverPhoto->setPixmap(pixmap.scaled(144, 200, Qt::KeepAspectRatio, Qt::SmoothTransformation));
    }));
}

void PhotoPage::updateLock()
{
    const bool allowed = m_flow.can(RegistrationAction::UploadPhoto);
    m_upload->setEnabled(allowed && !m_jpeg.isEmpty());
    m_choose->setEnabled(allowed);
    if (!allowed && m_flow.registration()) {
        m_status->setText(m_flow.state() == RegistrationState::Draft
                              ? tr("Submit your registration first; then upload the photo.")
                              : tr("Your photo is locked and can no longer be replaced."));
    }
}

void PhotoPage::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && m_flow.can(RegistrationAction::UploadPhoto))
        event->acceptProposedAction();
}

void PhotoPage::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openFile(urls.first().toLocalFile());
}

} // namespace ncre
