#include "MediaPickerDialog.h"

#include "PhotoReader.h"

#include "DateText.h"
#include "RemovableMedia.h"
#include "Theme.h"

#include <QDir>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QFile>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

MediaPickerDialog::MediaPickerDialog(std::function<QStringList()> roots, QWidget *parent)
    : QDialog(parent)
    , m_roots(std::move(roots))
{
    setObjectName(QStringLiteral("mediaPicker"));
    setWindowTitle(tr("A photo from your USB stick"));
    setModal(true);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("mediaImages"));
    theme::wholeEntries(m_list);
    m_preview = new QLabel(this);
    m_preview->setObjectName(QStringLiteral("mediaPreview"));
    m_preview->setFixedSize(300, 400);
    m_preview->setAlignment(Qt::AlignCenter);
    m_preview->setWordWrap(true); // a message in place of the photo wraps inside it
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("mediaStatus"));
    m_status->setWordWrap(true);
    m_use = new QPushButton(tr("Use this photo"), this);
    m_use->setObjectName(QStringLiteral("mediaUse"));
    m_use->setEnabled(false);
    auto *cancel = new QPushButton(tr("Cancel"), this);
    cancel->setObjectName(QStringLiteral("mediaCancel"));
    auto *content = new QHBoxLayout;
    content->addWidget(m_list, 1);
    content->addWidget(m_preview);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(cancel);
    buttons->addStretch(1);
    buttons->addWidget(m_use);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_status);
    layout->addLayout(content, 1);
    layout->addLayout(buttons);

    connect(cancel, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_list, &QListWidget::currentRowChanged, this, &MediaPickerDialog::preview);
    connect(m_use, &QPushButton::clicked, this, [this]() {
        if (QListWidgetItem *item = m_list->currentItem()) {
            emit chosen(item->data(Qt::UserRole).toString());
            accept();
        }
    });
    connect(&m_poll, &QTimer::timeout, this, &MediaPickerDialog::rescan);
    m_poll.start(2000);
    rescan();
}

void MediaPickerDialog::rescan()
{
    const QStringList roots = m_roots();
    if (roots == m_shownRoots && m_list->count() > 0)
        return;
    m_shownRoots = roots;
    m_list->clear();
    m_preview->clear();
    m_use->setEnabled(false);
    if (roots.isEmpty()) {
        m_status->setText(tr("Insert your USB stick or memory card: its photos show here."));
        return;
    }
    for (const QString &root : roots) {
        for (const QString &path : RemovableMedia::images(root)) {
            const QFileInfo info(path);
            auto *item = new QListWidgetItem(QStringLiteral("%1\n%2").arg(QDir(root).relativeFilePath(path),
                                                                        dateTimeText(info.lastModified())),
                                             m_list);
            item->setData(Qt::UserRole, path);
        }
    }
    m_status->setText(m_list->count() ? tr("Touch a photo, check it on the right, then «Use this photo».")
                                      : tr("There are no photos (JPEG, PNG, HEIC) on this medium."));
}

void MediaPickerDialog::preview()
{
    QListWidgetItem *item = m_list->currentItem();
    m_use->setEnabled(item != nullptr);
    if (!item)
        return;
    // Read as the photo checks read it (PhotoReader): a JPEG cut short before its end, which an image reader would
    // still show half grey, is refused here as it would be one step later.
    QFile file(item->data(Qt::UserRole).toString());
    QImage image;
    if (file.open(QIODevice::ReadOnly))
        if (const Result<DecodedPhoto> decoded = PhotoReader::read(&file, m_preview->size()))
            image = decoded->image;
    // A file that cannot be read here (cut short while copying, not a photo) is not offered for use: the candidate
    // picks another, or asks staff, instead of meeting the same failure one step later.
    m_use->setEnabled(!image.isNull());
    if (image.isNull())
        m_preview->setText(tr("This file cannot be read: it may be damaged, or not a photo. Pick another one, or "
                              "ask a member of staff."));
    else
        m_preview->setPixmap(QPixmap::fromImage(image));
}

} // namespace ncre
