#!/usr/bin/env bash
# Refits the score model on the gold sets and rewrites data/score_model.toml, printing the fit
# report (proposals per set, reliability tables and expected calibration error cross-validated
# by file, the auto-apply point). Run it after any change to the matcher's evidence, then
# commit the model file with the change.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --release --locked --quiet --test quality fit_score_model -- --ignored --nocapture
