#include "Keychain.h"
#include "SecretBox.h"

#include <QEventLoop>
#include <QTest>

using namespace ncre;

// Against a real Secret Service (gnome-keyring in a private D-Bus session: tests/keychain-session.sh).
class TestKeychain : public QObject
{
    Q_OBJECT

private:
    template<typename T, typename Call>
    static T wait(Call call)
    {
        std::optional<T> result;
        QEventLoop loop;
        call([&](T value) {
            result.emplace(std::move(value));
            loop.quit();
        });
        if (!result)
            loop.exec();
        return std::move(*result);
    }

private slots:
    void testWriteReadRemove()
    {
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        const QByteArray secret("\x00\x01refresh-token\xff", 17);
        QVERIFY(wait<Result<void>>([&](auto cb) { keychain.write("refresh-token", secret, cb); }).ok());
        const auto read = wait<Result<std::optional<QByteArray>>>([&](auto cb) { keychain.read("refresh-token", cb); });
        QVERIFY(read.ok());
        QCOMPARE(read.value().value(), secret);
        QVERIFY(wait<Result<void>>([&](auto cb) { keychain.remove("refresh-token", cb); }).ok());
        const auto gone = wait<Result<std::optional<QByteArray>>>([&](auto cb) { keychain.read("refresh-token", cb); });
        QVERIFY(gone.ok());
        QVERIFY(!gone.value().has_value());
        // Removing what is not there is not an error.
        QVERIFY(wait<Result<void>>([&](auto cb) { keychain.remove("refresh-token", cb); }).ok());
    }

    void testStoreKeyIsCreatedOnceAndKept()
    {
        Keychain keychain(QStringLiteral("NCRE Desk test"));
        const auto first = wait<Result<QByteArray>>([&](auto cb) { keychain.storeKey(cb); });
        QVERIFY(first.ok());
        QCOMPARE(first.value().size(), SecretBox::kKeyBytes);
        Keychain again(QStringLiteral("NCRE Desk test"));
        const auto second = wait<Result<QByteArray>>([&](auto cb) { again.storeKey(cb); });
        QCOMPARE(second.value(), first.value());
    }
};

QTEST_GUILESS_MAIN(TestKeychain)
#include "TestKeychain.moc"
