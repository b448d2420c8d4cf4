#include "DocumentsPage.h"

#include "Alive.h"
#include "DateText.h"
#include "ErrorText.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

DocumentsPage::DocumentsPage(RegistrationFlow &flow, QWidget *parent)
    : QWidget(parent)
    , m_flow(flow)
{
    setObjectName(QStringLiteral("documentsPage"));
    m_form = new QPushButton(tr("Registration &form"), this);
    m_form->setObjectName(QStringLiteral("fetchForm"));
    m_ticket = new QPushButton(tr("Admission &ticket"), this);
    m_ticket->setObjectName(QStringLiteral("fetchTicket"));
    m_ticketNote = new QLabel(this);
    m_ticketNote->setObjectName(QStringLiteral("ticketNote"));
    m_progress = new QProgressBar(this);
    m_progress->hide();
    m_viewer = new PdfViewer(this);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("documentsStatus"));
    m_status->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_form);
    top->addWidget(m_ticket);
    top->addWidget(m_ticketNote, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addWidget(m_viewer, 1);

    connect(m_form, &QPushButton::clicked, this, [this]() { fetch(DocumentKind::RegistrationForm); });
    connect(m_ticket, &QPushButton::clicked, this, [this]() { fetch(DocumentKind::AdmissionTicket); });
    connect(m_viewer, &PdfViewer::pageShown, this, &DocumentsPage::pageShown);
    connect(m_viewer, &PdfViewer::message, m_status, &QLabel::setText);
    connect(&m_flow, &RegistrationFlow::documentProgress, this, [this](DocumentKind, qint64 done, qint64 total) {
        m_progress->setMaximum(int(qMax<qint64>(1, total)));
        m_progress->setValue(int(done));
    });
    connect(&m_flow, &RegistrationFlow::registrationChanged, this, &DocumentsPage::refresh);
    refresh();
    // The form kept from an earlier download opens at once, also offline.
    if (const auto kept = m_flow.keptDocument(DocumentKind::AdmissionTicket); kept && kept->has_value())
        showDocument(kept->value());
    else if (const auto form = m_flow.keptDocument(DocumentKind::RegistrationForm); form && form->has_value())
        showDocument(form->value());
}

void DocumentsPage::refresh()
{
    m_form->setEnabled(m_flow.can(RegistrationAction::DownloadForm));
    const QList<Blocker> blockers = m_flow.blockers();
    const auto notYet = std::find_if(blockers.begin(), blockers.end(),
                                     [](const Blocker &b) { return b.kind == BlockerKind::TicketNotYetOpen; });
    const bool ticketOpen = m_flow.can(RegistrationAction::DownloadTicket) && notYet == blockers.end();
    m_ticket->setEnabled(ticketOpen);
    m_ticketNote->setText(notYet != blockers.end()
                              ? tr("The admission ticket can be printed from %1.")
                                    .arg(dateTimeText(notYet->until))
                              : QString());
}

void DocumentsPage::fetch(DocumentKind kind)
{
    m_status->setText(tr("Downloading…"));
    m_progress->setValue(0);
    m_progress->show();
    m_viewer->setSuggestedName(kind == DocumentKind::AdmissionTicket ? tr("Admission ticket.pdf") : tr("Registration form.pdf"));
    m_flow.download(kind, alive(this, [this, kind](Result<QByteArray, Problem> pdf) {
        m_progress->hide();
        if (!pdf) {
            if (pdf.error().status != 0) {
                m_status->setText(ErrorText::message(pdf.error().code));
                return;
            }
            // Offline: the copy kept on this computer is what is shown, and the message says so.
            const auto kept = m_flow.keptDocument(kind);
            if (kept && kept->has_value()) {
                showDocument(kept->value());
                m_status->setText(tr("No network: showing the copy kept on this computer. It is complete and can be "
                                     "printed; NCRE Desk downloads it again when the network returns."));
            } else {
                m_status->setText(tr("No network: the document could not be downloaded, and no copy is kept on this "
                                     "computer yet. Try again when the network returns."));
            }
            return;
        }
        m_status->setText(m_viewer->hasDirectPrint() ? tr("Downloaded. Touch «Print» to print it here; nothing is kept on this terminal.")
                                                     : tr("Downloaded, and kept on this computer for exam day."));
        showDocument(pdf.value());
    }));
}

bool DocumentsPage::showDocument(const QByteArray &pdf)
{
    if (!m_viewer->showDocument(pdf)) {
        m_status->setText(ErrorText::message(ErrorCode::DocumentNotAvailable));
        return false;
    }
    return true;
}

} // namespace ncre
