#!/usr/bin/env bash
# Benchmarks qiao on generated alliance sites (scripts/gen_corpus.py) and, where
# `hugo` is installed (Debian package), Hugo on the same content (the site
# scripts/to_hugo.py makes of it), in the same run. Prints wall time (median of
# RUNS), CPU seconds and peak RSS per tool and size, the qiao/Hugo ratio, and the
# search index size. Output goes to tmpfs (/dev/shm) when it exists. Corpora and
# Hugo sites are made once per size and kept in BENCH_DIR (delete it to remake them).
# See docs/benchmarks.md.
#
#   scripts/bench.sh [SIZES...]        default: 1000 10000 100000
#   RUNS=5 scripts/bench.sh 10000
#   SEED=2 BENCH_DIR=/tmp/b scripts/bench.sh 1000
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("${@:-1000 10000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
RUNS=${RUNS:-3}
SEED=${SEED:-1}
WORK=${BENCH_DIR:-$( [ -d /dev/shm ] && echo /dev/shm/qiao-bench || echo /tmp/qiao-bench )}
TODAY=2026-06-01
mkdir -p "$WORK"
cargo build --release --quiet
QIAO="$PWD/target/release/qiao"

# shellcheck source=scripts/measure.sh
source scripts/measure.sh

printf '%-8s %-10s %10s %8s %10s\n' docs tool wall_s cpu_s peak_MB
for n in "${SIZES[@]}"; do
  site="$WORK/corpus-$n-s$SEED"
  [ -f "$site/site.toml" ] || python3 scripts/gen_corpus.py "$site" --docs "$n" --seed "$SEED" --today "$TODAY" >/dev/null
  read -r cw cc cr <<<"$(measure "$QIAO" check --root "$site" --today "$TODAY")"
  printf '%-8s %-10s %10s %8s %10s\n' "$n" "qiao check" "$cw" "$cc" "$cr"
  read -r qw qc qr <<<"$(measure "$QIAO" build --root "$site" --output-dir "$WORK/out-$n" --today "$TODAY")"
  printf '%-8s %-10s %10s %8s %10s\n' "$n" "qiao build" "$qw" "$qc" "$qr"
  "$QIAO" build --root "$site" --output-dir "$WORK/out-$n" --today "$TODAY" -v 2>&1 | grep '^timing' | sed "s/^/         /"
  if [ "$n" -le 10000 ]; then
    python3 - "$WORK/out-$n/search" <<'PY'
import gzip, os, sys
d = sys.argv[1]
# The index is stored gzip-compressed (`.jz`) beside its plain manifest.json.
raw = stored = 0; biggest = 0; count = 0
for dirpath, _, names in os.walk(d):
  for name in names:
    if not name.endswith(('.json', '.jz')): continue
    b = open(os.path.join(dirpath, name), 'rb').read()
    plain = gzip.decompress(b) if name.endswith('.jz') else b
    raw += len(plain); stored += len(b); biggest = max(biggest, len(b)); count += 1
print(f"         search index: {count} files, {raw/1e6:.2f} MB as JSON, {stored/1e6:.2f} MB stored, largest file {biggest/1e3:.1f} kB")
PY
  fi
  if command -v hugo >/dev/null && [ "$n" -le 10000 ]; then
    [ -f "$WORK/hugo-$n-s$SEED/hugo/hugo.toml" ] || python3 scripts/to_hugo.py "$site" "$WORK/hugo-$n-s$SEED" >/dev/null
    read -r hw hc hr <<<"$(measure hugo --quiet -s "$WORK/hugo-$n-s$SEED/hugo" -d "$WORK/hugo-out-$n")"
    printf '%-8s %-10s %10s %8s %10s\n' "$n" "hugo" "$hw" "$hc" "$hr"
    python3 -c "print(f'         qiao/hugo wall ratio: {$qw/$hw:.2f}')"
  fi
done
