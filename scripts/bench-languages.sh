#!/usr/bin/env bash
# What a second language costs (issue 24): the same generated corpus built in one
# run, once in Chinese only and once with `[languages.en]` and a third of its items
# translated (scripts/gen_corpus.py --translate 0.33; the originals are the same
# files). The two sites are built in turns (one, two, one, two, ...) so that a change
# in the machine's load falls on both alike. Prints, for each, the median wall time,
# CPU seconds and peak RSS of RUNS builds and the pages written, then the ratios:
# the goal is that build time and memory grow no more than the page count does.
# See docs/benchmarks.md.
#
#   scripts/bench-languages.sh [DOCS]      default 10000
#   RUNS=9 SEED=11 scripts/bench-languages.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-10000}
RUNS=${RUNS:-7}
SEED=${SEED:-11}
FRACTION=${FRACTION:-0.33}
WORK=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/qiao-bench-lang || echo /tmp/qiao-bench-lang )}
TODAY=2026-06-01
mkdir -p "$WORK"
cargo build --release --quiet
QIAO="$PWD/target/release/qiao"

one="$WORK/zh-$DOCS-$SEED"
two="$WORK/zh-en-$DOCS-$SEED"
[ -f "$one/site.toml" ] || python3 scripts/gen_corpus.py "$one" --docs "$DOCS" --seed "$SEED" --today "$TODAY" >/dev/null
[ -f "$two/site.toml" ] || python3 scripts/gen_corpus.py "$two" --docs "$DOCS" --seed "$SEED" --today "$TODAY" --translate "$FRACTION" >/dev/null

# build SITE: one build into the site's own output folder (each replaces the last,
# as an editor's builds do); prints "wall_s cpu_s peak_rss_mb".
build() {
  local tfile w u s m
  tfile=$(mktemp)
  /usr/bin/time -f "%e %U %S %M" -o "$tfile" "$QIAO" build --root "$1" --today "$TODAY" >/dev/null 2>&1 \
    || { echo "failed: $QIAO build --root $1" >&2; exit 1; }
  read -r w u s m <"$tfile"
  rm -f "$tfile"
  echo "$w $(python3 -c "print(round($u + $s, 2))") $((m / 1024))"
}

translations=$(find "$two/content" -name '*.en.md' | wc -l)
echo "corpus: $DOCS documents, seed $SEED; $translations of them translated into English (fraction $FRACTION); $RUNS builds each, in turns; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
# One build of each first, not counted: the files in the page cache, an output
# folder to replace.
build "$one" >/dev/null
build "$two" >/dev/null
runs=()
for _ in $(seq "$RUNS"); do
  runs+=("one $(build "$one")" "two $(build "$two")")
done
p1=$(find "$one/public" -name '*.html' | wc -l)
p2=$(find "$two/public" -name '*.html' | wc -l)
printf '%s\n' "${runs[@]}" | python3 -c '
import statistics, sys
p1, p2, load = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
runs = {"one": [], "two": []}
for line in sys.stdin:
    site, *figures = line.split()
    runs[site].append([float(f) for f in figures])
w1, c1, m1 = (statistics.median(r[k] for r in runs["one"]) for k in range(3))
w2, c2, m2 = (statistics.median(r[k] for r in runs["two"]) for k in range(3))
print("%-28s %8s %8s %9s %8s   (medians)" % ("", "wall s", "CPU s", "peak MB", "pages"))
print("%-28s %8.2f %8.2f %9.0f %8d" % ("Chinese only", w1, c1, m1, p1))
print("%-28s %8.2f %8.2f %9.0f %8d" % ("Chinese + English", w2, c2, m2, p2))
pages = p2 / p1
print(f"ratios (with English / Chinese only): pages {pages:.2f}, wall {w2 / w1:.2f}, CPU {c2 / c1:.2f}, peak memory {m2 / m1:.2f}")
print(f"load at the end: {load}")
ok = w2 / w1 <= pages and m2 / m1 <= pages
print("goal (time and memory grow no more than the pages):", "met" if ok else "NOT met")
' "$p1" "$p2" "$(cut -d' ' -f1-3 /proc/loadavg)"
