#include "KioskWindow.h"

#include "IdleOverlay.h"

#include <QCloseEvent>
#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QScreen>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace ncre {

KioskWindow::KioskWindow(QWidget *parent)
    : QWidget(parent, Qt::Window | Qt::FramelessWindowHint | Qt::WindowStaysOnTopHint)
{
    setObjectName(QStringLiteral("kioskWindow"));
    // Touch first: large text and controls everywhere below, the embedded desktop pages included.
    setStyleSheet(QStringLiteral("QWidget#kioskWindow { background: #F5F7FA; }"
                                 "QWidget#kioskWindow QWidget { font-size: 14pt; }"
                                 "QPushButton, QToolButton, QComboBox, QLineEdit, QDateEdit, QSpinBox { min-height: %1px; }"
                                 "QPushButton { padding: 4px 18px; }"
                                 "QTreeView::item, QListView::item { min-height: %1px; }"
                                 // Check boxes a fingertip can hit. In item views the whole row is the target
                                 // (SubjectsPage): a style-sheet indicator there is drawn over the item's text.
                                 "QCheckBox, QRadioButton { min-height: %1px; }"
                                 "QCheckBox::indicator, QRadioButton::indicator { width: 28px; height: 28px; }"
                                 "QWidget#kioskWindow QLabel#kioskTitle { font-size: 20pt; font-weight: 600; color: #1F3A5F; }"
                                 "QWidget#kioskWindow QLabel#kioskHint { font-size: 15pt; color: #24292F; }")
                      .arg(kTouchMinimum));

    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("kioskTitle"));
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("kioskHint"));
    m_hint->setWordWrap(true);
    // Two lines kept for the hint whether it takes one or two: the page below never moves under a finger when the
    // hint changes (a tap meant for «信息审核» once landed on «网上支付»).
    m_hint->ensurePolished();
    m_hint->setMinimumHeight(2 * m_hint->fontMetrics().lineSpacing() + 4);
    m_hint->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    m_staff = new QPushButton(this);
    m_staff->setObjectName(QStringLiteral("kioskStaff"));
    m_staff->setFlat(true);
    m_staff->setFocusPolicy(Qt::NoFocus); // Enter after a save must not open the staff pad
    connect(m_staff, &QPushButton::clicked, this, &KioskWindow::staffRequested);
    m_end = new QPushButton(this);
    m_end->setObjectName(QStringLiteral("kioskEnd"));
    // Never given the keyboard focus: when a page's focused button goes disabled (after a save), Qt hands the
    // focus on, and a Space or Enter meant for the page must not end the candidate's session.
    m_end->setFocusPolicy(Qt::NoFocus);
    m_end->hide();
    connect(m_end, &QPushButton::clicked, this, &KioskWindow::endRequested);
    m_stack = new QStackedWidget(this);
    m_stack->setObjectName(QStringLiteral("kioskPages"));

    auto *header = new QHBoxLayout;
    header->addWidget(m_title, 1);
    header->addWidget(m_end);
    header->addWidget(m_staff);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 16, 24, 16);
    layout->addLayout(header);
    layout->addWidget(m_hint);
    layout->addWidget(m_stack, 1);

    m_overlay = new IdleOverlay(this);
    m_overlay->hide();
    retranslate();
}

void KioskWindow::retranslate()
{
    m_title->setText(tr("NCRE registration terminal"));
    m_staff->setText(tr("Staff"));
    m_staff->setAccessibleName(tr("Staff only: enter the staff PIN"));
    m_overlay->retranslate();
}

void KioskWindow::setEndButton(const QString &text)
{
    m_end->setText(text);
    m_end->setVisible(!text.isEmpty());
}

void KioskWindow::showPage(QWidget *page, const QString &hint)
{
    if (m_stack->indexOf(page) < 0)
        m_stack->addWidget(page);
    m_stack->setCurrentWidget(page);
    setHint(hint);
}

void KioskWindow::dropPage(QWidget *page)
{
    if (page && m_stack->indexOf(page) >= 0)
        m_stack->removeWidget(page);
}

QWidget *KioskWindow::currentPage() const
{
    return m_stack->currentWidget();
}

void KioskWindow::setHint(const QString &hint)
{
    m_hint->setText(hint);
    m_hint->setVisible(!hint.isEmpty());
}

QString KioskWindow::hint() const
{
    return m_hint->text();
}

void KioskWindow::closeEvent(QCloseEvent *event)
{
    // The window manager's close, Alt+F4 where a compositor forwards it, a stray close(): none leave the kiosk.
    if (m_closable)
        event->accept();
    else
        event->ignore();
}

void KioskWindow::keyPressEvent(QKeyEvent *event)
{
    // Esc would close a dialog-like top level; here it does nothing.
    if (event->key() == Qt::Key_Escape || (event->key() == Qt::Key_F4 && event->modifiers() & Qt::AltModifier)) {
        event->accept();
        return;
    }
    QWidget::keyPressEvent(event);
}

bool KioskWindow::event(QEvent *event)
{
    // The standard quit and close shortcuts (Ctrl+Q, Ctrl+W, Alt+F4) are taken before any page's shortcut sees them.
    if (event->type() == QEvent::ShortcutOverride) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->matches(QKeySequence::Quit) || key->matches(QKeySequence::Close)
            || (key->key() == Qt::Key_F4 && key->modifiers() & Qt::AltModifier)) {
            event->accept();
            return true;
        }
    }
    return QWidget::event(event);
}

void KioskWindow::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    m_overlay->setGeometry(rect());
    // Whether the compositor gave the whole output (cage does): said once, for the kiosk session's check.
    const QScreen *output = screen();
    if (output && !m_coverageTold && size() == output->geometry().size()) {
        m_coverageTold = true;
        emit coversScreen();
    }
}

} // namespace ncre
