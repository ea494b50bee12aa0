#!/usr/bin/env python3
"""Draws the example site's photos and logos (static/images/): generated
pictures, no third-party photos. Deterministic: the same files on every run.

The photos are saved as a phone saves them: JPEG with EXIF carrying a GPS
position, and one of them stored on its side with an orientation flag, so the
example site exercises what qiao does with editors' photos (turn upright,
resize, strip the metadata). Needs Pillow (`pip install pillow`).

    python3 scripts/make_example_images.py [SITE_ROOT]
"""

import math
import random
import struct
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter


def exif(orientation, lat=(30, 15, 0), lon=(117, 2, 0)):
    """EXIF bytes (big-endian TIFF) with an orientation and a GPS position."""
    ifd0_at = 8
    gps_at = ifd0_at + 2 + 2 * 12 + 4
    data_at = gps_at + 2 + 4 * 12 + 4
    t = b"MM\x00\x2a" + struct.pack(">I", ifd0_at)
    t += struct.pack(">H", 2)
    t += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    t += struct.pack(">HHII", 0x8825, 4, 1, gps_at)
    t += struct.pack(">I", 0)
    t += struct.pack(">H", 4)
    t += struct.pack(">HHI4s", 1, 2, 2, b"N\x00\x00\x00")
    t += struct.pack(">HHII", 2, 5, 3, data_at)
    t += struct.pack(">HHI4s", 3, 2, 2, b"E\x00\x00\x00")
    t += struct.pack(">HHII", 4, 5, 3, data_at + 24)
    t += struct.pack(">I", 0)
    for v in lat + lon:
        t += struct.pack(">II", v, 1)
    return b"Exif\x00\x00" + t


def sky(img, top, bottom):
    d = ImageDraw.Draw(img)
    w, h = img.size
    for y in range(h):
        f = y / h
        d.line([(0, y), (w, y)], fill=tuple(int(a + (b - a) * f) for a, b in zip(top, bottom)))


def texture(img, rng, amount=6):
    """A little grain, as a camera gives."""
    w, h = img.size
    noise = Image.effect_noise((w // 4, h // 4), amount * 4).resize((w, h)).convert("RGB")
    return Image.blend(img, noise, 0.04)


def buildings(d, rng, w, base, colors, count=9):
    x = 0
    while x < w:
        bw = rng.randint(w // 14, w // 7)
        bh = rng.randint(base // 5, base // 2)
        c = rng.choice(colors)
        d.rectangle([x, base - bh, x + bw, base], fill=c)
        for wy in range(base - bh + 20, base - 20, 34):
            for wx in range(x + 14, x + bw - 20, 30):
                lit = rng.random() < 0.35
                d.rectangle([wx, wy, wx + 14, wy + 18], fill=(250, 226, 150) if lit else (70, 84, 110))
        x += bw + rng.randint(4, 30)


def battery_college(w, h, rng):
    img = Image.new("RGB", (w, h))
    sky(img, (120, 180, 235), (225, 238, 250))
    d = ImageDraw.Draw(img)
    base = int(h * 0.78)
    buildings(d, rng, w, base, [(92, 110, 140), (120, 132, 158), (80, 96, 120)])
    d.rectangle([0, base, w, h], fill=(96, 120, 92))
    # The training centre, shaped like a battery cell.
    cx, cw, ch = w // 2, w // 3, int(h * 0.42)
    d.rounded_rectangle([cx - cw // 2, base - ch, cx + cw // 2, base], radius=40, fill=(38, 150, 108))
    d.rectangle([cx - cw // 10, base - ch - 40, cx + cw // 10, base - ch], fill=(38, 150, 108))
    for i in range(4):
        y0 = base - ch + 40 + i * (ch - 60) // 4
        d.rectangle([cx - cw // 2 + 40, y0, cx + cw // 2 - 40, y0 + (ch - 60) // 4 - 20],
                    fill=(140, 220, 170) if i < 3 else (225, 245, 230))
    return texture(img.filter(ImageFilter.GaussianBlur(1.2)), rng)


def cnc_class(w, h, rng):
    img = Image.new("RGB", (w, h))
    sky(img, (210, 214, 220), (160, 166, 176))
    d = ImageDraw.Draw(img)
    floor = int(h * 0.72)
    d.polygon([(0, floor), (w, floor), (w, h), (0, h)], fill=(120, 124, 130))
    for i in range(0, w, 120):
        d.line([(w // 2, floor), (i * 3 - w, h)], fill=(110, 114, 120), width=3)
    # Two machine tools.
    for mx in (int(w * 0.12), int(w * 0.56)):
        mw, mh = int(w * 0.32), int(h * 0.42)
        d.rounded_rectangle([mx, floor - mh, mx + mw, floor], radius=18, fill=(236, 238, 240))
        d.rectangle([mx + 30, floor - mh + 40, mx + mw * 2 // 3, floor - 60], fill=(60, 90, 120))
        d.rectangle([mx + mw * 2 // 3 + 20, floor - mh + 40, mx + mw - 30, floor - mh + 200], fill=(40, 44, 52))
        d.rectangle([mx, floor - 40, mx + mw, floor], fill=(250, 190, 40))
    # Two trainees in blue overalls.
    for px in (int(w * 0.45), int(w * 0.9)):
        d.ellipse([px - 30, floor - 330, px + 30, floor - 270], fill=(230, 190, 160))
        d.rounded_rectangle([px - 45, floor - 270, px + 45, floor - 90], radius=20, fill=(40, 80, 160))
        d.rectangle([px - 40, floor - 90, px + 40, floor], fill=(30, 60, 120))
    return texture(img.filter(ImageFilter.GaussianBlur(1.0)), rng)


def campus(w, h, rng):
    img = Image.new("RGB", (w, h))
    sky(img, (90, 150, 220), (200, 225, 245))
    d = ImageDraw.Draw(img)
    ground = int(h * 0.7)
    d.rectangle([0, ground, w, h], fill=(90, 150, 80))
    # The main building with a clock tower.
    bx0, bx1 = int(w * 0.2), int(w * 0.8)
    d.rectangle([bx0, ground - int(h * 0.3), bx1, ground], fill=(200, 120, 90))
    d.rectangle([w // 2 - 70, ground - int(h * 0.48), w // 2 + 70, ground - int(h * 0.3)], fill=(190, 110, 80))
    d.ellipse([w // 2 - 45, ground - int(h * 0.45), w // 2 + 45, ground - int(h * 0.45) + 90], fill=(250, 250, 240))
    for x in range(bx0 + 30, bx1 - 40, 70):
        for y in range(ground - int(h * 0.27), ground - 50, 80):
            d.rectangle([x, y, x + 36, y + 50], fill=(240, 240, 230))
    for tx in range(40, w, 190):
        r = rng.randint(50, 80)
        d.ellipse([tx - r, ground - 2 * r, tx + r, ground], fill=(50, 120, 60))
    return texture(img.filter(ImageFilter.GaussianBlur(1.0)), rng)


def roadshow(w, h, rng):
    img = Image.new("RGB", (w, h))
    sky(img, (16, 30, 80), (40, 70, 140))
    d = ImageDraw.Draw(img)
    # A stage with a screen and lights, an audience in front.
    d.rectangle([int(w * 0.15), int(h * 0.12), int(w * 0.85), int(h * 0.55)], fill=(230, 236, 250))
    for i in range(6):
        x = int(w * 0.2) + i * int(w * 0.1)
        d.rectangle([x, int(h * 0.45) - i * 30, x + int(w * 0.06), int(h * 0.5)], fill=(60, 130, 230))
    for i in range(7):
        x = int(w * 0.08) + i * int(w * 0.14)
        d.polygon([(x, 0), (x + 40, 0), (x + 160, int(h * 0.6)), (x - 120, int(h * 0.6))], fill=(70, 90, 150))
    d.rectangle([0, int(h * 0.6), w, int(h * 0.66)], fill=(20, 24, 40))
    for row in range(5):
        y = int(h * 0.72) + row * 60
        for x in range(rng.randint(0, 40), w, 90):
            d.ellipse([x, y, x + 50, y + 50], fill=(12 + row * 6, 16 + row * 6, 30 + row * 8))
    return texture(img.filter(ImageFilter.GaussianBlur(1.4)), rng)


def logo(size, colour, mark):
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.ellipse([8, 8, size - 8, size - 8], fill=colour)
    d.ellipse([40, 40, size - 40, size - 40], outline=(255, 255, 255, 255), width=10)
    c = size // 2
    if mark == "book":
        d.polygon([(c - 80, c - 40), (c, c - 10), (c, c + 70), (c - 80, c + 40)], fill="white")
        d.polygon([(c + 80, c - 40), (c, c - 10), (c, c + 70), (c + 80, c + 40)], fill=(235, 240, 255, 255))
    else:
        for i in range(8):
            a = i * math.pi / 4
            d.line([(c, c), (c + 90 * math.cos(a), c + 90 * math.sin(a))], fill="white", width=22)
        d.ellipse([c - 50, c - 50, c + 50, c + 50], fill=colour)
        d.ellipse([c - 22, c - 22, c + 22, c + 22], fill="white")
    return img


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    out = root / "static" / "images"
    rng = random.Random(21)
    photos = [
        ("cases/battery-college.jpg", battery_college, 1),
        ("cases/cnc-order-class.jpg", cnc_class, 1),
        ("members/xunjiang-polytechnic.jpg", campus, 1),
        # Held sideways, as a phone stores a portrait: upright only by its flag.
        ("roadshows/winter-roadshow.jpg", roadshow, 6),
    ]
    for rel, draw, orientation in photos:
        img = draw(1600, 1000, rng)
        if orientation == 6:
            img = img.transpose(Image.Transpose.ROTATE_90)
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        img.save(path, "JPEG", quality=72, optimize=True, exif=exif(orientation))
        print(path, path.stat().st_size)
    for rel, colour, mark in [
        ("logos/xunjiang-polytechnic.png", (30, 90, 170, 255), "book"),
        ("logos/hengrui-precision.png", (200, 70, 40, 255), "gear"),
    ]:
        path = out / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        logo(320, colour, mark).save(path, "PNG", optimize=True)
        print(path, path.stat().st_size)


if __name__ == "__main__":
    main()
