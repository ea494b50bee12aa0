#!/usr/bin/env bash
# The long fuzzing run of the content pipeline (tests/testsuite/fuzz.rs), before an issue
# that touches content, Markdown or output is resolved:
#
#   scripts/fuzz.sh [SECONDS] [SEED]     # default 600 s, a seed from the clock
#
# Both targets (parse_file, and load+render of a one-file site) run side by side
# for SECONDS, in a release build. Inputs that produced a diagnostic never seen
# before are added to tests/fuzz_corpus/found/ (commit them: the corpus is kept in
# the repository). A failing input is saved to target/fuzz-crashes/; make it a
# regression by moving it to tests/fuzz_corpus/crashes/ once it is fixed. CI runs
# the same test for 20 s (QIAO_FUZZ_SECONDS) as part of `cargo test`.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-600}"
seed="${2:-$(date +%s)}"
echo "== fuzzing for ${seconds}s per target, seed ${seed}"
rm -f target/fuzz-crashes/current-*.md
status=0
QIAO_FUZZ_SECONDS="$seconds" QIAO_FUZZ_SEED="$seed" QIAO_FUZZ_SAVE=1 \
  cargo test --release --locked --test testsuite fuzz:: -- --nocapture --test-threads=3 || status=$?
# An abort (a stack overflow cannot be caught) leaves the input it died on.
for f in target/fuzz-crashes/current-*.md; do
  [ -e "$f" ] || continue
  keep="target/fuzz-crashes/abort-$(sha1sum "$f" | cut -c1-16)-$(basename "$f")"
  mv "$f" "$keep"
  echo "the fuzzer died on the input saved as $keep"
  status=1
done
if [ -d tests/fuzz_corpus/found ]; then
  echo "== corpus: $(ls tests/fuzz_corpus/*.md | wc -l) seeds, $(ls tests/fuzz_corpus/found | wc -l) found"
fi
exit "$status"
