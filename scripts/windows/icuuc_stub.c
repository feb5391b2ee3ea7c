/*
 * icuuc.dll for the wine prefix of the Windows smoke test ONLY (never shipped in the bundle).
 *
 * Qt 6.10 and later (the PySide6 that msgdesk's Linux build uses) link Windows' own ICU,
 * icuuc.dll, which every Windows since 10 1903 has and wine 8 does not.  Qt6Core.dll imports
 * from it only the character-set converters (ucnv_*), which QStringConverter uses for
 * encodings other than the UTF ones and Latin-1 that Qt converts itself.  msgdesk reads and
 * writes UTF-8 only, so under wine this stub stands in for Windows' ICU: it knows no
 * converter (ucnv_open fails with U_FILE_ACCESS_ERROR, as ICU does for an unknown name),
 * and Qt reports such an encoding as unavailable.  On real Windows the system's icuuc.dll is
 * used; PyInstaller leaves DLLs of the Windows folder out of the bundle, which is why the
 * stub goes into the prefix's system32, not beside msgdesk.exe.
 *
 * Built by scripts/build_windows.sh with mingw-w64:
 *   x86_64-w64-mingw32-gcc -shared -O2 -o icuuc.dll icuuc_stub.c
 * (x64 Windows' calling convention lets a callee declare fewer parameters than its caller
 * passes, so the stubs name only the ones they use.)
 */
#include <stddef.h>
#include <stdint.h>

#define EXPORT __declspec(dllexport)
typedef int UErrorCode;
enum { U_ZERO_ERROR = 0, U_FILE_ACCESS_ERROR = 4, U_UNSUPPORTED_ERROR = 16 };

static void fail(UErrorCode *err, UErrorCode code)
{
    if (err && *err <= U_ZERO_ERROR)
        *err = code;
}

EXPORT void *ucnv_open(const char *name, UErrorCode *err) { (void)name; fail(err, U_FILE_ACCESS_ERROR); return NULL; }
EXPORT void ucnv_close(void *cnv) { (void)cnv; }
EXPORT void ucnv_reset(void *cnv) { (void)cnv; }
EXPORT int8_t ucnv_getMaxCharSize(const void *cnv) { (void)cnv; return 1; }
EXPORT const char *ucnv_getName(const void *cnv, UErrorCode *err) { (void)cnv; fail(err, U_UNSUPPORTED_ERROR); return NULL; }
EXPORT void ucnv_getToUCallBack(void) {}
EXPORT void ucnv_getFromUCallBack(void) {}
EXPORT void ucnv_setToUCallBack(void *a, void *b, void *c, void *d, void *e, UErrorCode *err)
{ (void)a; (void)b; (void)c; (void)d; (void)e; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_setFromUCallBack(void *a, void *b, void *c, void *d, void *e, UErrorCode *err)
{ (void)a; (void)b; (void)c; (void)d; (void)e; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void UCNV_FROM_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void UCNV_TO_U_CALLBACK_SUBSTITUTE(void) {}
EXPORT void ucnv_cbToUWriteUChars(void) {}
EXPORT void ucnv_cbFromUWriteUChars(void) {}
EXPORT void ucnv_toUnicode(void *a, void *b, void *c, void *d, void *e, void *f, int8_t flush, UErrorCode *err)
{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)flush; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT void ucnv_fromUnicode(void *a, void *b, void *c, void *d, void *e, void *f, int8_t flush, UErrorCode *err)
{ (void)a; (void)b; (void)c; (void)d; (void)e; (void)f; (void)flush; fail(err, U_UNSUPPORTED_ERROR); }
EXPORT int32_t ucnv_toUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT int32_t ucnv_fromUCountPending(const void *cnv, UErrorCode *err) { (void)cnv; (void)err; return 0; }
EXPORT const char *ucnv_getStandardName(const char *n, const char *s, UErrorCode *err)
{ (void)n; (void)s; (void)err; return NULL; }
EXPORT const char *ucnv_getAvailableName(int32_t n) { (void)n; return NULL; }
EXPORT int32_t ucnv_countAvailable(void) { return 0; }
