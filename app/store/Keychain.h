#pragma once

#include "Result.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>
#include <optional>

namespace ncre {

// Secrets in the OS keychain (QtKeychain: Secret Service, macOS Keychain, Windows Credential Manager): the refresh
// token and the key that seals the local store. Never falls back to a plain file (no insecure fallback).
class Keychain : public QObject
{
    Q_OBJECT

public:
    explicit Keychain(QString service = QStringLiteral("NCRE Desk"), QObject *parent = nullptr);

    using ReadCallback = std::function<void(Result<std::optional<QByteArray>>)>; // nullopt: no such entry
    using WriteCallback = std::function<void(Result<void>)>;

    void write(const QString &key, const QByteArray &secret, const WriteCallback &done);
    void read(const QString &key, const ReadCallback &done);
    void remove(const QString &key, const WriteCallback &done);

    // The store's SecretBox key: read it, or create and save one on first use.
    void storeKey(const std::function<void(Result<QByteArray>)> &done);

private:
    QString m_service;
};

} // namespace ncre
