#pragma once

#include "PdfDocument.h"

#include <QWidget>

#include <functional>

class QComboBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace ncre {

// An in-app PDF viewer (Poppler, rendered off the GUI thread): page number, zoom, «Save as…» and «Print…». Used by
// the documents page and by the kept documents opened offline.
class PdfViewer : public QWidget
{
    Q_OBJECT

public:
    explicit PdfViewer(QWidget *parent = nullptr);

    // Opens `pdf` at its first page; false (and nothing changes) when it is not a PDF Poppler can open.
    bool showDocument(const QByteArray &pdf);
    // The file name «Save as…» suggests (e.g. «报名登记表.pdf»), in the user's Documents folder.
    void setSuggestedName(const QString &name) { m_suggestedName = name; }
    bool hasDocument() const { return m_pdf.isOpen(); }
    // At a kiosk (issue 16): «Print» sends the document straight to the terminal's printer, no dialog, and there is
    // no «Save as…». `print` gets the document and a job title without personal data.
    using DirectPrint = std::function<Result<void>(const PdfDocument &pdf, const QString &title)>;
    void setDirectPrint(DirectPrint print);
    bool hasDirectPrint() const { return bool(m_directPrint); }
    int pageCount() const { return m_pdf.pageCount(); }

signals:
    // A page was rendered into the viewer (tests and the timing of «open» to first page wait on it).
    void pageShown(int page);
    // Something the user should read (a save or print that failed), in words.
    void message(const QString &text);
    // A direct print (setDirectPrint) finished: `ok` when the printer took the job.
    void printFinished(bool ok);

private:
    void render();
    void updateControls();

    PdfDocument m_pdf;
    QByteArray m_bytes;
    QString m_suggestedName;
    DirectPrint m_directPrint;
    QLabel *m_page;
    QSpinBox *m_pageNumber;
    QComboBox *m_zoom;
    QPushButton *m_saveAs;
    QPushButton *m_print;
};

} // namespace ncre
