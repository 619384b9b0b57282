//! Dev probe: run the matcher on a transcript with the `terms` of a gold file as dictionary.
//! `cargo run --example probe -- TRANSCRIPT GOLD.toml`
use transfix::{Dictionary, Entry, Index, Matcher, Transcript};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let bytes = std::fs::read(&args[1]).expect("transcript");
    let gold: toml::Value =
        toml::from_str(&std::fs::read_to_string(&args[2]).expect("gold")).expect("toml");
    let terms = gold["terms"].as_array().expect("terms");
    let dict = Dictionary::from_entries(
        terms
            .iter()
            .map(|t| Entry::new(t.as_str().unwrap()))
            .collect(),
    );
    let index = Index::build(&dict);
    let t = Transcript::parse(&bytes).expect("parse");
    for p in Matcher::new(&index).find(&t) {
        println!(
            "{:>4}:{:<3} {:.3} {:?} -> {:?}  {:?}",
            p.line, p.column, p.score, p.original, p.replacement, p.reasons
        );
    }
}
