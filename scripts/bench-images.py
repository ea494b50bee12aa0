#!/usr/bin/env python3
"""Benchmarks what qiao does with editors' photos (issue 21), side by side with
Hugo, and prints the figures.

    python3 scripts/bench-images.py [--photos 200] [--docs 400] [--work DIR]

Makes (once, kept in WORK; delete it to remake):
- a generated site (scripts/gen_corpus.py, DOCS documents) and PHOTOS phone-sized
  photos: 4000 x 3000 JPEGs, each different, with EXIF carrying a GPS position and
  an orientation flag (every fourth one stored on its side), 3-8 MB each; half
  are covers of cases and members, half images in the bodies of other items;
- two baselines: the same site without the photos ("no images", the issue's
  baseline of what images add), and the same site with the same photos in
  static/ but named by no page ("photos unnamed": what publishing the photos
  costs, without variants);
- the Hugo sites of all three (scripts/to_hugo.py --images), whose templates
  resize every cover and body image to the same widths and formats with
  `.Resize "Wx webp"`.

Prints one table for qiao and Hugo, each site: cold build (no image cache, fresh
output folder), the median warm rebuild of RUNS (cache and output kept), CPU and
peak memory; the warm rebuild against each baseline; the machine's load; and the
bytes a 390 px phone at DPR 3 downloads for the images of an item page (the copy
its srcset and sizes pick) against the originals. Goals (issue 21): cold faster
than Hugo, warm rebuild within 5 % of the build without images, a phone downloads
under 15 % of the original bytes.

Needs Pillow for making the photos (`pip install pillow`), and hugo
(Debian package) for the comparison. QIAO=path picks the binary (default: a release
build, `cargo build --release`).
"""
import argparse
import html.parser
import os
import random
import re
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TODAY = "2026-06-01"
VIEWPORT, DPR, EM = 390, 3, 16


def exif(orientation, seed):
    """EXIF with an orientation and a GPS position (as scripts/make_example_images.py)."""
    gps_at = 8 + 2 + 2 * 12 + 4
    data_at = gps_at + 2 + 2 * 12 + 4
    t = b"MM\x00\x2a" + struct.pack(">I", 8) + struct.pack(">H", 2)
    t += struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    t += struct.pack(">HHII", 0x8825, 4, 1, gps_at) + struct.pack(">I", 0)
    t += struct.pack(">H", 2) + struct.pack(">HHI4s", 1, 2, 2, b"N\x00\x00\x00")
    t += struct.pack(">HHII", 2, 5, 3, data_at) + struct.pack(">I", 0)
    for v in (30 + seed % 5, seed % 60, 0):
        t += struct.pack(">II", v, 1)
    return b"Exif\x00\x00" + t


def make_photo(path, seed):
    from PIL import Image, ImageDraw, ImageFilter

    rng = random.Random(seed)
    w, h = 4000, 3000
    # Detail a 1280 px copy still shows (buildings, windows, leaves), drawn at
    # 1000 x 750 and enlarged, then sensor noise: what makes a phone's JPEG 3-8 MB.
    small = Image.new("RGB", (1000, 750))
    d = ImageDraw.Draw(small)
    top = tuple(rng.randint(60, 200) for _ in range(3))
    bottom = tuple(rng.randint(20, 160) for _ in range(3))
    for y in range(750):
        f = y / 750
        d.line([(0, y), (1000, y)], fill=tuple(int(a + (b - a) * f) for a, b in zip(top, bottom)))
    for _ in range(900):
        x, y = rng.randint(0, 990), rng.randint(0, 745)
        colour = tuple(rng.randint(20, 240) for _ in range(3))
        if rng.random() < 0.5:
            d.rectangle([x, y, x + rng.randint(3, 60), y + rng.randint(3, 60)], fill=colour)
        else:
            d.ellipse([x, y, x + rng.randint(3, 40), y + rng.randint(3, 40)], fill=colour)
    img = small.resize((w, h), Image.BICUBIC).filter(ImageFilter.GaussianBlur(1.5))
    noise = Image.effect_noise((w, h), 40).convert("RGB")
    img = Image.blend(img, noise, 0.15)
    orientation = 6 if seed % 4 == 0 else 1
    if orientation == 6:
        img = img.transpose(Image.Transpose.ROTATE_90)
    img.save(path, "JPEG", quality=92, exif=exif(orientation, seed))


def add_front(text, lines):
    """`lines` added right after the opening +++ (top-level keys)."""
    assert text.startswith("+++\n")
    return "+++\n" + lines + text[4:]


def make_sites(work, photos, docs):
    base = work / "site-noimages"
    site = work / "site"
    if not (base / "site.toml").exists():
        subprocess.run([sys.executable, REPO / "scripts/gen_corpus.py", base, "--docs", str(docs),
                        "--seed", "1", "--today", TODAY], check=True, stdout=subprocess.DEVNULL)
    if (site / "site.toml").exists():
        return base, site
    tmp = work / "site.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(base, tmp)
    (tmp / "static/photos").mkdir(parents=True, exist_ok=True)
    print(f"making {photos} photos (4000 x 3000, EXIF with GPS)...", file=sys.stderr)
    for i in range(photos):
        make_photo(tmp / f"static/photos/p{i:03}.jpg", i)
    items = sorted((tmp / "content").rglob("*.md"))
    covers = [p for p in items if p.parts[-2] in ("cases", "members") and p.name != "_index.md"]
    others = [p for p in items if p not in covers and p.name != "_index.md"]
    half = photos // 2
    for i, p in enumerate(covers[:half]):
        t = p.read_text(encoding="utf-8")
        p.write_text(add_front(t, f'cover = "/photos/p{i:03}.jpg"\ncover_alt = "Photo {i}"\n'), encoding="utf-8")
    for j, p in enumerate(others[: photos - half]):
        i = half + j
        t = p.read_text(encoding="utf-8")
        p.write_text(t.rstrip("\n") + f"\n\n![Photo {i}](/photos/p{i:03}.jpg)\n", encoding="utf-8")
    tmp.rename(site)
    return base, site


def make_unnamed(work, base, site):
    """The site without photos, with the photos in static/ (hard links to the
    named site's, so they take no room): named by no page."""
    unnamed = work / "site-unnamed"
    if (unnamed / "site.toml").exists():
        return unnamed
    tmp = work / "site-unnamed.tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(base, tmp)
    (tmp / "static/photos").mkdir(parents=True, exist_ok=True)
    for p in sorted((site / "static/photos").iterdir()):
        os.link(p, tmp / "static/photos" / p.name)
    tmp.rename(unnamed)
    return unnamed


def timed(cmd):
    """Runs cmd; returns (wall s, cpu s, peak MB), to the microsecond (the
    child's own resource usage, from wait4; /usr/bin/time rounds to 10 ms, as
    much as the difference the warm goal allows)."""
    with tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        p = subprocess.Popen(list(map(str, cmd)), stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.perf_counter() - start
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            err.seek(0)
            sys.exit(f"failed: {' '.join(map(str, cmd))}\n{err.read()[-2000:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def median(cmd, runs, before=None):
    """Runs cmd RUNS times; the median wall and CPU time, and the largest peak."""
    results = []
    for _ in range(runs):
        if before:
            before()
        results.append(timed(cmd))
    return (statistics.median(r[0] for r in results), statistics.median(r[1] for r in results),
            max(r[2] for r in results))


def cold_and_warm(builds, runs, cold=True):
    """For each (name, cmd, clean) of builds: a cold build (after clean(); none
    without `cold`), then the median of RUNS warm rebuilds, taken in turns (one of
    each site a round), so that a change in the machine's load falls on every
    site alike."""
    nothing = (float("nan"),) * 3
    colds = {name: median(cmd, 1, before=clean) if cold else nothing for name, cmd, clean in builds}
    for _, cmd, _ in builds:
        timed(cmd)  # the first rebuild settles the page cache and the previous output
    warm = {name: [] for name, _, _ in builds}
    for _ in range(runs):
        for name, cmd, _ in builds:
            warm[name].append(timed(cmd))
    return {name: (colds[name], (statistics.median(r[0] for r in warm[name]),
                                 statistics.median(r[1] for r in warm[name]),
                                 max(r[2] for r in warm[name])))
            for name, _, _ in builds}


class Pictures(html.parser.HTMLParser):
    """The srcset/sizes of every <img> and WebP <source> of a page."""

    def __init__(self):
        super().__init__()
        self.found = []  # (srcset, sizes, src)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "source" and a.get("type") == "image/webp" and a.get("srcset"):
            self.found.append((a["srcset"], a.get("sizes", "100vw"), None))
        elif tag == "img" and a.get("src"):
            if self.found and self.found[-1][2] is None and self.found[-1][0]:
                # The <img> of a <picture> whose WebP source a phone takes.
                self.found[-1] = (self.found[-1][0], self.found[-1][1], a["src"])
            else:
                self.found.append((a.get("srcset", ""), a.get("sizes", "100vw"), a["src"]))


def slot_px(sizes):
    """The slot width `sizes` gives on a VIEWPORT-wide screen, in CSS px."""
    for part in sizes.split(","):
        part = part.strip()
        m = re.match(r"\(min-width:\s*([\d.]+)(em|px)\)\s*(.+)", part)
        if m:
            if float(m[1]) * (EM if m[2] == "em" else 1) > VIEWPORT:
                continue
            part = m[3]
        m = re.match(r"([\d.]+)(vw|em|px)", part)
        if m:
            v = float(m[1])
            return v * VIEWPORT / 100 if m[2] == "vw" else v * (EM if m[2] == "em" else 1)
    return VIEWPORT


def chosen(srcset, sizes, src):
    """The URL a browser picks: the narrowest candidate at least slot x DPR wide."""
    if not srcset:
        return src
    need = slot_px(sizes) * DPR
    cands = []
    for c in srcset.split(","):
        url, _, w = c.strip().rpartition(" ")
        cands.append((int(w.rstrip("w")), url))
    cands.sort()
    for w, url in cands:
        if w >= need:
            return url
    return cands[-1][1]


def phone_bytes(out, page_files):
    """Bytes of the photos' copies a phone downloads for these pages, and how many pages."""
    got = 0
    for page in page_files:
        p = Pictures()
        p.feed(page.read_text(encoding="utf-8", errors="replace"))
        for srcset, sizes, src in p.found:
            url = chosen(srcset, sizes, src)
            path = re.sub(r"^[a-z]+://[^/]+", "", url).lstrip("/")
            if (out / path).is_file():
                got += (out / path).stat().st_size
    return got, len(page_files)


def originals_of(site, pages_html):
    """Bytes of the original photos the item pages name (from their alt text 'Photo N')."""
    total = 0
    for page in pages_html:
        for n in re.findall(r'alt="Photo (\d+)"', page.read_text(encoding="utf-8", errors="replace")):
            total += (site / f"static/photos/p{int(n):03}.jpg").stat().st_size
    return total


def load():
    return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg()) + f" on {os.cpu_count()} cores"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--photos", type=int, default=200)
    ap.add_argument("--docs", type=int, default=400)
    ap.add_argument("--runs", type=int, default=7, help="warm rebuilds per site (median)")
    ap.add_argument("--no-hugo", action="store_true", help="qiao only")
    ap.add_argument("--warm-only", action="store_true",
                    help="no cold builds (the caches and outputs of an earlier run are kept)")
    ap.add_argument("--work", default="/dev/shm/qiao-bench-images" if os.path.isdir("/dev/shm") else "/tmp/qiao-bench-images")
    args = ap.parse_args()
    work = Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    qiao = os.environ.get("QIAO")
    if not qiao:
        subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=REPO, check=True)
        target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
        qiao = target / "release/qiao"
    base, site = make_sites(work, args.photos, args.docs)
    unnamed = make_unnamed(work, base, site)
    photo_bytes = sum(p.stat().st_size for p in (site / "static/photos").iterdir())
    print(f"site: {args.docs} documents, {args.photos} photos of 4000 x 3000, "
          f"{photo_bytes / 1e6:.0f} MB ({photo_bytes / args.photos / 1e6:.1f} MB each); "
          f"warm: median of {args.runs} rebuilds")
    print(f"before: {load()}")

    sites = [("photos named", site), ("photos unnamed", unnamed), ("no images", base)]
    rows = {}

    def qiao_build(name, root):
        out = work / f"out-qiao-{root.name}"
        return (name, [qiao, "build", "--root", root, "--output-dir", out, "--today", TODAY],
                lambda: (shutil.rmtree(root / ".qiao-cache", ignore_errors=True),
                         shutil.rmtree(out, ignore_errors=True)))

    cold = not args.warm_only
    for name, r in cold_and_warm([qiao_build(n, root) for n, root in sites], args.runs, cold).items():
        rows[("qiao", name)] = r
    hugo = shutil.which("hugo") and not args.no_hugo
    if hugo:
        def hugo_build(name, root):
            hugo_site = work / f"hugo-{root.name}"
            if not (hugo_site / "hugo" / "hugo.toml").exists():
                subprocess.run([sys.executable, REPO / "scripts/to_hugo.py", "--images", root, hugo_site],
                               check=True, stdout=subprocess.DEVNULL)
            hs = hugo_site / "hugo"
            hout = work / f"out-hugo-{root.name}"
            return (name, ["hugo", "--quiet", "-s", hs, "-d", hout],
                    lambda: (shutil.rmtree(hs / "resources" / "_gen", ignore_errors=True),
                             shutil.rmtree(hout, ignore_errors=True)))

        for name, r in cold_and_warm([hugo_build(n, root) for n, root in sites], args.runs, cold).items():
            rows[("hugo", name)] = r
    print(f"after: {load()}")

    print(f"{'':22} {'cold s':>8} {'cpu s':>7} {'peak MB':>8} {'warm s':>8} {'cpu s':>7} {'peak MB':>8}")
    for (tool, name), (cold, warm) in rows.items():
        print(f"{tool + ', ' + name:22} {cold[0]:8.2f} {cold[1]:7.2f} {cold[2]:8.0f} "
              f"{warm[0]:8.3f} {warm[1]:7.2f} {warm[2]:8.0f}")
    for tool in ["qiao", "hugo"] if hugo else ["qiao"]:
        warm = rows[(tool, "photos named")][1]
        for name in ["no images", "photos unnamed"]:
            b = rows[(tool, name)][1]
            print(f"{tool}: warm rebuild {warm[0]:.3f} s against {name} {b[0]:.3f} s: "
                  f"x{warm[0] / b[0]:.3f} wall, x{warm[1] / max(b[1], 1e-9):.3f} cpu")
    print("goal: qiao's warm rebuild at most x1.050 the build without images")
    if hugo:
        q, h = rows[("qiao", "photos named")], rows[("hugo", "photos named")]
        print(f"qiao/hugo cold wall: {q[0][0] / h[0][0]:.2f}, warm: {q[1][0] / h[1][0]:.2f} (goal: cold under 1)")

    # What a phone downloads for the images of the pages that show a photo.
    for tool in ["qiao", "hugo"] if hugo else ["qiao"]:
        out = work / f"out-{tool}-{site.name}"
        pages = [p for p in out.rglob("index.html") if 'alt="Photo ' in p.read_text(encoding="utf-8", errors="replace")
                 and p.parent.parent.name in ("cases", "members", "policies", "demands", "roadshows")]
        got, n = phone_bytes(out, pages)
        orig = originals_of(site, pages)
        print(f"{tool}: a 390 px phone at DPR 3 downloads {got / max(n, 1) / 1e3:.0f} kB of images per item page, "
              f"{100 * got / max(orig, 1):.1f} % of the originals' {orig / max(n, 1) / 1e6:.1f} MB (goal: under 15 %)")
    if not hugo:
        print("no comparison with hugo (--no-hugo, or it is not installed)")


if __name__ == "__main__":
    main()
