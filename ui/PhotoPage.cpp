#include "PhotoPage.h"

#include "Alive.h"
#include "ErrorText.h"
#include "PhotoCropper.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>

#include "kiosk/CameraDialog.h"
#include "kiosk/MediaPickerDialog.h"
#include "FrameSource.h"
#include <QStandardPaths>
#include <QHBoxLayout>
#include <QLabel>
#include <QShowEvent>
#include <QMimeData>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QTransform>
#include <QScrollArea>
#include <QVBoxLayout>

#include <memory>

namespace ncre {

PhotoPage::PhotoPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
    , m_session(new PhotoSession(flow.photoSpec(), this))
{
    setObjectName(QStringLiteral("photoPage"));
    setAcceptDrops(true);
    m_cropper = new PhotoCropper(this);
    m_cropper->setSpec(m_session->spec());
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
    // The column beside the photo has a width of its own: its texts wrap inside it (a long finding, a long
    // language), and the photo takes the rest; nothing is drawn over the photo or cut at the column's edge.
    auto *sideHost = new QWidget(this);
    sideHost->setObjectName(QStringLiteral("photoSide"));
    sideHost->setMinimumWidth(260);
    sideHost->setMaximumWidth(400);
    sideHost->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Preferred);
    auto *side = new QVBoxLayout(sideHost);
    side->setContentsMargins(0, 0, 0, 0);
    m_side = side;
    auto *frameHint = new QLabel(tr("Put the top of the head on the upper line and the chin on the lower line."), sideHost);
    frameHint->setWordWrap(true);
    auto *registered = new QLabel(tr("The photo of your registration:"), sideHost);
    registered->setWordWrap(true);
    side->addWidget(m_choose);
    side->addLayout(turn);
    side->addWidget(frameHint);
    side->addWidget(m_findings);
    side->addWidget(m_upload);
    side->addWidget(m_progress);
    side->addWidget(registered);
    side->addWidget(m_serverPhoto);
    side->addWidget(m_status);
    side->addStretch(1);
    // On a short screen (a kiosk's, in large type) the column scrolls rather than squeeze its messages.
    auto *sideScroll = new QScrollArea(this);
    sideScroll->setObjectName(QStringLiteral("photoSideScroll"));
    sideScroll->setWidget(sideHost);
    sideScroll->setWidgetResizable(true);
    sideScroll->setFrameShape(QFrame::NoFrame);
    sideScroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    sideScroll->setMinimumWidth(sideHost->minimumWidth() + 16);
    sideScroll->setMaximumWidth(sideHost->maximumWidth() + 16);
    auto *layout = new QHBoxLayout(this);
    layout->addWidget(m_cropper, 1);
    layout->addWidget(sideScroll);

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(200);
    connect(&m_checkTimer, &QTimer::timeout, this, [this]() { m_session->setCrop(m_cropper->crop()); });
    connect(m_cropper, &PhotoCropper::cropChanged, this, [this](const QRectF &crop) {
        if (crop == m_session->crop())
            return; // the frame the session placed (and is checking) itself
        m_upload->setEnabled(false); // what the frame shows now is not checked yet
        m_checkTimer.start();
    });
    connect(&m_flow, &RegistrationFlow::photoSpecChanged, this, [this](const PhotoSpec &spec) {
        m_cropper->setSpec(spec);
        m_session->setSpec(spec);
    });
    connect(m_session, &PhotoSession::opened, this, [this]() {
        m_status->clear();
        m_cropper->setImage(m_session->image(), m_session->crop());
        updateTurnButtons();
    });
    connect(m_session, &PhotoSession::openFailed, this, [this](const QList<PhotoFinding> &findings) {
        m_cropper->setImage(QImage(), QRectF());
        showFindings(findings);
        updateTurnButtons();
    });
    connect(m_session, &PhotoSession::checked, this, [this]() { showFindings(m_session->findings()); });
    connect(m_session, &PhotoSession::busyChanged, this, [this](bool busy) {
        if (busy)
            m_findings->setText(QStringLiteral("<p>%1</p>").arg(tr("Checking the photo…").toHtmlEscaped()));
        setChooseEnabled(!busy && m_flow.can(RegistrationAction::UploadPhoto));
        updateTurnButtons();
    });
    connect(m_choose, &QPushButton::clicked, this, [this]() {
        // Where photos usually are, not wherever the program was started from.
        const QString path = QFileDialog::getOpenFileName(this, tr("Choose a photo"),
                                                          QStandardPaths::writableLocation(QStandardPaths::PicturesLocation),
                                                          tr("Photos (*.jpg *.jpeg *.png *.heic *.bmp *.webp);;All files (*)"));
        if (!path.isEmpty())
            openFile(path);
    });
    connect(m_left, &QPushButton::clicked, this, [this]() { rotate(-90); });
    connect(m_right, &QPushButton::clicked, this, [this]() { rotate(90); });
    connect(m_upload, &QPushButton::clicked, this, &PhotoPage::upload);
    connect(&m_flow, &RegistrationFlow::photoUploadProgress, this, [this](qint64 done, qint64 total) {
        m_progress->setMaximum(int(qMax<qint64>(1, total)));
        m_progress->setValue(int(done));
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &PhotoPage::updateLock);
    updateLock();
    showServerPhoto();
}

void PhotoPage::setChooseEnabled(bool enabled)
{
    m_choose->setEnabled(enabled);
    if (m_kioskMedia)
        m_kioskMedia->setEnabled(enabled);
    updateCamera();
}

void PhotoPage::updateCamera()
{
    if (!m_kioskCamera)
        return;
    // Asked of a fresh source each time: a camera may be plugged in (or taken away) while the terminal runs.
    std::unique_ptr<FrameSource> probe(m_camera(nullptr));
    const QString problem = probe ? probe->unavailableReason() : QString();
    m_kioskCamera->setEnabled(problem.isEmpty() && m_flow.can(RegistrationAction::UploadPhoto) && !m_session->isBusy());
    m_cameraNote->setText(problem);
    m_cameraNote->setVisible(!problem.isEmpty());
    // The empty frame says what can be done here now: no camera, no "take your photo with the camera".
    m_cropper->setPlaceholder(problem.isEmpty() ? tr("Take your photo with the camera, or pick one from a USB stick.")
                                                : tr("Pick your photo from a USB stick."));
}

void PhotoPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    updateCamera();
}

void PhotoPage::setKioskSources(std::function<FrameSource *(QObject *)> camera, std::function<QStringList()> mediaRoots)
{
    // A kiosk has no file dialog: the terminal's camera, or a USB stick's photos (issue 16).
    m_choose->hide();
    setAcceptDrops(false);
    m_camera = camera;
    m_kioskCamera = new QPushButton(tr("Take a photo with the camera"), this);
    m_kioskCamera->setObjectName(QStringLiteral("kioskCamera"));
    m_cameraNote = new QLabel(this);
    m_cameraNote->setObjectName(QStringLiteral("kioskCameraNote"));
    m_cameraNote->setWordWrap(true);
    m_cameraNote->hide();
    m_kioskMedia = new QPushButton(tr("A photo from a USB stick…"), this);
    m_kioskMedia->setObjectName(QStringLiteral("kioskMedia"));
    // In the column beside the photo, one under the other, where «Choose a photo» was.
    const int at = m_side->indexOf(m_choose);
    m_side->insertWidget(at + 1, m_kioskMedia);
    m_side->insertWidget(at + 1, m_cameraNote);
    m_side->insertWidget(at + 1, m_kioskCamera);
    connect(m_kioskCamera, &QPushButton::clicked, this, [this, camera]() {
        FrameSource *source = camera(this);
        auto *dialog = new CameraDialog(*source, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        source->setParent(dialog);
        connect(dialog, &CameraDialog::captured, this, &PhotoPage::openBytes);
        m_cameraDialog = dialog;
        dialog->open();
    });
    connect(m_kioskMedia, &QPushButton::clicked, this, [this, mediaRoots]() {
        auto *dialog = new MediaPickerDialog(mediaRoots, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &MediaPickerDialog::chosen, this, &PhotoPage::openFile);
        m_mediaDialog = dialog;
        dialog->open();
    });
    updateLock();
}

void PhotoPage::openFile(const QString &path)
{
    m_session->openFile(path);
}

void PhotoPage::openBytes(const QByteArray &bytes)
{
    m_session->openBytes(bytes);
}

void PhotoPage::rotate(int degrees)
{
    m_session->rotate(degrees);
}

QStringList PhotoPage::findings() const
{
    QStringList codes;
    for (const PhotoFinding &f : m_session->findings())
        codes << errorCodeName(f.code);
    return codes;
}

void PhotoPage::showFindings(const QList<PhotoFinding> &findings)
{
    QString html;
    auto label = [](QPushButton *b) { return b->text().remove(QRegularExpression(QStringLiteral("\\(&.\\)|&"))); };
    for (const PhotoFinding &f : findings) {
        QString message = f.message;
        // The turn advice names the button that does it.
        if (f.code == ErrorCode::PhotoOrientation) {
            const int turn = m_session->stillToTurn();
            if (turn == 90)
                message += QLatin1Char(' ') + tr("Press «%1».").arg(label(m_right));
            else if (turn == 270)
                message += QLatin1Char(' ') + tr("Press «%1».").arg(label(m_left));
            else if (turn == 180)
                message += QLatin1Char(' ') + tr("Press «%1» twice.").arg(label(m_right));
        }
        html += QStringLiteral("<p style=\"color:#B00020\">✗ %1</p>").arg(message.toHtmlEscaped());
    }
    if (findings.isEmpty())
        html = QStringLiteral("<p style=\"color:#2E7D32\">✓ %1</p>")
                   .arg(tr("The photo meets the requirements (%1 KB).").arg(m_session->preparedJpeg().size() / 1024));
    m_findings->setText(html);
    updateLock();
    emit checked();
}

void PhotoPage::upload()
{
    const QByteArray jpeg = m_session->preparedJpeg();
    if (jpeg.isEmpty() || m_session->isBusy())
        return;
    m_upload->setEnabled(false);
    m_progress->setValue(0);
    m_progress->show();
    m_flow.uploadPhoto(jpeg, alive(this, [this](const Result<void, Problem> &r) {
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
    m_upload->setEnabled(allowed && !m_session->preparedJpeg().isEmpty() && !m_session->isBusy());
    setChooseEnabled(allowed && !m_session->isBusy());
    updateTurnButtons();
    const QString submitFirst = tr("Submit your registration first; then upload the photo.");
    const QString locked = tr("Your photo is locked and can no longer be replaced.");
    const QString underReview = tr("The test site is reviewing your registration: the photo cannot be replaced now. "
                                   "If the site asks for corrections, you can replace it then.");
    if (!allowed && m_flow.registration()) {
        m_status->setText(m_flow.state() == RegistrationState::Draft           ? submitFirst
                          : m_flow.state() == RegistrationState::ReviewPending ? underReview
                                                                               : locked);
    } else if (!allowed) {
        m_status->setText(ErrorText::message(m_flow.refusal(RegistrationAction::UploadPhoto))); // before the agreement
    } else if (allowed && (m_status->text() == submitFirst || m_status->text() == locked || m_status->text() == underReview)) {
        m_status->clear(); // unlocked again (a rejected review): the old words no longer hold
    }
}

void PhotoPage::updateTurnButtons()
{
    // Turning needs a photo to turn; a disabled button says what is missing.
    const bool photo = !m_session->image().isNull();
    const bool can = photo && !m_session->isBusy() && m_flow.can(RegistrationAction::UploadPhoto);
    for (QPushButton *b : {m_left, m_right}) {
        b->setEnabled(can);
        b->setToolTip(photo ? QString() : tr("Choose a photo first."));
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
