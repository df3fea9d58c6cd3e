"""Keep the Dutch translation in step with the source strings in app/views.

    python scripts/translations.py update          # add new strings (lupdate), compile (lrelease)
    python scripts/translations.py todo            # list strings that still need Dutch
    python scripts/translations.py set "Opening…" "Bezig met openen…"   # translate one, compile
    python scripts/translations.py load FILE.tsv   # translate many: "English<TAB>Dutch" per line

The test suite fails while a string is untranslated or the .qm is stale.
"""
from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TS = ROOT / "app" / "resources" / "planbord_nl.ts"
QM = TS.with_suffix(".qm")
BIN = Path(sys.executable).parent


def update() -> None:
    sources = sorted(str(p) for p in (ROOT / "app" / "views").rglob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), "-no-obsolete", "-locations", "none", *sources,
                    "-ts", str(TS)], check=True, cwd=ROOT)
    release()


GAPS = ROOT / "app" / "resources" / "qt_gaps_nl.ts"  # Qt's own strings its Dutch file lacks


def release() -> None:
    for source in (TS, GAPS):
        subprocess.run([str(BIN / "pyside6-lrelease"), str(source), "-qm", str(source.with_suffix(".qm"))],
                       check=True, cwd=ROOT, capture_output=True)


def todo() -> list[tuple[str, str]]:
    tree = ET.parse(TS)
    missing = []
    for context in tree.getroot().iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation.get("type") == "unfinished" or not (translation.text or "").strip():
                missing.append((context.findtext("name"), message.findtext("source")))
    return missing


def _xml(text: str) -> str:
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("'", "&apos;").replace('"', "&quot;"))


def set_translations(pairs: list[tuple[str, str]]) -> int:
    """Translate every unfinished occurrence of each source; returns how many were set."""
    # Edited as text, not re-serialised, so the file stays as lupdate writes it.
    content = TS.read_text(encoding="utf-8")
    count = 0
    for source, text in pairs:
        pattern = re.compile(r"(<source>" + re.escape(_xml(source)) + r"</source>\s*)"
                             r'<translation type="unfinished">[^<]*</translation>')
        content, n = pattern.subn(
            lambda m, text=text: m.group(1) + f"<translation>{_xml(text)}</translation>", content)
        count += n
    TS.write_text(content, encoding="utf-8")
    release()
    return count


def read_pairs(path: str) -> list[tuple[str, str]]:
    pairs = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            source, text = line.split("\t", 1)
            pairs.append((source, text))
    return pairs


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "todo"
    if command == "update":
        update()
    elif command == "set" and len(sys.argv) == 4:
        print(f"{set_translations([(sys.argv[2], sys.argv[3])])} vertaald")
    elif command == "load" and len(sys.argv) == 3:
        print(f"{set_translations(read_pairs(sys.argv[2]))} vertaald")
    elif command == "release":
        release()
    for context, source in todo():
        print(f"{context}: {source}")
