#!/usr/bin/env bash
# Runs every test of qiao: the repository stands alone, formatting and lints, the
# Rust tests, the JavaScript search tests (node) and the browser tests (headless
# Chromium). First installs what a fresh Debian machine lacks (Python 3 for the
# corpus generator, Node.js, Chromium, nginx and its brotli_static module, the
# test-only npm packages).
set -euo pipefail
cd "$(dirname "$0")/.."
started=$(date +%s)

# Debian packages the tests need, by the command that shows each is there.
missing=()
command -v python3 >/dev/null || missing+=(python3)
command -v node >/dev/null || missing+=(nodejs)
command -v npm >/dev/null || missing+=(npm)
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v git >/dev/null || missing+=(git)
# nginx with the brotli_static module: tests/browser/nginx.test.mjs serves the built
# example site with docs/deploy/nginx.conf.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so ] || missing+=(libnginx-mod-http-brotli-static)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]} (Debian packages) for the tests"
  sudo=""
  [ "$(id -u)" = 0 ] || sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== the repository stands alone (no tracked file reaches outside it)"
python3 scripts/check-standalone.py
echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy"
cargo clippy --locked --all-targets -- -D warnings
echo "== cargo test"
cargo build --locked --release
cargo test --locked

echo "== node --test tests/js (search tokenizer and ranking vectors)"
node --test tests/js/
echo "== browser tests (headless Chromium; nginx with docs/deploy/nginx.conf)"
(cd tests/browser && npm ci --no-audit --no-fund --silent)
QIAO_BIN="$PWD/target/release/qiao" node --test tests/browser/
echo "== search page in headless Chromium, under a strict CSP (root and base path)"
built=$(mktemp -d)
trap 'rm -rf "$built"' EXIT
target/release/qiao build --today 2026-11-24 --output-dir "$built/root" >/dev/null
target/release/qiao build --today 2026-11-24 --output-dir "$built/sub" --base-url https://alliance.example.org/alliance/ >/dev/null
QIAO_SEARCH_SITE="$built/root" node --test tests/js/search-page.browser.mjs
QIAO_SEARCH_SITE="$built/sub" QIAO_SEARCH_BASE=/alliance/ node --test tests/js/search-page.browser.mjs
echo "== all tests passed in $(( $(date +%s) - started )) s"
