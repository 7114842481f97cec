"""Checks that a PNG is a real picture of the game: the right size, many distinct colours, not
one flat colour. Standard library only (zlib + struct)."""
import struct
import sys
import zlib


def read_png(path):
    data = open(path, "rb").read()
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        sys.exit(f"{path}: not a PNG")
    pos, idat, w = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    bpp = {2: 3, 6: 4}[ctype]
    raw = zlib.decompress(idat)
    stride = w * bpp
    rows, prev = [], bytearray(stride)
    for y in range(h):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows


path, want_w, want_h = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
w, h, bpp, rows = read_png(path)
colours = set()
for row in rows[::4]:
    for x in range(0, len(row), bpp * 3):
        colours.add(row[x:x + 3])
print(f"{path}: {w}x{h}, {len(colours)} distinct colours (sampled)")
if (w, h) != (want_w, want_h):
    sys.exit(f"{path}: expected {want_w}x{want_h}")
if len(colours) < 64:
    sys.exit(f"{path}: only {len(colours)} colours: not a picture of the game")
