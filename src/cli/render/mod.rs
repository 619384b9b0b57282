//! Everything that formats text for people or programs. The library never prints; this does.

pub mod diff;
pub mod json;
pub mod review;
pub mod style;
pub mod text;

pub use style::Colors;

/// A score as people read it: two decimals, rounded down, so that a fix shown at the
/// auto-apply point is one `fix` applies, and only a certain one shows 1.00.
pub fn score(p: f64) -> String {
    format!("{:.2}", (p * 100.0 + 1e-9).floor() / 100.0)
}

/// What weighs in a proposal's score, largest first, as "sounds alike +2.1 · ..." (at most
/// `most` of them, those that round to 0.0 left out); `None` for a score the model did not
/// weigh (a listed alias, restored capitals).
pub fn weighs(p: &transfix::Proposal, most: usize) -> Option<String> {
    let parts: Vec<String> = (p.reasons.iter())
        .filter_map(|r| match r {
            transfix::Reason::Weighs { says, log_odds, .. } if log_odds.abs() >= 0.05 => {
                Some(format!("{says} {}", signed(*log_odds)))
            }
            _ => None,
        })
        .take(most)
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// A contribution to the log-odds, one decimal, with its sign ("+2.1", "−1.4").
pub fn signed(log_odds: f64) -> String {
    let v = (log_odds * 10.0).round() / 10.0 + 0.0; // no "-0.0"
    if v < 0.0 {
        format!("\u{2212}{:.1}", -v)
    } else {
        format!("+{v:.1}")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scores_are_shown_rounded_down() {
        assert_eq!(super::score(0.999), "0.99");
        assert_eq!(super::score(0.52), "0.52");
        assert_eq!(super::score(0.5199), "0.51");
        assert_eq!(super::score(1.0), "1.00");
    }

    #[test]
    fn contributions_are_signed_with_one_decimal() {
        assert_eq!(super::signed(2.14), "+2.1");
        assert_eq!(super::signed(-1.36), "\u{2212}1.4");
        assert_eq!(super::signed(-0.01), "+0.0");
    }
}
