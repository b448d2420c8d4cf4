// The Poppler half of PdfDocument, built as a module (ncre-pdf-poppler) loaded when the first PDF is opened or
// verified: the only file that includes poppler-qt6.h.
#include "PdfBackend.h"

#include <poppler-qt6.h>

#include <memory>

namespace ncre {

namespace {

class PopplerPages final : public PdfPages
{
public:
    explicit PopplerPages(std::unique_ptr<Poppler::Document> document)
        : m_document(std::move(document))
    {
        m_document->setRenderHint(Poppler::Document::Antialiasing);
        m_document->setRenderHint(Poppler::Document::TextAntialiasing);
    }
    bool isLocked() const override { return m_document->isLocked(); }
    int pageCount() const override { return m_document->numPages(); }
    QSizeF pageSize(int page) const override
    {
        if (page < 0 || page >= m_document->numPages())
            return {};
        const std::unique_ptr<Poppler::Page> p = m_document->page(page);
        return p ? p->pageSizeF() : QSizeF();
    }
    QImage render(int page, double dpi) const override
    {
        if (page < 0 || page >= m_document->numPages())
            return {};
        const std::unique_ptr<Poppler::Page> p = m_document->page(page);
        return p ? p->renderToImage(dpi, dpi) : QImage();
    }

private:
    std::unique_ptr<Poppler::Document> m_document;
};

} // namespace

} // namespace ncre

extern "C" Q_DECL_EXPORT ncre::PdfPages *ncre_pdf_load(const QByteArray &bytes)
{
    std::unique_ptr<Poppler::Document> document = Poppler::Document::loadFromData(bytes);
    return document ? new ncre::PopplerPages(std::move(document)) : nullptr;
}
