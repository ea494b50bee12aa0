#!/usr/bin/env bash
# What a second language costs (issue 24): the same generated corpus built twice in
# one run, once in Chinese only and once with `[languages.en]` and a third of its
# items translated (scripts/gen_corpus.py --translate 0.33; the originals are the
# same files). Prints, for each, the median wall time of RUNS builds, CPU seconds,
# peak RSS and the pages written, then the ratios: the goal is that build time and
# memory grow no more than the page count does. See docs/benchmarks.md.
#
#   scripts/bench-languages.sh [DOCS]      default 10000
#   RUNS=5 SEED=11 scripts/bench-languages.sh 10000
set -euo pipefail
cd "$(dirname "$0")/.."
DOCS=${1:-10000}
RUNS=${RUNS:-3}
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

# shellcheck source=scripts/measure.sh
source scripts/measure.sh

# build SITE -> "median_wall cpu_s peak_rss_mb html_pages": RUNS builds into its
# own output folder (each replaces the last, as an editor's builds do)
build() {
  local site=$1 figures
  figures=$(measure "$QIAO" build --root "$site" --today "$TODAY")
  echo "$figures $(find "$site/public" -name '*.html' | wc -l)"
}

translations=$(find "$two/content" -name '*.en.md' | wc -l)
echo "corpus: $DOCS documents, seed $SEED; $translations of them translated into English (fraction $FRACTION); $RUNS builds each; $(nproc) cores; load $(cut -d' ' -f1-3 /proc/loadavg)"
read -r w1 c1 m1 p1 < <(build "$one")
read -r w2 c2 m2 p2 < <(build "$two")
printf '%-28s %8s %8s %9s %8s\n' "" "wall s" "CPU s" "peak MB" "pages"
printf '%-28s %8s %8s %9s %8s\n' "Chinese only" "$w1" "$c1" "$m1" "$p1"
printf '%-28s %8s %8s %9s %8s\n' "Chinese + English" "$w2" "$c2" "$m2" "$p2"
python3 - "$w1" "$w2" "$c1" "$c2" "$m1" "$m2" "$p1" "$p2" <<'EOF'
import sys
w1, w2, c1, c2, m1, m2, p1, p2 = map(float, sys.argv[1:])
pages = p2 / p1
print(f"ratios (with English / Chinese only): pages {pages:.2f}, wall {w2 / w1:.2f}, CPU {c2 / c1:.2f}, peak memory {m2 / m1:.2f}")
ok = w2 / w1 <= pages and m2 / m1 <= pages
print("goal (time and memory grow no more than the pages):", "met" if ok else "NOT met")
EOF
