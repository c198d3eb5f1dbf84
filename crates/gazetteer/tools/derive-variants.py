#!/usr/bin/env python3
"""Build data/variants.tsv: the characters that place-name matching folds, and what to.

    apt-get install unicode-data          # Debian 15.0.0-1: the Unicode 15.0 data files
    python3 tools/derive-variants.py /usr/share/unicode > data/variants.tsv

Every line is `from<TAB>to<TAB>source`: wherever `from` is written, names are compared as
if `to` were.  Both the official names and the text of a notice are folded, so `to` is a
comparison key, not a spelling: it is the form the official names use where they use one.

Sources, all from the Unicode 15.0 Character Database (the folder given as argument):
  radical            EquivalentUnifiedIdeograph.txt: Kangxi radicals (U+2F00-2FD5) and CJK
                     radicals supplement (U+2E80-2EF3) to the ideograph they stand for.  PDF
                     producers emit them for ordinary kanji (`⼾` for 戸, `⻑` for 長).
  compatibility      UnicodeData.txt: CJK compatibility ideographs (U+F900-FAFF,
                     U+2F800-2FA1F) to their canonical decomposition.
  kZVariant          Unihan_Variants.txt: the same character in another glyph (戶 and 戸).
  kJinmeiyoKanji     Unihan_OtherMappings.txt: the old forms of jōyō kanji allowed in names
                     (人名用漢字 別表第二 (二): 黑 for 黒, 瀨 for 瀬), old to new.
  kJoyoKanji         Unihan_OtherMappings.txt: the jōyō kanji whose standard glyph has
                     another code point (剝 and 剥).
  place-names        The pairs below, which occur in place names but which Unicode 15.0
                     does not link (澤 and 沢, 濱 and 浜, 邊 and 辺, …).

kSemanticVariant and kSpecializedSemanticVariant are not used: they link characters of
related meaning, and joined into groups they would fold 六 with 陸 and 塚 with 中.

Old and new forms are kept only where one of the two occurs in an official name of
data/municipalities.csv (prefectures included): a fold elsewhere could only do harm.
Radicals and compatibility ideographs are kept whole: they are encodings of the same
character, never a different name.

The pairs join into groups (戸 戶 户 ⼾); a group takes as key the one member used by
official names, or, when several are (嶋 in 鹿嶋市, 島 in 鹿島市), the most common in them.
A group whose members all differ from the official names is left out.  The output is
sorted by code point and byte-for-byte stable.
"""

import bz2
import collections
import csv
import hashlib
import os
import re
import sys

UNICODE_VERSION = "15.0.0"

# SHA-256 of the files read, as Debian's unicode-data 15.0.0-1 installs them.
PINS = {
    "EquivalentUnifiedIdeograph.txt": "f2e04bae8c856fad3a16353a99d4cc2de6c72770260379f5e4974a97548aad2a",
    "UnicodeData.txt": "806e9aed65037197f1ec85e12be6e8cd870fc5608b4de0fffd990f689f376a73",
    "Unihan_Variants.txt.bz2": "42f42d18fe0368ca8dfb76d91bb2612b4bb34fe7960a4aa770687c0bf48a0cce",
    "Unihan_OtherMappings.txt.bz2": "bdeef44d75d914e793b7f27ddc3bee01b2d11dd34f4e52de1a9fba74a1612dc2",
}

# Pairs of a variant and the form place names use that the Unicode 15.0 data does not
# link.  Facts about the writing of place names, collected from notices and registers.
PLACE_NAME_PAIRS = [
    ("澤", "沢"),
    ("濱", "浜"),
    ("濵", "浜"),
    ("邊", "辺"),
    ("邉", "辺"),
    ("嶌", "島"),
    ("﨑", "崎"),  # U+FA11 is a unified ideograph in the compatibility block: no decomposition
    ("嵜", "崎"),
    ("髙", "高"),
    ("檮", "梼"),
    ("惠", "恵"),
    ("德", "徳"),
    ("鄕", "郷"),
    ("曾", "曽"),
    ("鯵", "鰺"),
    ("舘", "館"),
    ("冨", "富"),
    ("桧", "檜"),
    ("條", "条"),
    ("驒", "騨"),
    ("𠮷", "吉"),
    ("寶", "宝"),
    ("寳", "宝"),
    ("淺", "浅"),
    ("澀", "渋"),
    ("區", "区"),
]


def read_lines(path):
    opener = bz2.open if path.endswith(".bz2") else open
    with opener(path, "rt", encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                yield line


def char(field):
    """`U+6236`, `6236` or `U+6236<kSource` as a character."""
    field = field.split("<", 1)[0]
    return chr(int(field.removeprefix("U+"), 16))


def check_files(folder):
    for name, expected in PINS.items():
        path = os.path.join(folder, name)
        try:
            with open(path, "rb") as f:
                found = hashlib.sha256(f.read()).hexdigest()
        except OSError as e:
            sys.exit(f"{path}: {e.strerror}")
        if found != expected:
            sys.exit(f"{folder}/{name}: SHA-256 {found}, expected {expected} (Unicode {UNICODE_VERSION})")


def official_chars(csv_path):
    """Every character of the official names, with how many names use it."""
    counts = collections.Counter()
    with open(csv_path, encoding="utf-8") as f:
        for row in csv.DictReader(f):
            for column in ("prefecture", "district", "name"):
                counts.update(set(row[column]))
    return counts


def encodings(folder):
    """Radicals and compatibility ideographs: (from, to, source)."""
    out = []
    for line in read_lines(os.path.join(folder, "EquivalentUnifiedIdeograph.txt")):
        cps, target = (s.strip() for s in line.split(";"))
        first, _, last = cps.partition("..")
        for cp in range(int(first, 16), int(last or first, 16) + 1):
            out.append((chr(cp), chr(int(target, 16)), "radical"))
    for line in read_lines(os.path.join(folder, "UnicodeData.txt")):
        fields = line.split(";")
        cp = int(fields[0], 16)
        if not (0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F):
            continue
        decomposition = fields[5].split()
        if len(decomposition) == 1 and not decomposition[0].startswith("<"):
            out.append((chr(cp), char(decomposition[0]), "compatibility"))
    return out


def variants(folder):
    """Unihan variant pairs: (variant, form, source)."""
    out = []
    for line in read_lines(os.path.join(folder, "Unihan_Variants.txt.bz2")):
        cp, field, values = line.split("\t")
        if field == "kZVariant":
            out += [(char(cp), char(v), field) for v in values.split()]
    for line in read_lines(os.path.join(folder, "Unihan_OtherMappings.txt.bz2")):
        cp, field, values = line.split("\t")
        if field == "kJinmeiyoKanji":
            out += [(char(cp), char(v.split(":")[1]), field) for v in values.split() if ":" in v]
        elif field == "kJoyoKanji":
            out += [(char(cp), char(v), field) for v in values.split() if v.startswith("U+")]
    return out


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: derive-variants.py UNICODE_DATA_FOLDER > data/variants.tsv")
    folder = sys.argv[1]
    check_files(folder)
    here = os.path.dirname(os.path.abspath(__file__))
    official = official_chars(os.path.join(here, "..", "data", "municipalities.csv"))

    encoded = encodings(folder)
    pairs = [p for p in variants(folder) if p[0] in official or p[1] in official]
    for a, b in PLACE_NAME_PAIRS:
        if b not in official:
            sys.exit(f"place-name pair {a} {b}: {b} is in no official name")
    pairs += [(a, b, "place-names") for a, b in PLACE_NAME_PAIRS]

    # Groups of variants: union-find over the pairs.
    parent = {}

    def find(c):
        parent.setdefault(c, c)
        while parent[c] != c:
            parent[c] = parent[parent[c]]
            c = parent[c]
        return c

    for a, b, _ in pairs:
        parent[find(a)] = find(b)
    groups = collections.defaultdict(set)
    for c in list(parent):
        groups[find(c)].add(c)
    key = {}
    for members in groups.values():
        used = [c for c in members if c in official]
        if not used:
            continue
        best = min(used, key=lambda c: (-official[c], ord(c)))
        if len(used) > 1:
            print(f"several official forms fold together: {''.join(sorted(used))} -> {best}", file=sys.stderr)
        for c in members:
            key[c] = best

    # Where each character came in: the first source that names it.
    source = {}
    for a, b, s in pairs:
        source.setdefault(a, s)
        source.setdefault(b, s)
    rows = {}
    for c, k in key.items():
        if c != k:
            rows[c] = (k, source[c])
    # An encoding folds to the key of the ideograph it stands for.
    for c, target, s in encoded:
        to = key.get(target, target)
        if c in rows and rows[c][0] != to:
            sys.exit(f"U+{ord(c):04X} folds to {to} as an encoding but to {rows[c][0]} as a variant")
        rows[c] = (to, s)

    print(f"# Folds for place-name matching, written by tools/derive-variants.py from the")
    print(f"# Unicode {UNICODE_VERSION} Character Database.  from<TAB>to<TAB>source; see data/README.md.")
    for c in sorted(rows, key=ord):
        to, s = rows[c]
        print(f"{c}\t{to}\t{s}")


if __name__ == "__main__":
    main()
