#include "PdfViewer.h"

#include "ErrorText.h"

#include <QComboBox>
#include <QDir>
#include <QStandardPaths>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QSaveFile>
#include <QScrollArea>
#include <QSpinBox>
#include <QTimer>
#include <QVBoxLayout>

namespace ncre {

namespace {
constexpr int kPrintRestMs = 3000; // after a direct print, before «Print» takes another touch
} // namespace

PdfViewer::PdfViewer(QWidget *parent)
    : QWidget(parent)
{
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

    auto *controls = new QHBoxLayout;
    controls->addWidget(m_pageNumber);
    controls->addWidget(m_zoom);
    controls->addStretch(1);
    controls->addWidget(m_saveAs);
    controls->addWidget(m_print);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(controls);
    layout->addWidget(scroll, 1);

    connect(m_pageNumber, &QSpinBox::valueChanged, this, &PdfViewer::render);
    connect(m_zoom, &QComboBox::currentIndexChanged, this, &PdfViewer::render);
    connect(m_saveAs, &QPushButton::clicked, this, [this]() {
        const QString folder = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
        const QString suggested = QDir(folder).filePath(m_suggestedName.isEmpty() ? tr("document.pdf") : m_suggestedName);
        const QString path = QFileDialog::getSaveFileName(this, tr("Save as"), suggested, tr("PDF documents (*.pdf)"));
        if (path.isEmpty())
            return;
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(m_bytes) != m_bytes.size() || !file.commit())
            emit message(tr("The file could not be saved: %1").arg(file.errorString()));
    });
    connect(m_print, &QPushButton::clicked, this, [this]() {
        if (m_directPrint) {
            const QString title = QFileInfo(m_suggestedName).completeBaseName();
            const auto printed = m_directPrint(m_pdf, title);
            emit message(printed ? tr("Sent to the printer: take your pages from it.") : ErrorText::message(printed.error().code));
            // A double tap would print twice (there is no dialog in between): «Print» rests a few seconds after each
            // job, long enough for the touches that follow one another, short enough for a second copy on purpose.
            m_print->setEnabled(false);
            QTimer::singleShot(kPrintRestMs, m_print, [this]() { updateControls(); });
            emit printFinished(printed.ok());
            return;
        }
        QPrinter printer(QPrinter::HighResolution);
        QPrintDialog dialog(&printer, this);
        if (dialog.exec() != QDialog::Accepted)
            return;
        if (const auto printed = m_pdf.print(printer); !printed)
            emit message(ErrorText::message(printed.error().code));
    });
    updateControls();
}

void PdfViewer::setDirectPrint(DirectPrint print)
{
    m_directPrint = std::move(print);
    m_saveAs->hide();
    m_print->setText(tr("&Print"));
}

void PdfViewer::updateControls()
{
    const bool has = m_pdf.isOpen();
    m_pageNumber->setEnabled(has);
    m_zoom->setEnabled(has);
    m_saveAs->setEnabled(has);
    m_print->setEnabled(has);
}

bool PdfViewer::showDocument(const QByteArray &pdf)
{
    if (m_pdf.open(pdf) != PdfDocument::OpenResult::Opened)
        return false;
    m_bytes = pdf;
    const QSignalBlocker quiet(m_pageNumber); // one render below, not one per change
    m_pageNumber->setMaximum(m_pdf.pageCount());
    m_pageNumber->setValue(1);
    updateControls();
    render();
    return true;
}

void PdfViewer::render()
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
