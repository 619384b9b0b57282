#!/usr/bin/env bash
# Refits the score model on the gold sets and rewrites data/score_model.toml, printing the fit
# report (proposals per set, reliability tables and expected calibration error cross-validated
# by file, the auto-apply point). Run it after any change to the matcher's evidence, then
# commit the model file with the change. TRANSFIX_FIT_DUMP=FILE also writes the labelled
# proposals as CSV (set, file, label, hand-weighed strength, every feature, the change), for
# analysis elsewhere; TRANSFIX_QUALITY_VERBOSE=1 lists the wrong proposals scored 0.5 or more
# and the right ones the model scores under 0.5 where the hand-weighed strength was 0.8.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
cargo test --release --locked --quiet --test quality fit_score_model -- --ignored --nocapture
