//! Dev probe: run the matcher on a transcript with the `terms` of a gold file as dictionary.
//! `cargo run --example probe -- TRANSCRIPT GOLD.toml [OUT MIN_SCORE]`
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
    let props = Matcher::new(&index).find(&t);
    if let (Some(out), Some(min)) = (args.get(3), args.get(4)) {
        let min: f64 = min.parse().unwrap();
        let edits: Vec<_> = props
            .iter()
            .filter(|p| p.score >= min)
            .map(|p| p.edit())
            .collect();
        std::fs::write(out, t.apply(&edits).unwrap()).unwrap();
    }
    for p in props {
        println!(
            "{:>4}:{:<3} {:.3} {:?} -> {:?}  {:?}",
            p.line, p.column, p.score, p.original, p.replacement, p.reasons
        );
    }
}
