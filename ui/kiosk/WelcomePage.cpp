#include "WelcomePage.h"

#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

WelcomePage::WelcomePage(const QString &language, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("kioskWelcome"));
    auto *title = new QLabel(tr("Register for the National Computer Rank Examination"), this);
    title->setObjectName(QStringLiteral("welcomeTitle"));
    title->setStyleSheet(QStringLiteral("font-size: 28pt; font-weight: 600;"));
    title->setAlignment(Qt::AlignCenter);
    title->setWordWrap(true);
    title->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    auto *text = new QLabel(tr("Log in or register, fill in your registration, add your photo, pay with your phone and "
                               "print your documents here. When you leave, or after a while without a touch, "
                               "everything you entered is removed from this terminal."),
                            this);
    text->setWordWrap(true);
    text->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    text->setAlignment(Qt::AlignCenter);
    text->setMaximumWidth(900);

    auto *logIn = new QPushButton(tr("Log in"), this);
    logIn->setObjectName(QStringLiteral("welcomeLogIn"));
    auto *registerButton = new QPushButton(tr("Register a new account"), this);
    registerButton->setObjectName(QStringLiteral("welcomeRegister"));
    m_logIn = logIn;
    m_register = registerButton;
    m_offline = new QLabel(tr("The registration service cannot be reached at the moment, so nobody can log in or "
                              "register here yet. This screen tries again by itself; if it stays like this, please "
                              "tell the site staff."),
                           this);
    m_offline->setObjectName(QStringLiteral("welcomeOffline"));
    m_offline->setWordWrap(true);
    m_offline->setAlignment(Qt::AlignCenter);
    m_offline->setStyleSheet(QStringLiteral("font-size: 16pt; color: #8A1C1C; background: #FDECEA; border: 1px solid #E0B4B4;"
                                            "border-radius: 6px; padding: 12px;"));
    m_offline->hide();
    for (QPushButton *b : {logIn, registerButton}) {
        b->setMinimumSize(320, 96);
        b->setStyleSheet(QStringLiteral("font-size: 20pt;"));
    }
    logIn->setDefault(true);
    connect(logIn, &QPushButton::clicked, this, &WelcomePage::logInRequested);
    connect(registerButton, &QPushButton::clicked, this, &WelcomePage::registerRequested);

    // Each language names itself, so a candidate who reads only one finds it.
    const bool chinese = language == QLatin1String("zh_CN");
    auto *switchLanguage = new QPushButton(chinese ? QStringLiteral("English") : QStringLiteral("中文"), this);
    switchLanguage->setObjectName(QStringLiteral("welcomeLanguage"));
    switchLanguage->setAccessibleName(chinese ? QStringLiteral("Switch to English") : QStringLiteral("切换到中文"));
    switchLanguage->setMinimumWidth(160);
    connect(switchLanguage, &QPushButton::clicked, this,
            [this, chinese]() { emit languageRequested(chinese ? QStringLiteral("en") : QStringLiteral("zh_CN")); });

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(logIn);
    buttons->addSpacing(32);
    buttons->addWidget(registerButton);
    buttons->addStretch(1);
    auto *languageRow = new QHBoxLayout;
    languageRow->addStretch(1);
    languageRow->addWidget(switchLanguage);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(languageRow);
    layout->addStretch(1);
    layout->addWidget(title);
    layout->addSpacing(16);
    // Centred by stretches, not by an alignment: an aligned word-wrapped label gets no height for its lines.
    auto *textRow = new QHBoxLayout;
    textRow->addStretch(1);
    textRow->addWidget(text, 4);
    textRow->addStretch(1);
    layout->addLayout(textRow);
    layout->addSpacing(24);
    auto *offlineRow = new QHBoxLayout;
    offlineRow->addStretch(1);
    offlineRow->addWidget(m_offline, 4);
    offlineRow->addStretch(1);
    layout->addLayout(offlineRow);
    layout->addSpacing(24);
    layout->addLayout(buttons);
    layout->addStretch(2);
}

void WelcomePage::setServerReachable(bool reachable)
{
    m_reachable = reachable;
    m_offline->setVisible(!reachable);
    for (QPushButton *b : {m_logIn, m_register}) {
        b->setEnabled(reachable);
        b->setToolTip(reachable ? QString() : tr("The registration service cannot be reached at the moment."));
    }
}

QString WelcomePage::hint()
{
    return tr("Touch «Log in» if you have an NCRE account, or «Register a new account».");
}

} // namespace ncre
