//! JSON lines: one object per proposal, every field of the proposal plus the file and
//! whether `fix` would apply it.

use serde::Serialize;
use transfix::Proposal;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    proposal: &'a Proposal,
    /// Whether `transfix fix` applies it with the default threshold.
    auto_apply: bool,
}

/// One JSON object, without the trailing newline.
pub fn proposal(path: &str, p: &Proposal, auto_apply: f64) -> String {
    let line = Line {
        path,
        proposal: p,
        auto_apply: p.score >= auto_apply,
    };
    // Serialising plain data into a string cannot fail; keep a valid line if it ever did.
    serde_json::to_string(&line)
        .unwrap_or_else(|e| serde_json::json!({ "path": path, "error": e.to_string() }).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::render::text::tests::proposal_in;

    #[test]
    fn one_object_with_every_field() {
        let p = proposal_in("et Naomi Levin", "Naomi Levin", "Noémie Levain", 0.9);
        let v: serde_json::Value = serde_json::from_str(&proposal("a.txt", &p, 0.8)).unwrap();
        assert_eq!(v["path"], "a.txt");
        assert_eq!(v["span"]["start"], 3);
        assert_eq!(v["span"]["end"], 14);
        assert_eq!(v["line"], 1);
        assert_eq!(v["column"], 4);
        assert_eq!(v["timestamp"], "00:05");
        assert_eq!(v["original"], "Naomi Levin");
        assert_eq!(v["replacement"], "Noémie Levain");
        assert_eq!(v["term"], "Noémie Levain");
        assert_eq!(v["kind"], "person");
        assert_eq!(v["score"], 0.9);
        assert_eq!(v["auto_apply"], true);
        assert_eq!(v["reasons"][0]["type"], "alias");
        assert_eq!(v["reasons"][0]["alias"], "Naomi Levin");
    }
}
