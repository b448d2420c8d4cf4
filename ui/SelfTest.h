#pragma once

#include <QString>
#include <QStringList>

namespace ncre {

// `ncre-desk --self-test`: whether this installation is whole, for packagers, site staff and support. Each module
// (libcurl transfers, Poppler PDFs, OpenCV faces, libmagic sniffing) is loaded from where the program finds it, a
// PDF page is written and rendered through Poppler, and the face model answers. Prints one line per check
// ("ok   pdf: rendered 1 page at 72 dpi", "FAIL face: module ... not found: ...") and returns the process exit
// code: 0 when all pass, 1 otherwise.
class SelfTest
{
public:
    static int run(QStringList *lines);
};

} // namespace ncre
