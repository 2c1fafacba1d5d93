#!/usr/bin/env bash
# Replays every recorded session in tests/recordings/ headless and compares
# each trace with its .trace.jsonl (exit 1 and a diff naming event, flow and
# action when a flow change alters what a recorded call does).
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build -q -p ctiflow-cli
target=${CARGO_TARGET_DIR:-target}
"$target/debug/ctiflow" replay tests/recordings/*.jsonl --junit "$target/replay-junit.xml"
