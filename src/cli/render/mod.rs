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

#[cfg(test)]
mod tests {
    #[test]
    fn scores_are_shown_rounded_down() {
        assert_eq!(super::score(0.999), "0.99");
        assert_eq!(super::score(0.52), "0.52");
        assert_eq!(super::score(0.5199), "0.51");
        assert_eq!(super::score(1.0), "1.00");
    }
}
