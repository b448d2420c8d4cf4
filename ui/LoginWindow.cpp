#include "LoginWindow.h"

#include "UpdateBanner.h"

#include "Theme.h"

#include "Alive.h"
#include "CaptchaField.h"
#include "ErrorText.h"
#include "InputText.h"
#include "Outbox.h"
#include "RegisterDialog.h"

#include <QClipboard>
#include <QDesktopServices>
#include <QGuiApplication>
#include <QDialog>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>

namespace ncre {

LoginWindow::LoginWindow(ApiClient &api, AuthSession &auth, QWidget *parent)
    : QWidget(parent)
    , m_api(api)
    , m_auth(auth)
    , m_qq(api, auth)
    , m_urlOpener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setWindowTitle(tr("NCRE Desk — log in"));
    setObjectName(QStringLiteral("loginWindow"));

    // Widgets are created in reading order, which is the Tab order. First the bar with the bulletins (横栏), as on
    // the web system's login page.
    auto *announcement = new QPushButton(tr("Regis&tration announcement"), this);
    announcement->setObjectName(QStringLiteral("announcements"));
    auto *notices = new QPushButton(tr("Registration notices an&d process"), this);
    notices->setObjectName(QStringLiteral("notices"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(announcement);
    bar->addWidget(notices);
    bar->addStretch(1);

    auto *title = new QLabel(tr("National Computer Rank Examination — online registration"), this);
    // Larger, in the regular weight: a bold CJK face is a second font file to load before the window can show.
    QFont big = title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    title->setFont(big);

    m_serverStatus = new QLabel(tr("Connecting to the registration server…"), this);
    m_serverStatus->setObjectName(QStringLiteral("serverStatus"));

    m_account = new QLineEdit(this);
    m_account->setObjectName(QStringLiteral("account"));
    m_account->setAccessibleName(tr("Account"));
    m_account->setMaxLength(64);
    m_password = new QLineEdit(this);
    m_password->setObjectName(QStringLiteral("password"));
    m_password->setAccessibleName(tr("Password"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setMaxLength(128);
    m_captcha = new CaptchaField(m_api, QStringLiteral("captchaAnswer"), this);
    auto *form = new QFormLayout;
    form->addRow(tr("&Account:"), m_account);
    form->addRow(tr("&Password:"), m_password);
    auto *captchaLabel = new QLabel(tr("&Captcha:"), this);
    captchaLabel->setBuddy(m_captcha->answerField());
    form->addRow(captchaLabel, m_captcha);

    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("error"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #B00020;"));
    m_error->hide();

    // The ways in, «Log in» last (Enter in any field logs in).
    auto *registerButton = new QPushButton(tr("&Register…"), this);
    registerButton->setObjectName(QStringLiteral("register"));
    auto *passwordButton = new QPushButton(tr("Change pass&word…"), this);
    passwordButton->setObjectName(QStringLiteral("changePassword"));
    passwordButton->setToolTip(tr("Enter your account, current password and the captcha, then press this: you are "
                                  "logged in and can choose a new password."));
    auto *qqButton = new QPushButton(tr("Log in with &QQ"), this);
    qqButton->setObjectName(QStringLiteral("qqLogIn"));
    m_logIn = new QPushButton(tr("&Log in"), this);
    m_logIn->setObjectName(QStringLiteral("logIn"));
    m_logIn->setDefault(true);
    auto *keptButton = new QPushButton(tr("Documents &kept on this computer…"), this);
    keptButton->setObjectName(QStringLiteral("keptDocuments"));
    keptButton->setToolTip(tr("Open the registration form and admission ticket you downloaded, also without a network."));
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(registerButton);
    buttons->addWidget(passwordButton);
    buttons->addWidget(qqButton);
    buttons->addStretch(1);
    buttons->addWidget(m_logIn);

    auto *offline = new QHBoxLayout;
    offline->addStretch(1);
    offline->addWidget(keptButton);
    m_update = new UpdateBanner(this);
    connect(m_update, &UpdateBanner::downloadRequested, this, [this](const QUrl &page) { m_urlOpener(page); });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_update);
    layout->addLayout(bar);
    layout->addSpacing(8);
    layout->addWidget(title);
    layout->addWidget(m_serverStatus);
    layout->addSpacing(12);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addLayout(buttons);
    layout->addLayout(offline);
    setMinimumWidth(520);

    connect(m_captcha, &CaptchaField::shown, this, [this]() {
        m_captchaRetryMs = 1000;
        m_serverStatus->setText(tr("Connected to the registration server."));
        emit captchaShown();
    });
    connect(m_captcha, &CaptchaField::failed, this, [this](const Problem &problem) {
        // The server answered but refused (e.g. 426 client.updateRequired): its reason, not "cannot be reached".
        if (problem.status != 0 && !Outbox::retryLater(problem)) {
            m_serverStatus->setText(ErrorText::message(problem.code));
            return;
        }
        m_serverStatus->setText(tr("The registration server cannot be reached. Check your network; NCRE Desk keeps trying."));
        // And it does: a new captcha is asked for again, at growing intervals up to half a minute.
        if (Outbox::retryLater(problem)) {
            m_captchaRetryMs = qMin(30'000, m_captchaRetryMs * 2);
            QTimer::singleShot(m_captchaRetryMs, this, [this]() { m_captcha->refresh(); });
        }
    });
    connect(registerButton, &QPushButton::clicked, this, &LoginWindow::openRegistration);
    connect(qqButton, &QPushButton::clicked, this, [this]() {
        m_error->hide();
        m_qq.start(alive(this, [this](const Result<Session, Problem> &session) {
            if (m_qqDialog)
                m_qqDialog->close(); // the address is spent, however the login ended
            if (!session) {
                if (session.error().code != ErrorCode::TransferCancelled) {
                    m_error->setText(ErrorText::message(session.error().code));
                    m_error->show();
                }
                return;
            }
            emit loggedIn();
        }));
    });
    connect(&m_qq, &QqLogin::openBrowser, this, [this](const QUrl &url) {
        if (m_urlOpener(url))
            return;
        showQqAddress(url);
    });
    connect(m_logIn, &QPushButton::clicked, this, &LoginWindow::logIn);
    connect(passwordButton, &QPushButton::clicked, this, &LoginWindow::logInToChangePassword);
    for (QLineEdit *e : {m_account, m_password, m_captcha->answerField()})
        connect(e, &QLineEdit::returnPressed, this, &LoginWindow::logIn);
    connect(announcement, &QPushButton::clicked, this, [this]() { showBulletins(BulletinKind::Announcement); });
    connect(notices, &QPushButton::clicked, this, [this]() { showBulletins(BulletinKind::Notice); });
    connect(keptButton, &QPushButton::clicked, this, &LoginWindow::keptDocumentsRequested);
    connect(&m_api, &ApiClient::retryScheduled, this, [this](int, qint64 delayMs, ErrorCode reason) {
        m_serverStatus->setText(ErrorText::retryMessage(reason, m_api.serverNow().addMSecs(delayMs)));
    });
    refreshCaptcha();
}

QString LoginWindow::account() const
{
    return m_account->text().trimmed();
}

QString LoginWindow::captchaId() const
{
    return m_captcha->id();
}

void LoginWindow::openRegistration()
{
    auto *dialog = new RegisterDialog(m_api, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &RegisterDialog::registered, this, [this](const QString &username, const QString &password) {
        // The password was just typed twice: it is not asked a third time. Only the picture's characters are left
        // (the registration used up the last captcha).
        m_account->setText(username);
        m_password->setText(password);
        m_captcha->answerField()->setFocus();
        m_error->setText(tr("Account %1 registered. Type the characters in the picture and log in.").arg(username));
        m_error->setStyleSheet(QStringLiteral("color: #2E7D32;"));
        m_error->show();
    });
    connect(dialog, &QDialog::finished, this, [this]() { emit registrationOpen(false); });
    dialog->open();
    emit registrationOpen(true);
}

void LoginWindow::setKioskMode()
{
    m_kiosk = true;
    // QQ login, the documents kept on a computer and a password change belong to a candidate's own computer: a kiosk
    // opens no browser, keeps nothing, and is no place to type a new password (issue 16).
    for (const char *name : {"qqLogIn", "keptDocuments", "changePassword"}) {
        if (auto *button = findChild<QPushButton *>(QLatin1String(name)))
            button->hide();
    }
    auto *why = new QLabel(tr("QQ login is not offered at this terminal: it needs a web browser, which the terminal "
                              "does not open. Log in with your NCRE account and password, or register one."),
                           this);
    why->setObjectName(QStringLiteral("kioskNoQq"));
    why->setWordWrap(true);
    if (auto *box = qobject_cast<QVBoxLayout *>(layout()))
        box->insertWidget(box->indexOf(m_error) + 1, why);
}

void LoginWindow::setStaffMode()
{
    m_kiosk = true;
    for (const char *name : {"qqLogIn", "keptDocuments", "register", "changePassword", "announcements", "notices"}) {
        if (auto *button = findChild<QPushButton *>(QLatin1String(name)))
            button->hide();
    }
}

void LoginWindow::refreshCaptcha()
{
    m_captcha->refresh();
}

void LoginWindow::setBusy(bool busy)
{
    m_logIn->setEnabled(!busy);
    setCursor(busy ? Qt::BusyCursor : Qt::ArrowCursor);
}

void LoginWindow::showError(const Problem &problem)
{
    m_error->setStyleSheet(QStringLiteral("color: #B00020;"));
    m_error->setText(ErrorText::message(problem.code));
    m_error->show();
    QLineEdit *at = problem.code == ErrorCode::AuthCaptcha ? m_captcha->answerField() : m_password;
    at->setFocus();
    at->selectAll();
}

void LoginWindow::logInToChangePassword()
{
    if (m_account->text().trimmed().isEmpty() || m_password->text().isEmpty() || m_captcha->answer().isEmpty()) {
        m_error->setText(tr("To change your password, first enter your account, your current password and the "
                            "captcha: you are then logged in and choose the new password."));
        m_error->show();
        (m_account->text().trimmed().isEmpty() ? m_account : m_password->text().isEmpty() ? m_password
                                                                                          : m_captcha->answerField())
            ->setFocus();
        return;
    }
    m_changePassword = true;
    submit();
}

void LoginWindow::logIn()
{
    m_changePassword = false;
    submit();
}

void LoginWindow::submit()
{
    if (m_account->text().trimmed().isEmpty()) {
        m_error->setText(tr("Enter your account."));
        m_error->show();
        m_account->setFocus();
        return;
    }
    LoginRequest login;
    login.username = InputText::clean(m_account->text());
    login.password = m_password->text();
    login.captchaId = m_captcha->id();
    login.captchaAnswer = m_captcha->answer();
    setBusy(true);
    m_error->hide();
    m_auth.logIn(login, alive(this, [this, account = login.username, password = login.password](const Result<Session, Problem> &session) {
        setBusy(false);
        if (!session) {
            showError(session.error());
            refreshCaptcha(); // a captcha answers one attempt only
            return;
        }
        m_password->clear();
        emit passwordAccepted(account, password);
        emit loggedIn();
    }));
}

void LoginWindow::showQqAddress(const QUrl &url)
{
    // No browser opened: a dialog of its own (the login form keeps its layout) with the whole address to open in a
    // browser on this computer, and «copy». Not a QR code: QQ answers to this computer's loopback address, which a
    // phone cannot reach.
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("qqAddressDialog"));
    dialog->setWindowTitle(tr("Log in with QQ"));
    auto *why = new QLabel(tr("No browser could be opened on this computer. Open this address in a browser on this "
                              "computer to log in with QQ; NCRE Desk goes on by itself once QQ answers."),
                           dialog);
    why->setWordWrap(true);
    // The whole address, wrapped, to read and check, not a one-line field cut off half-way.
    auto *address = new QPlainTextEdit(QString::fromUtf8(url.toEncoded()), dialog);
    address->setObjectName(QStringLiteral("qqAddress"));
    address->setReadOnly(true);
    address->setAccessibleName(tr("QQ login address"));
    address->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    address->setWordWrapMode(QTextOption::WrapAnywhere);
    address->setFixedHeight(address->fontMetrics().lineSpacing() * 5 + 12);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto *copy = buttons->addButton(tr("&Copy link"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("qqCopyAddress"));
    connect(copy, &QPushButton::clicked, dialog, [address, copy]() {
        QGuiApplication::clipboard()->setText(address->toPlainText());
        copy->setText(tr("Copied"));
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(why);
    layout->addWidget(address);
    layout->addWidget(buttons);
    dialog->resize(560, dialog->sizeHint().height());
    delete m_qqDialog;
    m_qqDialog = dialog;
    dialog->open();
}

void LoginWindow::showBulletins(BulletinKind kind)
{
    m_api.bulletins(kind, alive(this, [this, kind](Result<QList<Bulletin>, Problem> items) {
        auto *dialog = new QDialog(this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setObjectName(QStringLiteral("bulletinDialog"));
        dialog->setWindowTitle(kind == BulletinKind::Announcement ? tr("Registration announcement")
                                                                  : tr("Registration notices and process"));
        auto *text = new QTextBrowser(dialog);
        text->setObjectName(QStringLiteral("bulletinText"));
        text->setOpenExternalLinks(false);
        text->setOpenLinks(false);
        QString html;
        if (!items) {
            html = ErrorText::message(items.error().code).toHtmlEscaped();
        } else {
            for (const Bulletin &b : items.value()) {
                // QTextBrowser renders a subset of HTML and runs no script; links do not open from here.
                html += QStringLiteral("<h3>%1</h3>").arg(b.title.toHtmlEscaped()) + b.bodyHtml;
            }
            if (const QString note = theme::chineseOnlyNote(html); !note.isEmpty())
                html.prepend(QStringLiteral("<p><i>%1</i></p>").arg(note.toHtmlEscaped()));
        }
        text->setHtml(html);
        auto *close = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
        connect(close, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
        auto *layout = new QVBoxLayout(dialog);
        layout->addWidget(text);
        layout->addWidget(close);
        dialog->resize(640, 480);
        dialog->open();
    }));
}

void LoginWindow::applyMeta(const Meta &meta)
{
    if (auto *qq = findChild<QPushButton *>(QStringLiteral("qqLogIn")))
        qq->setVisible(!m_kiosk && meta.loginProviders.contains(QLatin1String("qq")));
    if (meta.client)
        m_update->setVersions(*meta.client);
}

} // namespace ncre
