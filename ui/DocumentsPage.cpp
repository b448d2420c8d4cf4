#include "DocumentsPage.h"

#include "Alive.h"
#include "ErrorText.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPrintDialog>
#include <QPrinter>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSpinBox>
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
    m_page = new QLabel(this);
    m_page->setObjectName(QStringLiteral("pdfPage"));
    m_page->setAlignment(Qt::AlignCenter);
    m_page->setAccessibleName(tr("Document page"));
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_page);
    scroll->setWidgetResizable(true);
    m_pageNumber = new QSpinBox(this);
    m_pageNumber->setObjectName(QStringLiteral("pdfPageNumber"));
    m_pageNumber->setPrefix(tr("Page "));
    m_pageNumber->setSuffix(tr(" ", "after the page number (Chinese: 页)"));
    m_pageNumber->setMinimum(1);
    m_pageNumber->setAccessibleName(tr("Page"));
    m_zoom = new QComboBox(this);
    m_zoom->setObjectName(QStringLiteral("pdfZoom"));
    m_zoom->setAccessibleName(tr("Zoom"));
    for (int percent : {50, 75, 100, 150, 200})
        m_zoom->addItem(QStringLiteral("%1%").arg(percent), percent);
    m_zoom->setCurrentIndex(2);
    m_saveAs = new QPushButton(tr("Save &as…"), this);
    m_saveAs->setObjectName(QStringLiteral("pdfSaveAs"));
    m_print = new QPushButton(tr("&Print…"), this);
    m_print->setObjectName(QStringLiteral("pdfPrint"));
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("documentsStatus"));
    m_status->setWordWrap(true);

    auto *top = new QHBoxLayout;
    top->addWidget(m_form);
    top->addWidget(m_ticket);
    top->addWidget(m_ticketNote, 1);
    auto *viewer = new QHBoxLayout;
    viewer->addWidget(m_pageNumber);
    viewer->addWidget(m_zoom);
    viewer->addStretch(1);
    viewer->addWidget(m_saveAs);
    viewer->addWidget(m_print);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(top);
    layout->addWidget(m_progress);
    layout->addWidget(m_status);
    layout->addLayout(viewer);
    layout->addWidget(scroll, 1);

    connect(m_form, &QPushButton::clicked, this, [this]() { fetch(DocumentKind::RegistrationForm); });
    connect(m_ticket, &QPushButton::clicked, this, [this]() { fetch(DocumentKind::AdmissionTicket); });
    connect(m_pageNumber, &QSpinBox::valueChanged, this, &DocumentsPage::render);
    connect(m_zoom, &QComboBox::currentIndexChanged, this, &DocumentsPage::render);
    connect(m_saveAs, &QPushButton::clicked, this, [this]() {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save as"), QString(), tr("PDF documents (*.pdf)"));
        if (path.isEmpty())
            return;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_bytes) != m_bytes.size() || !file.commit())
            m_status->setText(tr("The file could not be saved: %1").arg(file.errorString()));
    });
    connect(m_print, &QPushButton::clicked, this, [this]() {
        QPrinter printer(QPrinter::HighResolution);
        QPrintDialog dialog(&printer, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (const auto printed = m_pdf.print(printer); !printed)
            m_status->setText(ErrorText::message(printed.error().code));
    });
    connect(&m_flow, &RegistrationFlow::transferProgress, this, [this](qint64 done, qint64 total) {
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
                                    .arg(QLocale().toString(notYet->until.toLocalTime(), QLocale::ShortFormat))
                              : QString());
    const bool has = m_pdf.isOpen();
    m_pageNumber->setEnabled(has);
    m_zoom->setEnabled(has);
    m_saveAs->setEnabled(has);
    m_print->setEnabled(has);
}

void DocumentsPage::fetch(DocumentKind kind)
{
    m_status->setText(tr("Downloading…"));
    m_progress->setValue(0);
    m_progress->show();
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
        m_status->setText(tr("Downloaded, and kept on this computer for exam day."));
        showDocument(pdf.value());
    }));
}

bool DocumentsPage::showDocument(const QByteArray &pdf)
{
    if (m_pdf.open(pdf) != PdfDocument::OpenResult::Opened) {
        m_status->setText(ErrorText::message(ErrorCode::DocumentNotAvailable));
        return false;
    }
    m_bytes = pdf;
    m_pageNumber->setMaximum(m_pdf.pageCount());
    m_pageNumber->setValue(1);
    refresh();
    render();
    return true;
}

void DocumentsPage::render()
{
    if (!m_pdf.isOpen())
        return;
    const int page = m_pageNumber->value() - 1;
    const double dpi = 96.0 * m_zoom->currentData().toInt() / 100.0 * devicePixelRatioF();
    auto *watcher = new QFutureWatcher<QImage>(this);
    connect(watcher, &QFutureWatcher<QImage>::finished, this, [this, watcher, page]() {
        watcher->deleteLater();
        QImage image = watcher->result();
        if (image.isNull() || page != m_pageNumber->value() - 1)
            return;
        image.setDevicePixelRatio(devicePixelRatioF());
        m_page->setPixmap(QPixmap::fromImage(image));
        emit pageShown(page);
    });
    watcher->setFuture(m_pdf.renderPage(page, dpi)); // off the GUI thread
}

} // namespace ncre
