// libFuzzer target over the domain's parsers: every JSON codec (strict and lenient) and the document-number parser.
// Invariants checked, beyond "no crash": whatever a codec accepts, it re-encodes to JSON that it accepts again
// and that encodes identically; whatever the ID parser accepts has a valid check character.
#include "Account.h"
#include "DocumentNumber.h"
#include "Exam.h"
#include "Meta.h"
#include "PhotoSpec.h"
#include "Problem.h"
#include "Registration.h"
#include "Review.h"
#include "Site.h"
#include "Subject.h"

#include <QJsonDocument>

#include <cstdint>
#include <cstdlib>

using namespace ncre;

namespace {

template<typename T>
void roundTrip(const QJsonObject &object, JsonStrictness strictness)
{
    const Result<T> first = T::fromJson(object, strictness);
    if (!first)
        return;
    const QJsonObject encoded = first->toJson();
    const Result<T> second = T::fromJson(encoded, JsonStrictness::Strict);
    if (!second || second->toJson() != encoded)
        abort(); // the codec produced something it does not accept, or is not stable
}

void fuzzCodecs(const QJsonObject &o, JsonStrictness s)
{
    roundTrip<Registration>(o, s);
    roundTrip<Exam>(o, s);
    roundTrip<Site>(o, s);
    roundTrip<Subject>(o, s);
    roundTrip<PaymentOrder>(o, s);
    roundTrip<Meta>(o, s);
    roundTrip<Captcha>(o, s);
    roundTrip<Bulletin>(o, s);
    roundTrip<PhotoSpec>(o, s);
    roundTrip<Problem>(o, s);
    roundTrip<Session>(o, s);
    roundTrip<LoginRequest>(o, s);
    roundTrip<AccountRegistration>(o, s);
    roundTrip<ReviewDecision>(o, s);
    roundTrip<ReviewQueueItem>(o, s);
    roundTrip<Profile>(o, s);
}

void fuzzDocumentNumbers(const QString &text)
{
    const QDate today(2026, 11, 25);
    for (const auto type : {DocumentType::ResidentId, DocumentType::HkMacauPermit, DocumentType::TaiwanPermit,
                            DocumentType::HmtResidencePermit, DocumentType::Passport,
                            DocumentType::ForeignPermanentResidentId}) {
        const Result<DocumentInfo> r = DocumentNumber::parse(type, text, today);
        if (!r)
            continue;
        const QString &n = r->normalized;
        if (n.size() == 18 && DocumentNumber::checkCharacter(QStringView(n).first(17)) != n.at(17))
            abort();
        if (r->birthDate && *r->birthDate > today)
            abort();
        // Parsing is idempotent on the normalised form.
        const Result<DocumentInfo> again = DocumentNumber::parse(type, n, today);
        if (!again || again->normalized != n)
            abort();
    }
    (void)DocumentNumber::mask(text);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 64 * 1024)
        return 0;
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const Result<QJsonObject> object = JsonReader::parseObject(bytes);
    if (object) {
        fuzzCodecs(*object, JsonStrictness::Strict);
        fuzzCodecs(*object, JsonStrictness::Lenient);
    }
    if (size <= 64)
        fuzzDocumentNumbers(QString::fromUtf8(bytes));
    return 0;
}
