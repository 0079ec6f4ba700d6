#!/usr/bin/env bash
# Runs every test of Dossier, after installing whatever is missing (see scripts/setup.sh):
# formatting and lints, native unit/table/corpus/CLI tests, the CLI on the sample corpus
# scored by the official scorer when it is available, browser tests (wasm-bindgen-test in
# headless Chromium), the release web build, and end-to-end tests that drop real files.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '\n== %s\n' "$*"; }

step "formatting and lints"
cargo fmt --check
cargo clippy --all-targets --quiet -- -D warnings
cargo clippy --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "native tests (engine, input, export, corpus scores, CLI)"
cargo test --quiet -- --nocapture 2>&1 | grep -vE '^(running 0 tests|test result: ok. 0 passed.*)$' | grep -v '^$'

step "command-line tool on the sample corpus, and on a 60 MB file"
cargo build --release --quiet --bin dossier
cargo test --release --quiet --test cli_hostile -- --ignored 2>&1 | grep -v '^$'
scorer=../shared/eval/score.py
if [ -f "$scorer" ] && [ -d ../shared/corpus/gold ]; then
  pred=$(mktemp)
  target/release/dossier annotate samples > "$pred"
  python3 "$scorer" samples ../shared/corpus/gold "$pred" | tee target/sample-scores.txt
  grep -q 'bad offsets: 0' target/sample-scores.txt || { echo "annotations with bad offsets"; exit 1; }
  rm -f "$pred"
else
  echo "(the official scorer is not beside this checkout; tests/corpus.rs scored the samples above)"
fi

step "browser tests (wasm-bindgen-test in headless Chromium)"
cargo test --target wasm32-unknown-unknown

step "release web build"
trunk build --release
ls -l dist

step "end-to-end tests in headless Chromium"
DIST_DIR=dist DOSSIER_CLI=target/release/dossier node tests/e2e/run.mjs
