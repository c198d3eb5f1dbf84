#!/usr/bin/env python3
"""Make the OCR'd scan corpus entries: a corpus PDF printed, scanned and run
through OCR, as an office that only has a copier and ocrmypdf would send it.

For each scanned notice two scans are made from its office-suite PDF, each
an entry of its own (`corpus/<notice>-ocr-…/source.pdf`), since OCR reads the
two differently and the renderings of one entry must agree:

- `-ocr-300dpi`: rendered at 300 dpi in grey, thresholded to black and white
  (what a copier's "text" mode sends), straight.
- `-ocr-200dpi-rotated`: rendered at 200 dpi, turned by 1.2 degrees (a sheet
  fed askew), with specks and a few dropped pixels drawn from a fixed seed,
  thresholded to black and white.

Each image PDF then goes through `ocrmypdf -l jpn --output-type pdf
--optimize 1` (no --deskew: a copier's OCR keeps the page as scanned). The
images are deterministic; the text layer is whatever the installed Tesseract
reads, so re-running with another Tesseract may change the goldens.

Needs: poppler-utils (pdftoppm), Python Pillow and img2pdf, ocrmypdf (PyPI),
tesseract-ocr with tesseract-ocr-jpn, ghostscript, qpdf. Run from anywhere;
paths are resolved from the repository root. Arguments, if any, name the
entries to scan (`2025-01-07-aomori-snow`); without, all are made.
"""

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import img2pdf
from PIL import Image

ROOT = Path(__file__).resolve().parent.parent

# (entry scanned, its PDF scanned)
NOTICES = [
    ("2025-01-07-aomori-snow", "source.pdf"),
    ("layout-header-row-range-period", "source.docx.pdf"),
]

SKEW_DEGREES = 1.2
SEED = 20250107
# Share of pixels turned black (specks) and white (dropouts) on the noisy scan.
SPECKS = 0.0015
DROPOUTS = 0.004
THRESHOLD = 160


def render(pdf: Path, dpi: int, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-r", str(dpi), "-gray", "-png", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.png"))


def black_and_white(image: Image.Image) -> Image.Image:
    return image.point(lambda v: 255 if v >= THRESHOLD else 0, mode="1")


def noisy_and_skewed(image: Image.Image, rng: random.Random) -> Image.Image:
    turned = image.rotate(SKEW_DEGREES, resample=Image.BICUBIC, expand=False, fillcolor=255)
    pixels = turned.load()
    width, height = turned.size
    for _ in range(int(width * height * SPECKS)):
        x, y = rng.randrange(width), rng.randrange(height)
        # A speck of 1 to 2 pixels square, as dust on the glass gives.
        size = rng.choice((1, 1, 2))
        for dx in range(size):
            for dy in range(size):
                if x + dx < width and y + dy < height:
                    pixels[x + dx, y + dy] = 0
    for _ in range(int(width * height * DROPOUTS)):
        x, y = rng.randrange(width), rng.randrange(height)
        pixels[x, y] = 255
    return black_and_white(turned)


def scan(pdf: Path, out: Path, dpi: int, noisy: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        rng = random.Random(SEED)
        pages = []
        for png in render(pdf, dpi, tmp):
            image = Image.open(png).convert("L")
            image = noisy_and_skewed(image, rng) if noisy else black_and_white(image)
            page = png.with_suffix(".bw.png")
            image.save(page, dpi=(dpi, dpi))
            pages.append(str(page))
        images = tmp / "images.pdf"
        images.write_bytes(img2pdf.convert(pages))
        subprocess.run(
            [
                "ocrmypdf",
                "-l",
                "jpn",
                "--output-type",
                "pdf",
                "--optimize",
                "1",
                # On a busy machine Tesseract can take minutes a page; past the
                # timeout ocrmypdf leaves the page without text, silently.
                "--tesseract-timeout",
                "1800",
                "--quiet",
                str(images),
                str(out),
            ],
            check=True,
        )


def main() -> int:
    only = sys.argv[1:]
    for tool in ("pdftoppm", "ocrmypdf", "tesseract"):
        if shutil.which(tool) is None:
            print(f"make-scan-corpus: `{tool}` is not installed", file=sys.stderr)
            return 2
    for entry, source in NOTICES:
        if only and entry not in only:
            continue
        pdf = ROOT / "corpus" / entry / source
        for suffix, dpi, noisy in (("ocr-300dpi", 300, False), ("ocr-200dpi-rotated", 200, True)):
            out = ROOT / "corpus" / f"{entry}-{suffix}"
            out.mkdir(exist_ok=True)
            scan(pdf, out / "source.pdf", dpi, noisy)
            print(f"made corpus/{entry}-{suffix}/source.pdf")
    return 0


if __name__ == "__main__":
    sys.exit(main())
