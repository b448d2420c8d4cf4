#pragma once

#include "Exam.h"
#include "Meta.h"
#include "Site.h"
#include "Subject.h"

#include <QList>
#include <optional>

namespace ncre::server {

class Database;

// Reads the exam, its sites and subjects and the bulletins from the database, through the domain codecs: what the
// API serves is exactly what the contract's schemas describe.
class Catalog
{
public:
    explicit Catalog(Database &db)
        : m_db(db)
    {
    }

    std::optional<Exam> currentExam();
    QList<Site> sites(const QString &examId);
    std::optional<Site> site(const QString &siteId);
    QList<Subject> subjects(const QString &siteId);
    QList<Bulletin> bulletins(BulletinKind kind);
    // Changes whenever seats left at the site change: the subjects resource's ETag.
    QByteArray subjectsEtag(const QString &siteId);

private:
    Database &m_db;
};

} // namespace ncre::server
