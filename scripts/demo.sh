#!/usr/bin/env bash
# Sets up, builds, and runs ctiflow's main job on its built-in default:
# validates the bundled flow set (flows/flow-set.json) and runs it against a
# simulated inbound call and a click-to-dial, printing each run's trace.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo run --release -q -p ctiflow-cli -- demo "$@"
