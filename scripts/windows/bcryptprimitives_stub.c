/* bcryptprimitives.dll for wine 8, in the wine prefix only (never shipped).
 *
 * Programs built with Rust 1.78 and later (typst's compiler inside the `typst` wheel among
 * them) import ProcessPrng from bcryptprimitives.dll, which Windows 10 and 11 have and
 * Debian's wine 8 does not: without it `import typst` fails ("DLL load failed") under wine,
 * and so would every PDF in the smoke test.  ProcessPrng fills a buffer with random bytes
 * and always succeeds; the system's preferred generator (BCryptGenRandom, which wine has)
 * does the same.  Real Windows uses its own DLL: build_windows.sh refuses a bundle that
 * carries this one.
 */
#include <windows.h>
#include <bcrypt.h>

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length)
{
    while (length > 0) {
        ULONG chunk = length > 0x40000000 ? 0x40000000 : (ULONG)length;
        if (BCryptGenRandom(NULL, data, chunk, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0)
            return FALSE;
        data += chunk;
        length -= chunk;
    }
    return TRUE;
}
