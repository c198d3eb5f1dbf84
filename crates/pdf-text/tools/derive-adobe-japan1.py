#!/usr/bin/env python3
"""Derive data/adobe-japan1-ucs2.bin, the CID -> Unicode table for the Adobe-Japan1
character collection, from Adobe's `Adobe-Japan1-UCS2` CMap resource.

Usage: tools/derive-adobe-japan1.py [CMAP] [OUT]
  CMAP defaults to /usr/share/poppler/cMap/Adobe-Japan1/Adobe-Japan1-UCS2
       (Debian package poppler-data; the same file is in github.com/adobe-type-tools/cmap-resources)
  OUT  defaults to data/adobe-japan1-ucs2.bin next to this script's repository root.

Only the mapping values are carried over. The binary layout (all integers big-endian):

  magic   4 bytes  b"AJ1U"
  n       u16      number of CIDs in the dense table (CIDs 0 .. n-1)
  m       u16      number of multi-unit entries
  dense   n * u16  the UTF-16 code unit a CID maps to; 0x0000 = unmapped,
                   0xFFFF = look the CID up in the multi-unit index
  index   m * 6    (cid u16, offset u16, length u16), sorted by cid; offset and
                   length count u16 units in `units`
  units   u16 *    UTF-16 code units of the multi-unit mappings
"""
import os
import re
import struct
import sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
src = sys.argv[1] if len(sys.argv) > 1 else "/usr/share/poppler/cMap/Adobe-Japan1/Adobe-Japan1-UCS2"
out = sys.argv[2] if len(sys.argv) > 2 else os.path.join(root, "data", "adobe-japan1-ucs2.bin")

text = open(src, encoding="latin-1").read()
if "/CMapName /Adobe-Japan1-UCS2 def" not in text:
    sys.exit(f"{src}: not the Adobe-Japan1-UCS2 CMap")


def units(hexstr):
    if len(hexstr) % 4:
        raise ValueError(f"odd UTF-16 string <{hexstr}>")
    return [int(hexstr[i:i + 4], 16) for i in range(0, len(hexstr), 4)]


mapping = {}
for block in re.findall(r"beginbfchar(.*?)endbfchar", text, re.S):
    for cid, dst in re.findall(r"<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>", block):
        mapping[int(cid, 16)] = units(dst)
for block in re.findall(r"beginbfrange(.*?)endbfrange", text, re.S):
    for line in block.strip().splitlines():
        m = re.fullmatch(r"\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*", line)
        if not m:
            raise ValueError(f"unexpected bfrange line: {line!r}")
        lo, hi, dst = int(m[1], 16), int(m[2], 16), units(m[3])
        for i, cid in enumerate(range(lo, hi + 1)):
            mapped = dst[:-1] + [dst[-1] + i]
            if mapped[-1] > 0xFFFF:
                raise ValueError(f"bfrange overflows a code unit: {line!r}")
            mapping[cid] = mapped

# U+FFFD (CID 0, .notdef) carries no text.
mapping = {cid: u for cid, u in mapping.items() if u != [0xFFFD]}
n = max(mapping) + 1
if n > 0xFFFF:
    sys.exit("too many CIDs for a u16 table")

dense = [0] * n
multi = []
blob = []
for cid in range(n):
    u = mapping.get(cid)
    if u is None:
        continue
    if len(u) == 1 and u[0] not in (0, 0xFFFF) and not 0xD800 <= u[0] <= 0xDFFF:
        dense[cid] = u[0]
    else:
        dense[cid] = 0xFFFF
        multi.append((cid, len(blob), len(u)))
        blob.extend(u)
if len(blob) > 0xFFFF:
    sys.exit("multi-unit blob too large for u16 offsets")

data = bytearray(b"AJ1U")
data += struct.pack(">HH", n, len(multi))
data += struct.pack(f">{n}H", *dense)
for cid, off, length in multi:
    data += struct.pack(">HHH", cid, off, length)
data += struct.pack(f">{len(blob)}H", *blob)
os.makedirs(os.path.dirname(out), exist_ok=True)
with open(out, "wb") as f:
    f.write(data)
print(f"{out}: {n} CIDs, {len(mapping)} mapped, {len(multi)} multi-unit, {len(data)} bytes")
