#include "ConfirmPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace ncre {

ConfirmPanel::ConfirmPanel(const QString &name, const QString &confirmLabel, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(name);
    m_text = new QLabel(this);
    m_text->setObjectName(name + QStringLiteral("Text"));
    m_text->setWordWrap(true);
    auto *yes = new QPushButton(confirmLabel, this);
    yes->setObjectName(name + QStringLiteral("Yes"));
    auto *no = new QPushButton(tr("Ca&ncel"), this);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(no);
    buttons->addWidget(yes);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_text);
    layout->addLayout(buttons);
    setStyleSheet(QStringLiteral("#%1 { background: #FFF8E1; }").arg(name));
    hide();
    connect(yes, &QPushButton::clicked, this, [this]() {
        hide();
        emit confirmed();
    });
    connect(no, &QPushButton::clicked, this, [this]() {
        hide();
        emit cancelled();
    });
}

void ConfirmPanel::ask(const QString &text)
{
    m_text->setText(text);
    show();
}

QString ConfirmPanel::text() const
{
    return m_text->text();
}

} // namespace ncre
