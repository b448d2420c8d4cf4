#include "Keychain.h"
#include "SecretBox.h"

#include <QEventLoop>
#include "AsyncWait.h"

#include <QTest>

using namespace ncre;

// Against a real Secret Service (gnome-keyring in a private D-Bus session: tests/keychain-session.sh).
class TestKeychain : public QObject
{
    Q_OBJECT

private:

private slots:
    void testWriteReadRemove()
    {
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        const QByteArray secret("\x00\x01refresh-token\xff", 17);
        QVERIFY(waitFor<Result<void>>([&](auto cb) { keychain.write("refresh-token", secret, cb); }).ok());
        const auto read = waitFor<Result<std::optional<QByteArray>>>([&](auto cb) { keychain.read("refresh-token", cb); });
        QVERIFY(read.ok());
        QCOMPARE(read.value().value(), secret);
        QVERIFY(waitFor<Result<void>>([&](auto cb) { keychain.remove("refresh-token", cb); }).ok());
        const auto gone = waitFor<Result<std::optional<QByteArray>>>([&](auto cb) { keychain.read("refresh-token", cb); });
        QVERIFY(gone.ok());
        QVERIFY(!gone.value().has_value());
        // Removing what is not there is not an error.
        QVERIFY(waitFor<Result<void>>([&](auto cb) { keychain.remove("refresh-token", cb); }).ok());
    }

    void testStoreKeyIsCreatedOnceAndKept()
    {
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        const auto first = waitFor<Result<QByteArray>>([&](auto cb) { keychain.storeKey(cb); });
        QVERIFY(first.ok());
        QCOMPARE(first.value().size(), SecretBox::kKeyBytes);
        Keychain again(QStringLiteral("NCRE Desk test"));
        const auto second = waitFor<Result<QByteArray>>([&](auto cb) { again.storeKey(cb); });
        QCOMPARE(second.value(), first.value());
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "TestKeychain.moc"
