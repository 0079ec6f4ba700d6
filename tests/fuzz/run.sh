#!/usr/bin/env bash
# Runs every fuzz target (or the ones named) for SECONDS each, one after another:
#
#   tests/fuzz/run.sh [SECONDS] [TARGET...]      # default: 600 seconds, all targets
#
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`). The seeds
# in corpus/<target>/ are read but never written: what a run discovers goes to work/<target>/,
# and inputs that break an invariant to artifacts/<target>/ (both ignored by git). Replay one
# with `cargo +nightly fuzz run --fuzz-dir tests/fuzz TARGET FILE`.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${1:-600}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(decode html engine annotate_file jsonl import_interchange import_w3c import_brat)
fi

cargo +nightly fuzz build --fuzz-dir .

failed=()
for target in "${targets[@]}"; do
  printf '\n== %s: %s seconds\n' "$target" "$seconds"
  mkdir -p "work/$target"
  # -rss_limit_mb and -timeout turn runaway memory or time on one input into a finding too.
  if ! cargo +nightly fuzz run --fuzz-dir . "$target" "work/$target" "corpus/$target" -- \
      -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1; then
    failed+=("$target")
  fi
done

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz targets that found a problem: ${failed[*]} (inputs under tests/fuzz/artifacts/)"
  exit 1
fi
echo "no problem found in: ${targets[*]}"
