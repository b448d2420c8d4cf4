// The libmagic half of PhotoReader::sniff, built as a module (ncre-sniff-magic) loaded on the first file that is
// not a JPEG: libmagic, its compression libraries and its 7 MB database cost nothing to the common path (a JPEG is
// recognised by its own SOI and structure). The only file that includes magic.h.
#include <QtGlobal>

#include <magic.h>

#include <cstring>
#include <mutex>

// Writes the MIME type of `data` ("image/avif") into `mime` (NUL-terminated, at most `capacity` bytes); false when
// libmagic or its database is unavailable. Thread-safe.
extern "C" Q_DECL_EXPORT bool ncre_sniff_mime(const char *data, size_t size, char *mime, size_t capacity)
{
    static std::mutex mutex;
    static magic_t cookie = nullptr;
    static bool tried = false;
    std::lock_guard<std::mutex> lock(mutex);
    if (!tried) {
        tried = true;
        cookie = magic_open(MAGIC_MIME_TYPE | MAGIC_ERROR | MAGIC_NO_CHECK_COMPRESS | MAGIC_NO_CHECK_ELF
                            | MAGIC_NO_CHECK_TAR | MAGIC_NO_CHECK_ENCODING);
        if (cookie && magic_load(cookie, nullptr) != 0) {
            magic_close(cookie);
            cookie = nullptr;
        }
    }
    if (!cookie || capacity == 0)
        return false;
    const char *type = magic_buffer(cookie, data, size);
    if (!type)
        return false;
    std::strncpy(mime, type, capacity - 1);
    mime[capacity - 1] = 0;
    return true;
}
