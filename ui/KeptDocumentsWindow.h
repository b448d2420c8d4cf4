#pragma once

#include "KeptDocuments.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QPushButton;
class QStackedWidget;

namespace ncre {

class PdfViewer;

// «本机保存的报名表和准考证»: the registration form and admission ticket kept on this computer, opened without the
// server (on exam day, with no network): the account and its password are checked on this computer
// (KeptDocuments::unlock), then the documents show in the viewer, to read, save or print.
class KeptDocumentsWindow : public QDialog
{
    Q_OBJECT

public:
    // `account`: what the login window's account field held, to start with.
    KeptDocumentsWindow(KeptDocuments &kept, const QString &account, QWidget *parent = nullptr);
    ~KeptDocumentsWindow() override;

    void unlock();
    void showKept(DocumentKind kind);

signals:
    void unlocked();
    void pageShown(int page);

private:
    KeptDocuments &m_kept;
    QStackedWidget *m_stack;
    QLineEdit *m_account;
    QLineEdit *m_password;
    QLabel *m_error;
    QPushButton *m_open;
    QPushButton *m_form;
    QPushButton *m_ticket;
    QLabel *m_status;
    PdfViewer *m_viewer;
};

} // namespace ncre
