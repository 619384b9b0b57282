//! Reads the auto-apply point of the fitted score model (`data/score_model.toml`) into a
//! constant, so that `AUTO_APPLY` is the figure the fit measured and nothing else.

use std::{env, fs, path::Path};

fn main() {
    let model = "data/score_model.toml";
    println!("cargo:rerun-if-changed={model}");
    let text = fs::read_to_string(model).unwrap_or_else(|e| panic!("{model}: {e}"));
    let value = text
        .lines()
        .find_map(|l| l.strip_prefix("auto_apply = "))
        .unwrap_or_else(|| panic!("{model}: no `auto_apply = ` line"));
    let auto: f64 = value
        .trim()
        .parse()
        .unwrap_or_else(|e| panic!("{model}: auto_apply: {e}"));
    assert!((0.0..=1.0).contains(&auto), "{model}: auto_apply {auto}");
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("auto_apply.rs");
    fs::write(out, format!("{auto:?}")).expect("OUT_DIR is writable");
}
