#pragma once

#include "PdfDocument.h"

#include <QWidget>

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
    int pageCount() const { return m_pdf.pageCount(); }

signals:
    // A page was rendered into the viewer (tests and the timing of «open» to first page wait on it).
    void pageShown(int page);
    // Something the user should read (a save or print that failed), in words.
    void message(const QString &text);

private:
    void render();
    void updateControls();

    PdfDocument m_pdf;
    QByteArray m_bytes;
    QString m_suggestedName;
    QLabel *m_page;
    QSpinBox *m_pageNumber;
    QComboBox *m_zoom;
    QPushButton *m_saveAs;
    QPushButton *m_print;
};

} // namespace ncre
