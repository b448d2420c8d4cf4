#include "ConfirmationPanel.h"

#include "Alive.h"
#include "ErrorText.h"
#include "ProfilePage.h"
#include "ReviewPanel.h"
#include "StepBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QShowEvent>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

ConfirmationPanel::ConfirmationPanel(StaffReview &review, ConfirmationSlip slipTemplate,
                                     std::function<QStringList(const QStringList &)> subjectNames, PrintSlip printSlip,
                                     QWidget *parent)
    : QWidget(parent)
    , m_review(review)
    , m_slip(std::move(slipTemplate))
    , m_subjectNames(std::move(subjectNames))
    , m_print(std::move(printSlip))
{
    setObjectName(QStringLiteral("confirmationPanel"));
    m_type = new QComboBox(this);
    m_type->setObjectName(QStringLiteral("confirmType"));
    for (DocumentType t : {DocumentType::ResidentId, DocumentType::HkMacauPermit, DocumentType::TaiwanPermit,
                           DocumentType::HmtResidencePermit, DocumentType::Passport, DocumentType::ForeignPermanentResidentId})
        m_type->addItem(ProfilePage::documentTypeLabel(t), documentTypeName(t));
    m_number = new QLineEdit(this);
    m_number->setObjectName(QStringLiteral("confirmNumber"));
    m_number->setMaxLength(40);
    m_number->setPlaceholderText(tr("Document number (type it, or scan the document)"));
    m_lookUp = new QPushButton(tr("Find"), this);
    m_lookUp->setObjectName(QStringLiteral("confirmLookUp"));
    m_photo = new QLabel(this);
    m_photo->setObjectName(QStringLiteral("confirmPhoto"));
    m_photo->setFixedSize(240, 320);
    m_photo->setAlignment(Qt::AlignCenter);
    m_photo->setStyleSheet(QStringLiteral("background: white; border: 1px solid #C8CDD3;"));
    m_data = new QLabel(this);
    m_data->setObjectName(QStringLiteral("confirmData"));
    m_data->setTextFormat(Qt::RichText);
    m_confirm = new QPushButton(tr("Confirm and print the slip"), this);
    m_confirm->setObjectName(QStringLiteral("confirmOnSite"));
    m_confirm->setEnabled(false);
    m_reprint = new QPushButton(tr("Print the slip again"), this);
    m_reprint->setObjectName(QStringLiteral("confirmReprint"));
    m_reprint->hide();
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("confirmStatus"));
    m_status->setWordWrap(true);

    auto *search = new QHBoxLayout;
    search->addWidget(m_type);
    search->addWidget(m_number, 1);
    search->addWidget(m_lookUp);
    auto *record = new QHBoxLayout;
    record->addWidget(m_photo, 0, Qt::AlignTop);
    record->addWidget(m_data, 1, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(search);
    layout->addWidget(new QLabel(tr("Compare the registered photo with the person in front of you before confirming."), this));
    layout->addLayout(record, 1);
    auto *actions = new QHBoxLayout;
    actions->addWidget(m_confirm);
    actions->addWidget(m_reprint);
    actions->addStretch(1);
    layout->addLayout(actions);
    layout->addWidget(m_status);

    connect(m_number, &QLineEdit::returnPressed, this, &ConfirmationPanel::lookUp); // a scanner ends with Enter
    connect(m_lookUp, &QPushButton::clicked, this, &ConfirmationPanel::lookUp);
    connect(m_confirm, &QPushButton::clicked, this, &ConfirmationPanel::confirm);
    connect(m_reprint, &QPushButton::clicked, this, [this]() {
        const auto printed = m_print(m_lastSlip);
        m_status->setText(printed ? tr("The slip was printed again.")
                                  : tr("The slip could not be printed: %1").arg(ErrorText::message(printed.error().code)));
    });
}

void ConfirmationPanel::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // Queued: a tab being switched to is shown before the switch hands the focus on (to the tab bar).
    QMetaObject::invokeMethod(m_number, qOverload<>(&QWidget::setFocus), Qt::QueuedConnection);
}

void ConfirmationPanel::lookUp()
{
    const QString number = m_number->text().trimmed();
    if (number.isEmpty()) {
        m_status->setText(tr("Type or scan the document number first."));
        return;
    }
    DocumentLookup lookup;
    lookup.documentType = m_type->currentData().toString();
    lookup.documentNumber = number;
    m_found.reset();
    m_confirm->setEnabled(false);
    m_reprint->hide();
    m_lastSlip.clear();
    m_status->setText(tr("Looking up…"));
    m_review.lookUp(lookup, alive(this, [this](Result<StaffReview::Candidate, Problem> candidate) {
        if (!candidate) {
            // Not found, or of another site: the same answer (the server does not tell which).
            m_status->setText(candidate.error().code == ErrorCode::ResourceNotFound
                                  ? tr("No registration at this test site has this document.")
                                  : ErrorText::message(candidate.error().code));
            m_data->clear();
            m_photo->clear();
            m_number->selectAll(); // the next scan or typing replaces it
            m_number->setFocus();
            return;
        }
        const Registration &r = candidate->registration;
        m_found = r;
        m_data->setText(staffRecordText(r, m_subjectNames));
        QPixmap photo;
        photo.loadFromData(candidate->photo, "JPEG");
        m_photo->setPixmap(photo.isNull() ? QPixmap() : photo.scaled(m_photo->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
        const bool confirmable = r.state == RegistrationState::Paid;
        m_confirm->setEnabled(confirmable);
        m_status->setText(r.state == RegistrationState::Confirmed ? tr("Already confirmed on site.")
                          : confirmable                           ? QString()
                                                                  : tr("Only a paid registration can be confirmed on site."));
        m_number->clear(); // ready for the next scan
        emit candidateShown(r.id);
    }));
}

void ConfirmationPanel::confirm()
{
    if (!m_found)
        return;
    const QString id = m_found->id;
    m_confirm->setEnabled(false);
    m_review.confirmOnSite(id, alive(this, [this, id](Result<Registration, Problem> done) {
        if (!done) {
            m_status->setText(ErrorText::message(done.error().code));
            emit confirmed(id, false);
            return;
        }
        ConfirmationSlip slip = m_slip;
        slip.confirmedAt = QDateTime::currentDateTimeUtc();
        slip.subjects = m_subjectNames(done->subjectIds);
        m_lastSlip = slip.pdf(done.value());
        m_reprint->show();
        const auto printed = m_print(m_lastSlip);
        m_status->setText(printed ? tr("Confirmed. Give the candidate the slip from the printer.")
                                  : tr("Confirmed, but the slip could not be printed: %1").arg(ErrorText::message(printed.error().code)));
        emit confirmed(id, printed.ok());
    }));
}

} // namespace ncre
