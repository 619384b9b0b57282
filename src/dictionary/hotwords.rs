//! The terms as a recogniser's prompt: Whisper's `initial_prompt`, faster-whisper's
//! `hotwords`. Both bias decoding towards the words of a short text that precedes the audio,
//! so the names most worth the room come first and the text stays within what the decoder
//! keeps.

use std::collections::HashSet;

use super::Entry;
use crate::matcher::lexicon::{Lang, Lexicon};

/// The default length budget, in characters. Whisper keeps at most 223 tokens of a prompt
/// (half its 448-token text context, less one) and drops the oldest beyond that; names
/// split into more tokens than prose, about 3.5 characters a token, so 800 characters
/// stay within the window with the ", " separators.
pub const DEFAULT_MAX_CHARS: usize = 800;

const SEPARATOR: &str = ", ";

/// The names to prompt with, most often corrected first, within `max_chars` characters once
/// joined with ", ". How often a term is corrected is not recorded anywhere that lasts (a
/// review's journal is of one transcript); its `aliases` are: each is a mis-hearing seen
/// and learnt, so the terms with most aliases come first. Among equals, the terms with most
/// words that are not common words of their language: a recogniser spells common words
/// already, and the others are what it gets wrong. Then the shorter (more names fit), then
/// by name. A name that does not fit is left out whole and shorter ones after it may still
/// fill the room.
pub fn select(entries: &[Entry], max_chars: usize) -> Vec<&str> {
    let mut ranked: Vec<(&Entry, usize)> = entries.iter().map(|e| (e, rare_words(e))).collect();
    ranked.sort_by(|(a, a_rare), (b, b_rare)| {
        (b.aliases.len().cmp(&a.aliases.len()))
            .then_with(|| b_rare.cmp(a_rare))
            .then_with(|| {
                a.name
                    .trim()
                    .chars()
                    .count()
                    .cmp(&b.name.trim().chars().count())
            })
            .then_with(|| a.name.trim().cmp(b.name.trim()))
    });
    let ranked = ranked.into_iter().map(|(e, _)| e);
    let mut chosen = Vec::new();
    let mut seen = HashSet::new();
    let mut used = 0;
    for name in ranked.into_iter().map(|e| e.name.trim()) {
        let separator = if chosen.is_empty() {
            0
        } else {
            SEPARATOR.len()
        };
        let cost = separator + name.chars().count();
        if name.is_empty() || used + cost > max_chars || !seen.insert(name) {
            continue;
        }
        used += cost;
        chosen.push(name);
    }
    chosen
}

/// How many of the name's words are not common words (see `Lexicon::is_common`) of the
/// term's language, or, for a term without one, of any language.
fn rare_words(entry: &Entry) -> usize {
    let langs: Vec<Lang> = match entry.lang.as_deref().and_then(Lang::parse) {
        Some(lang) => vec![lang],
        None => Lang::ALL.to_vec(),
    };
    let known = |word: &str| langs.iter().any(|&l| Lexicon::get(l).is_common(word));
    entry
        .name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .filter(|w| !known(&w.to_lowercase()))
        .count()
}

/// The prompt line: the names joined with ", ", and a newline.
pub fn line(names: &[&str]) -> String {
    let mut out = names.join(SEPARATOR);
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn entry(name: &str, aliases: usize) -> Entry {
        Entry {
            aliases: (0..aliases).map(|i| format!("{name} {i}")).collect(),
            ..Entry::new(name)
        }
    }

    #[test]
    fn most_aliases_first_then_most_rare_words() {
        let entries = [
            entry("Vaunes", 0),
            entry("Maëlle Travenec", 3),
            entry("Coopérative Brunelle", 1),
            entry("Baie du Vaisseau", 1),
        ];
        let names = select(&entries, DEFAULT_MAX_CHARS);
        // "Brunelle" is a rare word, "Baie du Vaisseau" is all common French words.
        assert_eq!(
            names,
            [
                "Maëlle Travenec",
                "Coopérative Brunelle",
                "Baie du Vaisseau",
                "Vaunes"
            ]
        );
        assert_eq!(
            line(&names),
            "Maëlle Travenec, Coopérative Brunelle, Baie du Vaisseau, Vaunes\n"
        );
    }

    #[test]
    fn without_aliases_the_words_a_recogniser_does_not_know_come_first() {
        let entries = [
            entry("Conseil d'État", 0),
            entry("Quenel Arduvin", 0),
            entry("Port Évanic", 0),
            entry("Arduvin", 0),
        ];
        // Two unknown words, then one (the shorter first), then none.
        assert_eq!(
            select(&entries, DEFAULT_MAX_CHARS),
            ["Quenel Arduvin", "Arduvin", "Port Évanic", "Conseil d'État"]
        );
        let english = Entry {
            lang: Some("en".into()),
            ..entry("Conseil", 0)
        };
        assert_eq!(rare_words(&english), 1, "not an English word");
        assert_eq!(rare_words(&entry("Conseil", 0)), 0);
    }

    #[test]
    fn a_name_that_does_not_fit_is_left_out_whole() {
        let entries = [
            entry("Maëlle Travenec", 2),
            entry("Baie du Vaisseau", 1),
            entry("Vaunes", 0),
        ];
        // 15 characters, then ", Vaunes" (8): "Baie du Vaisseau" would need 18.
        assert_eq!(select(&entries, 24), ["Maëlle Travenec", "Vaunes"]);
        assert_eq!(select(&entries, 22), ["Maëlle Travenec"]);
        assert_eq!(select(&entries, 5), Vec::<&str>::new());
        assert_eq!(line(&[]), "\n");
    }

    proptest! {
        #[test]
        fn the_budget_holds_and_no_name_is_cut(
            names in prop::collection::vec(("[a-zé ]{0,30}", 0usize..5), 0..40),
            max in 0usize..300,
        ) {
            let entries: Vec<Entry> = names.iter().map(|(n, a)| entry(n, *a)).collect();
            let chosen = select(&entries, max);
            let text = line(&chosen);
            prop_assert!(text.ends_with('\n'));
            prop_assert!(text.trim_end_matches('\n').chars().count() <= max);
            let all: HashSet<&str> = entries.iter().map(|e| e.name.trim()).collect();
            for name in &chosen {
                prop_assert!(all.contains(name));
            }
            // Ranked: a name's first entry in the ranking has its most aliases, and those never
            // increase along the chosen names.
            let aliases = |n: &str| {
                let of_name = entries.iter().filter(|e| e.name.trim() == n);
                of_name.map(|e| e.aliases.len()).max().unwrap_or(0)
            };
            for pair in chosen.windows(2) {
                prop_assert!(aliases(pair[0]) >= aliases(pair[1]));
            }
        }
    }
}
