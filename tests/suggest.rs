//! `transfix::dictionary::harvest`: candidate terms harvested from a transcript's header and
//! speech.

use transfix::dictionary::harvest::{Found, Suggestion, suggest};
use transfix::{Dictionary, Entry, Index, Transcript};

const PAGE: &str = "\
Entretien avec Marguerite Yourcenar, par Bernard Pivot
Apostrophes, 1979. Et Paris? Nous y reviendrons.
Transcription
00:00 Bonjour Margerite Yourcenar, merci d'être là.
00:04 Vous êtes entrée à l'Académie Goncourt? Non, à l'Académie française.
00:09 C'est vrai, Pierre Nora m'a élue.
00:14 Et Pierre Nora le sait bien, n'est-ce pas.
";

fn run(known: &[&str]) -> Vec<Suggestion> {
    run_on(PAGE, known)
}

fn run_on(page: &str, known: &[&str]) -> Vec<Suggestion> {
    let entries = known.iter().map(|n| Entry::new(*n)).collect();
    let index = Index::build(&Dictionary::from_entries(entries));
    let transcript = Transcript::parse(page.as_bytes()).unwrap();
    suggest(&transcript, &index, 2)
}

fn names(found: &[Suggestion]) -> Vec<&str> {
    found.iter().map(|s| s.name.as_str()).collect()
}

#[test]
fn written_names_recurring_spoken_phrases_and_heard_forms() {
    let found = run(&[]);
    let shown = names(&found);
    assert!(shown.contains(&"Marguerite Yourcenar"), "{shown:?}");
    assert!(shown.contains(&"Bernard Pivot"), "{shown:?}");
    assert!(shown.contains(&"Pierre Nora"), "spoken twice: {shown:?}");
    assert!(
        !shown.contains(&"Académie Goncourt"),
        "spoken once only: {shown:?}"
    );
    for ordinary in [
        "Et",
        "Et Paris",
        "Bonjour",
        "C'est",
        "Transcription",
        "Nous",
        "Non",
    ] {
        assert!(!shown.contains(&ordinary), "{ordinary}: {shown:?}");
    }
    let marguerite = &found[shown
        .iter()
        .position(|n| *n == "Marguerite Yourcenar")
        .unwrap()];
    assert_eq!((marguerite.found, marguerite.line), (Found::Written, 1));
    let heard: Vec<&str> = marguerite.aliases.iter().map(|h| h.form.as_str()).collect();
    assert_eq!(heard, ["Margerite Yourcenar"]);
    let nora = &found[shown.iter().position(|n| *n == "Pierre Nora").unwrap()];
    assert_eq!((nora.found, nora.count, nora.line), (Found::Spoken, 2, 6));
}

#[test]
fn names_a_dictionary_covers_are_not_suggested() {
    let found = run(&["Marguerite Yourcenar", "Pierre Nora"]);
    let shown = names(&found);
    assert!(!shown.contains(&"Marguerite Yourcenar"), "{shown:?}");
    assert!(!shown.contains(&"Pierre Nora"), "{shown:?}");
    assert!(shown.contains(&"Bernard Pivot"), "{shown:?}");
}

/// Old Mac files end their lines with a lone `\r`: the header is still read line by line (a
/// page title is not glued to the next line), and the lines are the same.
#[test]
fn every_line_ending_gives_the_same_suggestions() {
    let expected = run(&[]);
    assert!(names(&expected).contains(&"Bernard Pivot"));
    for ending in ["\r", "\r\n"] {
        let found = run_on(&PAGE.replace('\n', ending), &[]);
        assert_eq!(found, expected, "{ending:?}");
    }
    // A note is kept apart from the timing line under it, which is not a name.
    let vtt = "WEBVTT\r\rNOTE Entretien avec Margaux Delaunay\r00:00.000 --> 00:02.000\rBonjour.\r";
    let found = run_on(vtt, &[]);
    assert_eq!(names(&found), ["Margaux Delaunay"]);
    assert_eq!((found[0].found, found[0].line), (Found::Written, 3));
}
