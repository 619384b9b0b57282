//! Property tests of the matcher: on any text and dictionary it never panics, its proposals
//! lie inside spoken text without overlapping, and applying them changes only their spans.

use proptest::prelude::*;
use transfix::{Dictionary, Entry, Index, Matcher, Transcript};

/// Words drawn from a small alphabet of sounds, so names and text often come close.
fn word() -> impl Strategy<Value = String> {
    "[A-Za-zéèçñ]{1,3}(la|ne|ri|ko|an|on|ou|ch|qu)[a-zéè]{0,3}"
}

/// Transcript lines of generated words, and a dictionary of names made from some of those
/// words with a vowel changed, as a recogniser would mishear them.
fn case() -> impl Strategy<Value = (String, Dictionary)> {
    prop::collection::vec(prop::collection::vec(word(), 1..10), 1..6)
        .prop_flat_map(|lines| {
            let n = lines.iter().map(Vec::len).sum::<usize>();
            let picks = prop::collection::vec((0..n, 1usize..3, any::<bool>()), 1..6);
            (Just(lines), picks)
        })
        .prop_map(|(lines, picks)| {
            let source = lines
                .iter()
                .enumerate()
                .map(|(i, words)| format!("00:{:02} {}\n", i * 3, words.join(" ")))
                .collect();
            let all: Vec<String> = lines.concat();
            let entries = picks
                .into_iter()
                .map(|(i, len, capital)| {
                    let name = all[i..(i + len).min(all.len())].join(" ");
                    Entry::new(misheard(&name, capital))
                })
                .collect();
            (source, Dictionary::from_entries(entries))
        })
}

fn misheard(name: &str, capital: bool) -> String {
    let out = name.replacen('a', "e", 1).replacen('o', "ou", 1);
    if capital { out.to_uppercase() } else { out }
}

fn dictionary() -> impl Strategy<Value = Dictionary> {
    prop::collection::vec(prop::collection::vec(word(), 1..4), 1..8).prop_map(|names| {
        Dictionary::from_entries(names.into_iter().map(|n| Entry::new(n.join(" "))).collect())
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn proposals_stay_in_their_spans((source, dict) in case()) {
        let t = Transcript::parse(source.as_bytes()).unwrap();
        let index = Index::build(&dict);
        let proposals = Matcher::new(&index).find(&t);
        let mut last = 0;
        for p in &proposals {
            prop_assert!(p.span.start >= last, "overlapping or unsorted proposals");
            prop_assert!(t.segments().iter().any(|s| s.span.start <= p.span.start && p.span.end <= s.span.end));
            prop_assert_eq!(&source[p.span.clone()], p.original.as_str());
            prop_assert!((0.0..=1.0).contains(&p.score));
            last = p.span.end;
        }
        let edits: Vec<_> = proposals.iter().map(|p| p.edit()).collect();
        let out = t.apply(&edits).unwrap();
        // Outside the proposals, the text is untouched.
        let mut rebuilt = String::new();
        let mut at = 0;
        for p in &proposals {
            rebuilt.push_str(&source[at..p.span.start]);
            rebuilt.push_str(&p.replacement);
            at = p.span.end;
        }
        rebuilt.push_str(&source[at..]);
        prop_assert_eq!(out, rebuilt);
    }

    #[test]
    fn arbitrary_text_never_panics(source in "\\PC{0,200}", dict in dictionary()) {
        if let Ok(t) = Transcript::parse(source.as_bytes()) {
            let index = Index::build(&dict);
            let _ = Matcher::new(&index).find(&t);
        }
    }
}
