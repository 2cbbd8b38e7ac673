"""LibreOffice for the tests: a document converted headless (to PDF, or a workbook opened,
recalculated and saved again), in a profile of its own so that runs never share state."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

# Recalculate every formula of an .xlsx on load (LibreOffice keeps the cached values
# by default, and XlsxWriter's may be stale).
_RECALCULATE = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<oor:items xmlns:oor="http://openoffice.org/2001/registry" '
    'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
    '<item oor:path="/org.openoffice.Office.Calc/Formula/Load">'
    '<prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>'
    "</oor:items>\n"
)


def soffice() -> str | None:
    """LibreOffice's command, if it is installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert(path: Path, folder: Path, to: str, *, recalculate: bool = False) -> Path:
    """``path`` converted to the format ``to`` (pdf, xlsx) into ``folder``/out."""
    command = soffice()
    assert command is not None, "LibreOffice is not installed (make system-deps)"
    profile = folder / "profile"
    if recalculate:
        (profile / "user").mkdir(parents=True, exist_ok=True)
        (profile / "user" / "registrymodifications.xcu").write_text(_RECALCULATE, encoding="utf-8")
    out = folder / "out"
    run = subprocess.run(
        [
            *(command, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"),
            *("--convert-to", to, "--outdir", str(out), str(path)),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    assert "Error" not in run.stderr, run.stderr
    return out / f"{path.stem}.{to}"
