#!/usr/bin/env bash
# Builds the browser bundle:
#   www/pkg/ctiflow_wasm.js + ctiflow_wasm_bg.wasm   (wasm-bindgen --target web)
#   www/vendor/connect-streams-min.js               (the real amazon-connect-streams, from node_modules)
# Builds crates/wasm-bundle (the root that links the facade) with the profile
# `wasm-release` (opt-level z, the dispatch crate at 2 for speed,
# panic=abort, stripped; see Cargo.toml).
# Needs: the wasm32 target, wasm-bindgen-cli 0.2.130 and node_modules
# (amazon-connect-streams, binaryen's wasm-opt; scripts/setup.sh installs all). Both output dirs are gitignored.
set -euo pipefail
cd "$(dirname "$0")/.."

PROFILE=${CTIFLOW_WASM_PROFILE:-wasm-release}
# strip=debuginfo (not the profile's strip=true) keeps the target_features
# section wasm-bindgen reads; wasm-bindgen drops the names itself.
CARGO_PROFILE_WASM_RELEASE_STRIP=debuginfo \
  cargo build --target wasm32-unknown-unknown --profile "$PROFILE" -p ctiflow-wasm-bundle
wasm="${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$PROFILE/ctiflow_wasm_bundle.wasm"

WB=$(command -v wasm-bindgen || echo "$HOME/.cargo/bin/wasm-bindgen")
"$WB" --target web --remove-name-section --remove-producers-section --out-dir www/pkg --out-name ctiflow_wasm "$wasm"

# Shrink with binaryen's wasm-opt (the npm package `binaryen`, a dev
# dependency, so setup installs it; a wasm-opt on PATH is the fallback).
# -O1, not -Oz: measured on this bundle, -O1 saves 3.6 KB gzip while -Oz and
# -Os shrink the raw file but grow the gzipped one (+7 KB / +6 KB).
# CTIFLOW_WASM_OPT=0 skips it.
WO=node_modules/.bin/wasm-opt
[ -x "$WO" ] || WO=$(command -v wasm-opt || true)
if [ "${CTIFLOW_WASM_OPT:-1}" != 0 ] && [ -n "$WO" ]; then
  "$WO" -O1 --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --enable-reference-types --enable-multivalue \
    -o www/pkg/ctiflow_wasm_bg.wasm www/pkg/ctiflow_wasm_bg.wasm
else
  echo "note: wasm-opt not found (npm ci installs binaryen); bundle not optimised" >&2
fi

mkdir -p www/vendor
src=node_modules/amazon-connect-streams/release/connect-streams-min.js
if [ -f "$src" ]; then
  cp "$src" www/vendor/connect-streams-min.js
else
  echo "warning: $src missing; run scripts/setup.sh (npm ci) for the adapter page" >&2
fi

size=$(wc -c < www/pkg/ctiflow_wasm_bg.wasm)
gz=$(gzip -9c www/pkg/ctiflow_wasm_bg.wasm | wc -c)
echo "www/pkg/ctiflow_wasm_bg.wasm: $size bytes ($gz gzip)"
