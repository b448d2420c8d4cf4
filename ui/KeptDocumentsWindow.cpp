#include "KeptDocumentsWindow.h"

#include "Alive.h"
#include "ErrorText.h"
#include "PdfViewer.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ncre {

KeptDocumentsWindow::KeptDocumentsWindow(KeptDocuments &kept, const QString &account, QWidget *parent)
    : QDialog(parent)
    , m_kept(kept)
{
    setObjectName(QStringLiteral("keptDocumentsWindow"));
    setWindowTitle(tr("Documents kept on this computer"));
    m_stack = new QStackedWidget(this);

    // 1. Who: the account and its password, checked on this computer.
    auto *ask = new QWidget(m_stack);
    auto *why = new QLabel(tr("The registration form and admission ticket you downloaded are kept on this computer, "
                              "so they open without a network. Enter your account and password to open them."),
                           ask);
    why->setWordWrap(true);
    m_account = new QLineEdit(account, ask);
    m_account->setObjectName(QStringLiteral("keptAccount"));
    m_account->setAccessibleName(tr("Account"));
    m_account->setMaxLength(64);
    m_password = new QLineEdit(ask);
    m_password->setObjectName(QStringLiteral("keptPassword"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(128);
    auto *form = new QFormLayout;
    form->addRow(tr("&Account:"), m_account);
    form->addRow(tr("&Password:"), m_password);
    m_error = new QLabel(ask);
    m_error->setObjectName(QStringLiteral("keptError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #B00020;"));
    m_error->setMinimumHeight(fontMetrics().lineSpacing() * 3);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, ask);
    m_open = buttons->addButton(tr("&Open"), QDialogButtonBox::AcceptRole);
    m_open->setObjectName(QStringLiteral("keptOpen"));
    m_open->setDefault(true);
    auto *askLayout = new QVBoxLayout(ask);
    askLayout->addWidget(why);
    askLayout->addLayout(form);
    askLayout->addWidget(m_error);
    askLayout->addStretch(1);
    askLayout->addWidget(buttons);

    // 2. The documents.
    auto *docs = new QWidget(m_stack);
    m_form = new QPushButton(tr("Registration &form"), docs);
    m_form->setObjectName(QStringLiteral("keptForm"));
    m_ticket = new QPushButton(tr("Admission &ticket"), docs);
    m_ticket->setObjectName(QStringLiteral("keptTicket"));
    m_status = new QLabel(docs);
    m_status->setObjectName(QStringLiteral("keptStatus"));
    m_status->setWordWrap(true);
    m_viewer = new PdfViewer(docs);
    auto *top = new QHBoxLayout;
    top->addWidget(m_form);
    top->addWidget(m_ticket);
    top->addStretch(1);
    auto *docsLayout = new QVBoxLayout(docs);
    docsLayout->addLayout(top);
    docsLayout->addWidget(m_status);
    docsLayout->addWidget(m_viewer, 1);

    m_stack->addWidget(ask);
    m_stack->addWidget(docs);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_stack);
    resize(560, 320);

    connect(m_open, &QPushButton::clicked, this, &KeptDocumentsWindow::unlock);
    connect(m_password, &QLineEdit::returnPressed, this, &KeptDocumentsWindow::unlock);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_form, &QPushButton::clicked, this, [this]() { showKept(DocumentKind::RegistrationForm); });
    connect(m_ticket, &QPushButton::clicked, this, [this]() { showKept(DocumentKind::AdmissionTicket); });
    connect(m_viewer, &PdfViewer::pageShown, this, &KeptDocumentsWindow::pageShown);
    connect(m_viewer, &PdfViewer::message, m_status, &QLabel::setText);
    (account.isEmpty() ? m_account : m_password)->setFocus();
}

KeptDocumentsWindow::~KeptDocumentsWindow()
{
    m_kept.lock(); // the next person at this computer types the password again
}

void KeptDocumentsWindow::unlock()
{
    if (m_account->text().trimmed().isEmpty() || m_password->text().isEmpty()) {
        m_error->setText(tr("Enter your account and your password."));
        (m_account->text().trimmed().isEmpty() ? m_account : m_password)->setFocus();
        return;
    }
    m_open->setEnabled(false);
    m_error->setText(tr("Checking…"));
    m_kept.unlock(m_account->text().trimmed(), m_password->text(),
                  alive(this, [this](Result<QList<DocumentKind>> kinds) {
                      m_open->setEnabled(true);
                      if (!kinds) {
                          switch (kinds.error().code) {
                          case ErrorCode::AuthInvalidCredentials:
                              m_error->setText(tr("This account and password do not open anything on this computer. "
                                                  "Documents open here only for an account that logged in here with "
                                                  "its password and downloaded them; check both and try again."));
                              break;
                          case ErrorCode::DocumentNotAvailable:
                              m_error->setText(tr("Nothing is kept for this account yet: the registration form and "
                                                  "admission ticket are kept once you download them (step «Documents»)."));
                              break;
                          default:
                              m_error->setText(ErrorText::message(kinds.error().code));
                          }
                          m_password->setFocus();
                          m_password->selectAll();
                          return;
                      }
                      m_password->clear();
                      m_form->setEnabled(kinds->contains(DocumentKind::RegistrationForm));
                      m_ticket->setEnabled(kinds->contains(DocumentKind::AdmissionTicket));
                      for (QPushButton *b : {m_form, m_ticket})
                          b->setToolTip(b->isEnabled() ? QString()
                                                       : tr("Not kept on this computer yet: it is kept once you download it."));
                      m_stack->setCurrentIndex(1);
                      resize(qMax(width(), 820), qMax(height(), 900));
                      // The ticket is what exam day needs; the form otherwise.
                      showKept(kinds->contains(DocumentKind::AdmissionTicket) ? DocumentKind::AdmissionTicket
                                                                          : DocumentKind::RegistrationForm);
                      emit unlocked();
                  }));
}

void KeptDocumentsWindow::showKept(DocumentKind kind)
{
    const auto pdf = m_kept.document(kind);
    if (!pdf || !pdf->has_value() || !m_viewer->showDocument(pdf->value())) {
        m_status->setText(ErrorText::message(pdf ? ErrorCode::DocumentNotAvailable : pdf.error().code));
        return;
    }
    m_viewer->setSuggestedName(kind == DocumentKind::AdmissionTicket ? tr("Admission ticket.pdf") : tr("Registration form.pdf"));
    m_status->setText(kind == DocumentKind::AdmissionTicket
                          ? tr("Admission ticket, as downloaded. Print it for exam day.")
                          : tr("Registration form, as downloaded."));
}

} // namespace ncre
