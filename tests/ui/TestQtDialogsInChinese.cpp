#include "Translations.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QLabel>
#include <QMessageBox>
#include <QPrintDialog>
#include <QPrinter>
#include <QPushButton>
#include <QRegularExpression>
#include <QTest>
#include <QToolButton>

using namespace ncre;

// In the Chinese interface, the dialogs Qt itself draws (the file dialog the photo page opens, the print dialog of
// the documents page, message boxes and their buttons) are Chinese too (issue 13): Translations installs Qt's own
// translations with NCRE Desk's. Every visible text of each dialog is scanned for English words.
class TestQtDialogsInChinese : public QObject
{
    Q_OBJECT

private:
    Translations m_translations;

    // English words (three or more Latin letters) in the texts a user reads in `dialog`, except names that stay
    // as they are (file types, paths).
    static QStringList englishIn(QWidget *dialog)
    {
        static const QRegularExpression word(QStringLiteral("\\b[A-Za-z]{3,}\\b"));
        static const QStringList kept = {QStringLiteral("JPEG"), QStringLiteral("jpg"), QStringLiteral("jpeg"),
                                         QStringLiteral("png"), QStringLiteral("PDF"), QStringLiteral("pdf"),
                                         QStringLiteral("tmp"), QStringLiteral("root"), QStringLiteral("CUPS"),
                                         QStringLiteral("NCRE"), QStringLiteral("Desk")};
        QStringList texts;
        for (QLabel *l : dialog->findChildren<QLabel *>())
            if (l->isVisibleTo(dialog))
                texts << l->text();
        for (QAbstractButton *b : dialog->findChildren<QAbstractButton *>())
            if (b->isVisibleTo(dialog) && !qobject_cast<QToolButton *>(b))
                texts << b->text();
        for (QComboBox *c : dialog->findChildren<QComboBox *>())
            if (c->isVisibleTo(dialog) && !c->isEditable())
                texts << c->currentText();
        texts << dialog->windowTitle();
        QStringList english;
        for (QString t : texts) {
            t.remove(QRegularExpression(QStringLiteral("\\([^)]*\\*[^)]*\\)"))); // "(*.jpg *.png)" file patterns
            t.remove(QRegularExpression(QStringLiteral("/[^ ]*")));            // paths
            for (auto it = word.globalMatch(t); it.hasNext();) {
                const QString w = it.next().captured();
                if (!kept.contains(w))
                    english << t;
            }
        }
        english.removeDuplicates();
        return english;
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(m_translations.install(QStringLiteral("zh_CN")), "qtbase_zh_CN missing: install qt6-translations-l10n");
    }

    void testFileDialog()
    {
        QFileDialog dialog(nullptr, QStringLiteral("选择照片"), QDir::tempPath(),
                           QStringLiteral("照片 (*.jpg *.jpeg *.png)"));
        dialog.setOption(QFileDialog::DontUseNativeDialog); // the dialog Qt draws, as on a machine without a portal
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList english = englishIn(&dialog);
        QVERIFY2(english.isEmpty(), qPrintable(english.join(" | ")));
    }

    void testMessageBoxButtons()
    {
        QMessageBox box(QMessageBox::Question, QStringLiteral("NCRE Desk"), QStringLiteral("确认？"),
                        QMessageBox::Ok | QMessageBox::Cancel | QMessageBox::Close | QMessageBox::Yes | QMessageBox::No);
        box.show();
        QVERIFY(QTest::qWaitForWindowExposed(&box));
        const QStringList english = englishIn(&box);
        QVERIFY2(english.isEmpty(), qPrintable(english.join(" | ")));
        QCOMPARE(box.button(QMessageBox::Ok)->text().remove(QLatin1Char('&')).left(2), QStringLiteral("确定"));
    }

    void testPrintDialog()
    {
        QPrinter printer;
        QPrintDialog dialog(&printer);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        const QStringList english = englishIn(&dialog);
        QVERIFY2(english.isEmpty(), qPrintable(english.join(" | ")));
    }
};

QTEST_MAIN(TestQtDialogsInChinese)
#include "TestQtDialogsInChinese.moc"
