#!/bin/sh
# Import and export of 10,000 member rows: wall time and peak memory.
#
#   cargo build --release && scripts/bench-sheets.sh [path/to/qiao]
#
# Makes a throwaway site (a copy of the example site's site.toml and members) in a
# temporary folder, writes a 10,000-row members.xlsx with `qiao export` of a
# generated site, then times `qiao import members` of it into a site without those
# members, and `qiao export members` of the result, with /usr/bin/time -v (peak
# resident memory). Goals: import under 2 s, export under 1 s.
set -eu
here=$(cd "$(dirname "$0")/.." && pwd)
qiao=${1:-${CARGO_TARGET_DIR:-$here/target}/release/qiao}
rows=${ROWS:-10000}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# A site with $rows generated members, to export the sheet from.
mkdir -p "$tmp/gen/content/members" "$tmp/site/content"
cp "$here/site.toml" "$tmp/gen/site.toml"
cp "$here/site.toml" "$tmp/site/site.toml"
python3 - "$tmp/gen/content/members" "$rows" <<'PY'
import sys, os
out, n = sys.argv[1], int(sys.argv[2])
types = ["university", "college", "enterprise", "association", "government", "institute", "investor"]
offers = ["research", "talent", "equipment", "training", "internships", "funding", "consulting", "venue"]
for i in range(n):
    with open(os.path.join(out, f"m{i:05d}.md"), "w") as f:
        f.write(f'''+++
title = "测试成员单位{i}号"
date = 2025-{i % 12 + 1:02d}-{i % 28 + 1:02d}
type = "{types[i % 7]}"
website = "https://m{i}.example.org/"
joined = 2024-{i % 12 + 1:02d}-{i % 28 + 1:02d}
offers = ["{offers[i % 8]}", "{offers[(i + 3) % 8]}"]
expertise = ["数控加工", "关键词{i % 97}"]
contact = {{ name = "联系人{i}", email = "c{i}@m{i}.example.org", phone = "0000-{i:04d}" }}
+++

成员 {i} 的简介。
''')
PY
"$qiao" export members "$tmp/members.xlsx" --root "$tmp/gen" 2>/dev/null
ls -l "$tmp/members.xlsx" | awk '{print "sheet: " $5 " bytes"}'

measure() {
    label=$1; shift
    /usr/bin/time -v "$@" >/dev/null 2>"$tmp/time.txt" || { cat "$tmp/time.txt"; exit 1; }
    wall=$(grep "Elapsed (wall clock)" "$tmp/time.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$tmp/time.txt" | awk '{print $NF}')
    echo "$label: wall $wall, peak memory $((rss / 1024)) MB"
}

measure "import $rows rows (xlsx), --dry-run: read and check only" "$qiao" import members "$tmp/members.xlsx" --root "$tmp/site" --dry-run
measure "import $rows rows (xlsx)" "$qiao" import members "$tmp/members.xlsx" --root "$tmp/site"
test "$(ls "$tmp/site/content/members" | wc -l)" -eq "$rows"
measure "export $rows rows (xlsx)" "$qiao" export members "$tmp/out.xlsx" --root "$tmp/site"
measure "export $rows rows (csv)" "$qiao" export members "$tmp/out.csv" --root "$tmp/site"
measure "import --update, unchanged" "$qiao" import members "$tmp/out.xlsx" --root "$tmp/site" --update
