#!/usr/bin/env bash
# Web bench in headless Chromium: wasm size (gzip), navigation → engine ready
# with 20 flows (a fresh tab with nothing cached, and a reload of the open page
# from the HTTP cache, each beside its floor), and dispatch latency p50/p99 of
# the screen-pop flow over BENCH_EVENTS (default 10,000) events with instant
# bridges (same snapshots, and a contact that changes every event), plus a
# Start→End flow for the facade's own cost. Prints numbers; asserts nothing.
# Targets: ≤ 300 KB gzip, ready ≤ 50 ms, p99 ≤ 100 µs.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/build-wasm.sh >/dev/null
node tests/bench/web-bench.mjs
