#!/usr/bin/env bash
# Builds the web app and serves it on http://127.0.0.1:8080 (override with PORT=…).
# The sample articles are built into the app: click "Sample articles" to open them.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
trunk build --release
PORT="${PORT:-8080}"
echo "== Dossier is at http://127.0.0.1:$PORT/  (Ctrl-C stops it)"
exec python3 -m http.server "$PORT" --bind 127.0.0.1 --directory dist
