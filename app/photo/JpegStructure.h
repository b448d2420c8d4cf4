#pragma once

#include "Result.h"

#include <QIODevice>
#include <QSize>
#include <QString>

namespace ncre {

// A JPEG's marker structure (ITU-T T.81 Annex B), walked segment by segment and scan by scan without decoding:
// which process codes it (the SOFn marker: T.81 Table B.1), its sample precision, where its EOI is and what follows
// it. This is the authority for "complete or cut off" (no EOI after the last scan) and for "what is not part of the
// picture" (anything after EOI: a phone's motion-photo video, an appended thumbnail, padding).
struct JpegStructure
{
    int sofMarker = 0;      // 0xC0-0xCF (not C4/C8/CC); 0 when the file has no frame header
    int precision = 0;      // sample precision in bits (8 or 12; 2-16 for lossless)
    int components = 0;
    QSize size;             // from the frame header
    bool hierarchical = false; // a DHP marker or a differential SOF (C5-C7, CD-CF)
    qint64 fileBytes = 0;
    qint64 imageEnd = -1;   // offset just past the EOI that closes the last scan; -1 when the scans are not closed
    qint64 metadataBytes = 0; // in APPn and COM segments (EXIF, XMP, ICC profiles, comments, padding)
    int scans = 0;           // SOS segments: 1 for a baseline JPEG, about 10 for a progressive one from an encoder

    bool truncated() const { return imageEnd < 0; }
    qint64 trailingBytes() const { return truncated() ? 0 : fileBytes - imageEnd; }
    // The picture's own bytes: the file without what follows the EOI and without metadata segments (what a server
    // that keeps only the picture stores).
    qint64 pictureBytes() const { return (truncated() ? fileBytes : imageEnd) - metadataBytes; }
    bool arithmetic() const { return sofMarker >= 0xC9 && sofMarker <= 0xCF; }
    bool lossless() const { return sofMarker == 0xC3 || sofMarker == 0xC7 || sofMarker == 0xCB || sofMarker == 0xCF; }
    bool progressive() const { return sofMarker == 0xC2 || sofMarker == 0xC6 || sofMarker == 0xCA || sofMarker == 0xCE; }
    // Baseline (SOF0), extended sequential (SOF1) or progressive (SOF2) Huffman coding at 8 bits: what every
    // browser, image viewer and the staff's review screen display. Anything else is legal JPEG that many cannot.
    bool widelySupported() const;
    // Why it is not widely supported, in English for logs and details ("arithmetic coding", "12-bit samples", ...);
    // empty when it is.
    QString unsupportedFeature() const;

    // Scans beyond which a JPEG is not decoded at all: each scan of a progressive JPEG is a pass over the whole
    // picture, so thousands of tiny scans make a small file that takes minutes to decode (a decompression bomb).
    // Encoders write at most a few dozen (libjpeg's progressive script: 10).
    static constexpr int kMaxScans = 100;
};

// Walks the JPEG in `device` (open, seekable; read from its start, in 64 KB blocks, never held whole). Fails with
// photo.decode when it does not start with SOI or a segment's length runs past the end of the file. A file that
// ends before its EOI is not an error here: the structure says truncated().
Result<JpegStructure> readJpegStructure(QIODevice *device);
Result<JpegStructure> readJpegStructure(const QByteArray &bytes);

} // namespace ncre
