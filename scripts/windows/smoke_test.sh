#!/usr/bin/env bash
# The Windows smoke test, under wine, of the app scripts/build_windows.sh built:
#
#     bash scripts/windows/smoke_test.sh      # after bash scripts/build_windows.sh
#
#  1. msgdesk-cli.exe selfcheck
#  2. import the North Ayrshire example into a database in a folder whose name has spaces
#     and non-ASCII letters; list it
#  3. export PDF, Word and Excel, and read them back on Linux (pdfplumber, python-docx,
#     openpyxl from .venv)
#  4. msgdesk.exe (the windowed program, Qt offscreen) starts, opens the round, exits 0,
#     and its log lands in %LOCALAPPDATA%
#  5. tests/test_windows_files.py with the embedded Windows Python (pytest installed for it
#     beside the build's packages): the Windows-only behaviours on Windows' own code paths,
#     with drive N: made a network drive and Documents redirected onto it
#  6. the installer: silent per-user install into %LOCALAPPDATA%\Programs\msgdesk, the
#     installed msgdesk-cli.exe runs, a Start-menu entry exists; silent uninstall removes it
# Exits non-zero, saying which step, at the first failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
source scripts/windows/wine_env.sh
APP="$ROOT/dist/msgdesk-windows"
LINUX_PY="${LINUX_PY:-$ROOT/.venv/bin/python}"
PARTNERSHIP="North Ayrshire Health and Social Care Partnership"
[ -f "$APP/msgdesk-cli.exe" ] || { echo "smoke_test: no $APP/msgdesk-cli.exe: run scripts/build_windows.sh" >&2; exit 1; }
started=$SECONDS
step() { printf '[windows smoke %4ds] %s\n' "$((SECONDS - started))" "$*"; }
fail() { echo "windows smoke test FAILED: $*" >&2; exit 1; }

WORK="$(mktemp -d /tmp/msgdesk-wine.XXXXXX)"
USER_DIRS='HKCU\Software\Microsoft\Windows\CurrentVersion\Explorer\User Shell Folders'
cleanup() {
  # Put the prefix back as it was: Documents in the profile, no N: drive.
  "$WINE" reg add "$USER_DIRS" /v Personal /t REG_EXPAND_SZ /d '%USERPROFILE%\Documents' /f >/dev/null 2>&1 || true
  rm -f "$WINEPREFIX/dosdevices/n:"
  "$WINE" reg delete 'HKLM\Software\Wine\Drives' /v 'n:' /f >/dev/null 2>&1 || true
  wineserver -k >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT
wine_env() { "$WINE" cmd /c echo "%$1%" 2>/dev/null | tr -d '\r'; }
LOCALAPPDATA_WIN="$(wine_env LOCALAPPDATA)"
LOCALAPPDATA_UNIX="$("$WINE" winepath -u "$LOCALAPPDATA_WIN" 2>/dev/null | tr -d '\r')"
[ -d "$LOCALAPPDATA_UNIX" ] || fail "%LOCALAPPDATA% ($LOCALAPPDATA_WIN) is not a folder"
# Standard streams: stdin from /dev/null, stdout and stderr through pipes.  Under wine 8 a
# frozen program whose stream is a closed descriptor or a plain Linux file gets an invalid
# handle and stops at start-up ("can't initialize sys standard streams"); a pipe works.
cli() { "$WINE" "$APP/msgdesk-cli.exe" "$@" </dev/null 2> >(tr -d '\r' >"$WORK/stderr.txt") | tr -d '\r'; }

# --- 1. selfcheck -------------------------------------------------------------------------------
step "msgdesk-cli.exe selfcheck"
cli selfcheck >"$WORK/selfcheck.txt" || { cat "$WORK/selfcheck.txt" "$WORK/stderr.txt"; fail "selfcheck"; }
sed 's/^/    /' "$WORK/selfcheck.txt"

# --- 2. import and list, in a folder named with spaces and non-ASCII letters ------------------------------
DATA="$WORK/Équipe santé – données 2026"
mkdir -p "$DATA/exports"
DB="$(winpath "$DATA")\\msgdesk.db"
step "import the example into $DB"
cli --db "$DB" import "$(winpath "$ROOT/resources/examples/north-ayrshire-2019.json")" \
  || { cat "$WORK/stderr.txt"; fail "import"; }
[ -f "$DATA/msgdesk.db" ] || fail "no database at $DATA/msgdesk.db"
cli --db "$DB" list >"$WORK/list.txt" || { cat "$WORK/stderr.txt"; fail "list"; }
sed 's/^/    /' "$WORK/list.txt"
grep -q "North Ayrshire" "$WORK/list.txt" || fail "list does not show the imported round"

# --- 3. exports, read back on Linux -------------------------------------------------------------------
OUT="$(winpath "$DATA/exports")"
step "export PDF, Word and Excel"
cli --db "$DB" export -p "$PARTNERSHIP" -r 2019 --pdf "$OUT\\Appendix 1.pdf" --docx "$OUT\\Appendix 1.docx" \
  --xlsx "$OUT\\Return 2019.xlsx" || { cat "$WORK/stderr.txt"; fail "export"; }
"$LINUX_PY" - "$DATA/exports" <<'PY' || fail "the exports do not read back"
import sys
from pathlib import Path

import docx
import openpyxl
import pdfplumber

folder = Path(sys.argv[1])
with pdfplumber.open(folder / "Appendix 1.pdf") as pdf:
    text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    pages = len(pdf.pages)
assert "North Ayrshire" in text and "Proposal 6.3" in text, "PDF text"
document = docx.Document(str(folder / "Appendix 1.docx"))
body = "\n".join(p.text for p in document.paragraphs) + "\n".join(
    cell.text for table in document.tables for row in table.rows for cell in row.cells)
header = "\n".join(p.text for s in document.sections for p in s.header.paragraphs)
assert "North Ayrshire" in header + body and "6.3" in body, "Word text"
workbook = openpyxl.load_workbook(folder / "Return 2019.xlsx", read_only=True)
cells = [str(c) for ws in workbook.worksheets for row in ws.iter_rows(values_only=True) for c in row if c]
assert any("North Ayrshire" in c for c in cells), "Excel cells"
print(f"    read back on Linux: PDF {pages} pages, Word {len(document.paragraphs)} paragraphs, "
      f"Excel {len(workbook.worksheets)} sheets / {len(cells)} cells")
PY

# --- 4. the window ------------------------------------------------------------------------------------
step "msgdesk.exe (offscreen): start, open the round, exit 0"
# The name recorded with each change is asked at the first start: answered beforehand, as
# IT would through policy (QSettings on Windows is the registry).
"$WINE" reg add 'HKCU\Software\msgdesk\msgdesk\user' /v name /d "Smoke Test" /f >/dev/null 2>&1
LOG="$LOCALAPPDATA_UNIX/msgdesk/msgdesk/Logs/msgdesk.log"
rc=0
MSGDESK_SMOKE_TEST=1 QT_QPA_PLATFORM=offscreen timeout 300 "$WINE" "$APP/msgdesk.exe" --db "$DB" \
  </dev/null 2>&1 | tr -d '\r' >"$WORK/gui.txt" || rc=$?
[ "$rc" = 0 ] || { tail -20 "$WORK/gui.txt"; tail -20 "$LOG" 2>/dev/null; fail "msgdesk.exe exited $rc"; }
[ -f "$LOG" ] || fail "no log in %LOCALAPPDATA%: expected $LOG"
grep "smoke test: window" "$LOG" | tail -1 | sed 's/^/    /'
grep "smoke test: window" "$LOG" | tail -1 | grep -q "North Ayrshire" || fail "the window did not open the round"
echo "    log: $LOCALAPPDATA_WIN\\msgdesk\\msgdesk\\Logs\\msgdesk.log"

# --- 5. the Windows-only behaviours, with the embedded Windows Python ------------------------------------
TESTSITE="$CACHE/test-site"
if [ ! -f "$TESTSITE/.done" ]; then
  step "pytest for the Windows Python"
  rm -rf "$TESTSITE"
  # colorama: pytest's dependency on Windows only (a marker pip on Linux skips)
  python3 -m pip install -q --disable-pip-version-check --platform win_amd64 --python-version 3.13 \
    --implementation cp --only-binary=:all: --target "$TESTSITE" pytest pytest-timeout colorama
  touch "$TESTSITE/.done"
fi
# Drive N: is a network drive (wine reports a drive's type from its registry), and the
# officer's Documents is redirected onto it, as on council laptops.
mkdir -p "$WORK/share/Documents"
ln -sfn "$WORK/share" "$WINEPREFIX/dosdevices/n:"
"$WINE" reg add 'HKLM\Software\Wine\Drives' /v 'n:' /d network /f >/dev/null 2>&1
"$WINE" reg add "$USER_DIRS" /v Personal /t REG_EXPAND_SZ /d 'N:\Documents' /f >/dev/null 2>&1
wineserver -k >/dev/null 2>&1 || true  # the drive table is read when wine starts
step "tests/test_windows_files.py on Windows Python $(basename "$PYDIR") under wine"
MSGDESK_TEST_NETWORK_DRIVE="N:" QT_QPA_PLATFORM=offscreen "$WINE" "$PYDIR/python.exe" -c \
  "import sys; sys.path.insert(0, r'$(winpath "$TESTSITE")'); import pytest; sys.exit(pytest.main(sys.argv[1:]))" \
  tests/test_windows_files.py -o "addopts=-ra" -q -p no:cacheprovider -rs </dev/null 2>&1 | tr -d '\r' | tee "$WORK/pytest.txt" \
  | grep -v -e ':fixme:' -e ':err:'
grep -qE "^[0-9]+ passed" "$WORK/pytest.txt" && ! grep -qE "[0-9]+ (failed|error)" "$WORK/pytest.txt" \
  || fail "tests/test_windows_files.py under wine"

# --- 6. the installer --------------------------------------------------------------------------------
SETUP="$(ls "$ROOT"/dist/msgdesk-*-windows.exe | head -1)"
step "installer $(basename "$SETUP"): silent per-user install"
"$WINE" "$SETUP" /S >/dev/null 2>&1 || fail "the installer exited non-zero"
wineserver -w || true
INSTALLED="$LOCALAPPDATA_UNIX/Programs/msgdesk"
[ -f "$INSTALLED/msgdesk-cli.exe" ] || fail "not installed in %LOCALAPPDATA%\\Programs\\msgdesk"
"$WINE" "$INSTALLED/msgdesk-cli.exe" --version </dev/null 2>/dev/null | tr -d '\r' | grep -q "^msgdesk " \
  || fail "the installed msgdesk-cli.exe does not run"
APPDATA_UNIX="$("$WINE" winepath -u "$(wine_env APPDATA)" 2>/dev/null | tr -d '\r')"
[ -f "$APPDATA_UNIX/Microsoft/Windows/Start Menu/Programs/msgdesk.lnk" ] || fail "no Start-menu entry"
"$WINE" reg query 'HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\msgdesk' >/dev/null 2>&1 \
  || fail "no uninstall entry under HKCU"
"$WINE" "$INSTALLED/uninstall.exe" /S >/dev/null 2>&1 || true
sleep 3; wineserver -w || true
[ ! -e "$INSTALLED/msgdesk-cli.exe" ] || fail "the uninstaller left msgdesk-cli.exe"
[ ! -e "$APPDATA_UNIX/Microsoft/Windows/Start Menu/Programs/msgdesk.lnk" ] || fail "the uninstaller left the shortcut"
[ -f "$LOG" ] || fail "the uninstaller removed the user's data folder"
"$WINE" reg query 'HKCU\Software\msgdesk\msgdesk\user' /v name >/dev/null 2>&1 \
  || fail "the uninstaller removed the user's settings"
echo "    installed, ran, uninstalled (the user's data, log and settings stay)"

step "passed: the Windows app under wine (PySide6 $(ls "$SITE" | sed -n 's/^pyside6_essentials-\(.*\)\.dist-info$/\1/p'), Python $PY_EMBED_VERSION)"
