#!/usr/bin/env bash
# Runs every test of qiao: formatting and lints, the Rust tests, the JavaScript
# search tests (node) and the browser tests (headless Chromium). Installs what a
# fresh Debian machine lacks (Chromium, the test-only npm packages) first.
set -euo pipefail
cd "$(dirname "$0")/.."

need_chromium=0
[ -x /usr/bin/chromium ] || need_chromium=1
if [ "$need_chromium" = 1 ]; then
  echo "== installing Chromium (Debian package) for the browser tests"
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
  else
    sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null
  fi
fi
if ! command -v node >/dev/null; then
  echo "== installing Node.js (Debian package) for the JavaScript tests"
  if [ "$(id -u)" = 0 ]; then apt-get install -y -qq nodejs npm >/dev/null; else sudo apt-get install -y -qq nodejs npm >/dev/null; fi
fi

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo build --locked --release
cargo test --locked

if [ -d tests/js ]; then
  echo "== node --test tests/js (search tokenizer and ranking vectors)"
  node --test tests/js/
fi
if [ -f tests/browser/package.json ]; then
  echo "== browser tests (headless Chromium)"
  (cd tests/browser && npm ci --no-audit --no-fund --silent)
  QIAO_BIN="$PWD/target/release/qiao" node --test tests/browser/
  echo "== search page in headless Chromium, under a strict CSP (root and base path)"
  built=$(mktemp -d)
  target/release/qiao build --today 2026-11-24 --output-dir "$built/root" >/dev/null
  target/release/qiao build --today 2026-11-24 --output-dir "$built/sub" --base-url https://alliance.example.org/alliance/ >/dev/null
  QIAO_SEARCH_SITE="$built/root" node --test tests/js/search-page.browser.mjs
  QIAO_SEARCH_SITE="$built/sub" QIAO_SEARCH_BASE=/alliance/ node --test tests/js/search-page.browser.mjs
  rm -rf "$built"
fi
echo "== all tests passed"
