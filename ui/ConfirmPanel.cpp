#include "ConfirmPanel.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QShortcut>
#include <QVBoxLayout>

namespace ncre {

ConfirmPanel::ConfirmPanel(const QString &name, const QString &confirmLabel, QWidget *parent, const QString &cancelLabel)
    : QWidget(parent)
{
    setObjectName(name);
    m_text = new QLabel(this);
    m_text->setObjectName(name + QStringLiteral("Text"));
    m_text->setWordWrap(true);
    auto *yes = new QPushButton(confirmLabel, this);
    yes->setObjectName(name + QStringLiteral("Yes"));
    m_no = new QPushButton(cancelLabel.isEmpty() ? tr("Ca&ncel") : cancelLabel, this);
    m_no->setObjectName(name + QStringLiteral("No"));
    auto *no = m_no;
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
    // Esc anywhere in the panel cancels, as in a dialog.
    auto *escape = new QShortcut(QKeySequence::Cancel, this, no, &QPushButton::click, Qt::WidgetWithChildrenShortcut);
    escape->setObjectName(name + QStringLiteral("Escape"));
}

void ConfirmPanel::ask(const QString &text)
{
    m_text->setText(text);
    show();
    // Keyboard users land on the question; Enter there cancels (nothing locks by accident), Alt+letter confirms.
    m_no->setFocus(Qt::OtherFocusReason);
}

QString ConfirmPanel::text() const
{
    return m_text->text();
}

} // namespace ncre
