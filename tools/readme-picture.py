#!/usr/bin/env python3
"""Draws docs/layout-model.png: a corpus PDF page beside what `text --layout` reads from it.

Needs poppler-utils (pdftoppm), Pillow and the Noto Sans Mono CJK font
(Debian fonts-noto-cjk), and a release build of onshi-notice.
Run from the project root: python3 tools/readme-picture.py
"""
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

SOURCE = Path("corpus/layout-rowspan-prefecture-period/source.docx.pdf")
BINARY = Path("target/release/onshi-notice")
FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
OUT = Path("docs/layout-model.png")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        prefix = Path(tmp) / "page"
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", str(SOURCE), str(prefix)], check=True)
        page = Image.open(next(Path(tmp).glob("page*.png"))).convert("RGB")
    layout = subprocess.run([str(BINARY), "text", "--layout", str(SOURCE)], check=True, capture_output=True, text=True)
    lines = layout.stdout.splitlines()
    start = next(i for i, l in enumerate(lines) if "table:" in l)
    end = next(i for i in range(start, len(lines)) if lines[i].lstrip().startswith("└"))
    grid = [lines[start].replace("\t", "  ")] + [l.strip("\t") for l in lines[start + 1 : end + 1]]

    # Characters go on a fixed grid, one cell for narrow ones and two for wide
    # ones, as terminals draw them, so the box lines meet.
    font = ImageFont.truetype(FONT, 15)
    cell = 8.5

    def columns(c: str) -> int:
        return 2 if unicodedata.east_asian_width(c) in "WF" else 1

    width = int(max(sum(columns(c) for c in l) for l in grid) * cell) + 40
    height = max(page.height, 18 * len(grid) + 60)
    picture = Image.new("RGB", (page.width + width + 30, height), "white")
    picture.paste(page, (0, 0))
    draw = ImageDraw.Draw(picture)
    x = page.width + 30
    draw.line([(page.width + 10, 0), (page.width + 10, height)], fill=(180, 180, 180), width=2)
    for k, line in enumerate(grid):
        column = 0
        for c in line:
            draw.text((x + column * cell, 30 + 18 * k), c, font=font, fill=(20, 20, 20))
            column += columns(c)
    OUT.parent.mkdir(exist_ok=True)
    picture.save(OUT, optimize=True)
    print(f"wrote {OUT} ({picture.width}x{picture.height})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
