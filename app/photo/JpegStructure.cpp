#include "JpegStructure.h"

#include <QBuffer>

#include <cstring>

namespace ncre {

namespace {

// Bytes from a device in 64 KB blocks, with the offset of each.
class ByteReader
{
public:
    explicit ByteReader(QIODevice *device)
        : m_device(device)
    {
    }

    // The next byte, or -1 at the end of the file.
    int next()
    {
        if (m_pos == m_block.size() && !refill())
            return -1;
        return uchar(m_block.at(m_pos++));
    }
    // Skips `count` bytes; false when the file ends first.
    bool skip(qint64 count)
    {
        while (count > 0) {
            if (m_pos == m_block.size() && !refill())
                return false;
            const qint64 step = qMin<qint64>(count, m_block.size() - m_pos);
            m_pos += step;
            count -= step;
        }
        return true;
    }
    // Advances to the next 0xFF byte (consumed); false at the end of the file. memchr over each block: entropy-coded
    // data is most of the file.
    bool findFF()
    {
        for (;;) {
            if (m_pos == m_block.size() && !refill())
                return false;
            const char *from = m_block.constData() + m_pos;
            const void *hit = std::memchr(from, 0xFF, size_t(m_block.size() - m_pos));
            if (hit) {
                m_pos += static_cast<const char *>(hit) - from + 1;
                return true;
            }
            m_pos = m_block.size();
        }
    }
    qint64 offset() const { return m_blockStart + m_pos; }

private:
    bool refill()
    {
        m_blockStart += m_block.size();
        m_block = m_device->read(64 * 1024);
        m_pos = 0;
        return !m_block.isEmpty();
    }

    QIODevice *m_device;
    QByteArray m_block;
    qsizetype m_pos = 0;
    qint64 m_blockStart = 0;
};

Error damaged(const char *why)
{
    return Error(ErrorCode::PhotoDecode, {}, QString::fromLatin1(why));
}

} // namespace

bool JpegStructure::widelySupported() const
{
    return unsupportedFeature().isEmpty();
}

QString JpegStructure::unsupportedFeature() const
{
    if (sofMarker == 0)
        return QStringLiteral("no frame header");
    if (hierarchical)
        return QStringLiteral("hierarchical coding");
    if (lossless())
        return QStringLiteral("lossless coding");
    if (arithmetic())
        return QStringLiteral("arithmetic coding");
    if (precision != 8)
        return QStringLiteral("%1-bit samples").arg(precision);
    return {};
}

Result<JpegStructure> readJpegStructure(QIODevice *device)
{
    if (!device || !device->isOpen() || device->isSequential() || !device->seek(0))
        return damaged("not a readable file");
    JpegStructure s;
    s.fileBytes = device->size();
    ByteReader in(device);
    if (in.next() != 0xFF || in.next() != 0xD8)
        return damaged("no SOI");
    bool scanned = false; // a scan (SOS and its entropy-coded data) was read
    int marker = -1;      // the marker found at the end of the last scan's data, if any
    for (;;) {
        if (marker < 0) {
            // Between segments: a marker, optionally preceded by fill bytes (0xFF).
            int b = in.next();
            if (b != 0xFF) {
                if (b < 0)
                    break; // the file ends between segments: no EOI
                return damaged("data where a marker belongs");
            }
            do
                b = in.next();
            while (b == 0xFF);
            if (b < 0)
                break;
            marker = b;
        }
        const int m = marker;
        marker = -1;
        if (m == 0xD9) { // EOI
            if (!scanned)
                return damaged("EOI before any scan");
            s.imageEnd = in.offset();
            break;
        }
        if (m == 0x01 || (m >= 0xD0 && m <= 0xD7))
            continue; // TEM, RSTn: no length
        if (m == 0xD8 || m == 0x00)
            return damaged("marker out of place");
        const int hi = in.next(), lo = in.next();
        if (hi < 0 || lo < 0)
            break;
        const int length = (hi << 8) | lo;
        if (length < 2)
            return damaged("segment length below 2");
        const bool sof = m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
        if (m == 0xDE)
            s.hierarchical = true; // DHP
        if (sof) {
            if (length < 8)
                return damaged("short frame header");
            // In a hierarchical file every frame has its own SOF; the first names the process.
            if (s.sofMarker == 0) {
                s.sofMarker = m;
                s.precision = in.next();
                const int h1 = in.next(), h0 = in.next(), w1 = in.next(), w0 = in.next();
                s.components = in.next();
                // The file may end inside the frame header (next() answers -1): nothing to shift then (found by
                // the photo fuzzer under UndefinedBehaviorSanitizer).
                if (h1 < 0 || h0 < 0 || w1 < 0 || w0 < 0 || s.components < 0)
                    break;
                s.size = QSize((w1 << 8) | w0, (h1 << 8) | h0);
                if (!in.skip(length - 8))
                    break;
            } else if (!in.skip(length - 2)) {
                break;
            }
            if (m == 0xC5 || m == 0xC6 || m == 0xC7 || m == 0xCD || m == 0xCE || m == 0xCF)
                s.hierarchical = true;
            continue;
        }
        if ((m >= 0xE0 && m <= 0xEF) || m == 0xFE)
            s.metadataBytes += 2 + length; // APPn, COM: marker and segment
        if (!in.skip(length - 2))
            break;
        if (m != 0xDA)
            continue;
        if (s.sofMarker == 0)
            return damaged("scan before the frame header");
        // Entropy-coded data runs to the next marker that is not a stuffed zero or a restart marker.
        scanned = true;
        ++s.scans;
        for (;;) {
            if (!in.findFF())
                break;
            int b = in.next();
            while (b == 0xFF)
                b = in.next();
            if (b < 0)
                break;
            if (b == 0x00 || (b >= 0xD0 && b <= 0xD7))
                continue;
            marker = b;
            break;
        }
        if (marker < 0)
            break; // the file ended inside the scan
    }
    device->seek(0);
    return s;
}

Result<JpegStructure> readJpegStructure(const QByteArray &bytes)
{
    QByteArray copy = bytes; // QBuffer wants a non-const array; the copy shares the data
    QBuffer buffer(&copy);
    buffer.open(QIODevice::ReadOnly);
    return readJpegStructure(&buffer);
}

} // namespace ncre
