#!/usr/bin/env bash
# Installs whatever is missing to build and test Dossier, and skips what is already there.
# Every tool is pinned: the build works offline and cannot drift. Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
WASM_BINDGEN_VERSION=0.2.130
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

step() { printf '== %s\n' "$*"; }

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! trunk --version 2>/dev/null | grep -qx "trunk $TRUNK_VERSION"; then
  step "installing trunk $TRUNK_VERSION (about 8 minutes, once)"
  cargo install trunk --version "$TRUNK_VERSION" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $WASM_BINDGEN_VERSION"; then
  step "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes, once)"
  # Not --locked: one locked dependency of this release is no longer in the registry.
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] \
   || [ ! -d node_modules/compromise ] \
   || ! node_modules/.bin/wasm-opt --version | grep -q "version 132"; then
  step "installing wasm-opt (binaryen 132), playwright-core and compromise (benchmark) from npm"
  npm install --no-audit --no-fund --loglevel=error
fi

if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then
  step "installing Chromium and ChromeDriver from Debian"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
fi

# The STIX 2.1 export is validated against the official JSON schemas. 3.3.1 ships without them.
if ! python3 -c 'import os, stix2validator as v; assert os.path.isdir(os.path.dirname(v.__file__) + "/schemas-2.1/schemas")' 2>/dev/null; then
  step "installing stix2-validator 3.2.0 (STIX 2.1 schemas) from PyPI"
  python3 -m pip install --quiet --disable-pip-version-check 'stix2-validator==3.2.0'
fi
