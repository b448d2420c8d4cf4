#pragma once

#include "PdfViewer.h"
#include "RegistrationFlow.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace ncre {

// 打印: download the registration form (after payment) and, inside its window, the admission ticket, with progress;
// both are kept on this computer (sealed) so they open offline on exam day. An in-app viewer (Poppler) with page
// navigation and zoom; «Save as…» and «Print…».
class DocumentsPage : public QWidget
{
    Q_OBJECT

public:
    explicit DocumentsPage(RegistrationFlow &flow, QWidget *parent = nullptr);

    void fetch(DocumentKind kind);
    bool showDocument(const QByteArray &pdf);
    int pageCount() const { return m_viewer->pageCount(); }
    PdfViewer *viewer() const { return m_viewer; }

signals:
    // A page was rendered into the viewer (tests and the timing of «open» to first page wait on it).
    void pageShown(int page);

private:
    void refresh();

    RegistrationFlow &m_flow;
    QPushButton *m_form;
    QPushButton *m_ticket;
    QLabel *m_ticketNote;
    QProgressBar *m_progress;
    PdfViewer *m_viewer;
    QLabel *m_status;
};

} // namespace ncre
