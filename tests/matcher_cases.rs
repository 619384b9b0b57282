//! Small hand-made cases of the matcher's behaviour, with names outside the gold files.

use transfix::{Dictionary, Entry, Index, Kind, Matcher, Proposal, Transcript};

fn entry(name: &str, aliases: &[&str]) -> Entry {
    let mut e = Entry::new(name);
    e.kind = Kind::Person;
    e.aliases = aliases.iter().map(|a| a.to_string()).collect();
    e
}

fn proposals(entries: Vec<Entry>, text: &str) -> Vec<Proposal> {
    let index = Index::build(&Dictionary::from_entries(entries));
    let transcript = Transcript::parse(text.as_bytes()).expect("a transcript");
    Matcher::new(&index).find(&transcript)
}

#[test]
fn a_known_alias_beats_a_longer_fuzzy_window_around_it() {
    let found = proposals(
        vec![entry("Grace Hopper", &["Grace Hoppa"])],
        "00:05 then Grace Hoppa who wrote compilers\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].original, "Grace Hoppa");
    assert_eq!(found[0].score, 1.0);
}

#[test]
fn a_misheard_name_is_proposed_with_its_note() {
    let mut e = entry("Ada Lovelace", &[]);
    e.note = Some("mathematician".into());
    let found = proposals(vec![e], "00:01 we talk about Ada Lovlace and her notes\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].original, "Ada Lovlace");
    assert_eq!(found[0].replacement, "Ada Lovelace");
    assert_eq!(found[0].note.as_deref(), Some("mathematician"));
}

#[test]
fn a_named_term_vouches_less_for_ordinary_words_after_its_own() {
    // Named once, then two of its words followed by ordinary speech: the capitals are the
    // anchors', nothing marks "qui légalise" as a name. Scored below the same name with its
    // last word mis-heard. (Not refused, nor below the auto point: the gold sets' one real
    // case of this shape, a name's last words heard as ordinary ones, was right.)
    let named = "00:01 les Jeux Mondiaux de Lyon arrivent\n";
    let score_of = |line: &str, words: &str| {
        let found = proposals(
            vec![entry("Jeux Mondiaux de Lyon", &[])],
            &format!("{named}{line}"),
        );
        let p = found.iter().find(|p| p.original.contains(words)).cloned();
        (p.map(|p| p.score), found)
    };
    let (misheard, found) = score_of("00:15 avec les Jeux Mondiaux de Lyin cette année\n", "Lyin");
    let misheard = misheard.unwrap_or_else(|| panic!("{found:#?}"));
    let (loose, found) = score_of(
        "00:15 avec la loi sur les Jeux Mondiaux qui légalise pour la première fois\n",
        "qui",
    );
    assert!(loose.is_none_or(|s| s < misheard), "{misheard} {found:#?}");
}

#[test]
fn a_name_split_across_captions_is_fixed_in_each_caption() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nand now we welcome Grace\n\n\
               2\n00:00:02,500 --> 00:00:04,000\nHoper to the show\n";
    let found = proposals(vec![entry("Grace Hopper", &[])], srt);
    assert_eq!(
        found.len(),
        1,
        "the first part is already right: {found:#?}"
    );
    assert_eq!(found[0].original, "Hoper");
    assert_eq!(found[0].replacement, "Hopper");
    assert_eq!(found[0].timestamp.as_deref(), Some("00:00:02,500"));
    let transcript = Transcript::parse(srt.as_bytes()).unwrap();
    let fixed = transcript.apply(&[found[0].edit()]).unwrap();
    assert!(fixed.contains("welcome Grace\n\n2\n"), "{fixed}");
    assert!(fixed.contains("\nHopper to the show"), "{fixed}");
}

#[test]
fn a_split_fix_changes_each_caption_separately() {
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nand now Gracie\n\n\
               2\n00:00:02,500 --> 00:00:04,000\nHoper is here\n";
    let found = proposals(vec![entry("Grace Hopper", &[])], srt);
    let parts: Vec<(&str, &str)> = (found.iter())
        .map(|p| (p.original.as_str(), p.replacement.as_str()))
        .collect();
    assert_eq!(
        parts,
        [("Gracie", "Grace"), ("Hoper", "Hopper")],
        "{found:#?}"
    );
}

#[test]
fn a_common_word_capitalised_at_a_caption_start_is_not_taken_for_a_name() {
    // Recognisers that cut captions at pauses capitalise each one: "Semaine" after a caption
    // without a full stop is the ordinary word, not a slip of a name one letter away.
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nnous partons la\n\n\
               2\n00:00:02,500 --> 00:00:04,000\nSemaine prochaine pour Lyon\n";
    let found = proposals(vec![entry("Samaine", &[])], srt);
    assert!(found.is_empty(), "{found:#?}");
    // A word that is no common word keeps its capital as evidence, at a caption start too.
    let srt = "1\n00:00:01,000 --> 00:00:02,000\nnous partons avec\n\n\
               2\n00:00:02,500 --> 00:00:04,000\nAda Lovlace pour Lyon\n";
    let found = proposals(vec![entry("Ada Lovelace", &[])], srt);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].replacement, "Ada Lovelace");
}

#[test]
fn without_capitals_ordinary_words_next_to_a_word_of_the_name_may_be_the_name() {
    // A transcript with no capitals at all: "bouteille" after "claire" is all there is.
    let found = proposals(
        vec![entry("Claire Boutelle", &[])],
        "00:01 bonjour à tous ce matin nous recevons claire bouteille qui dirige le festival\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].original, "claire bouteille");
    assert_eq!(found[0].replacement, "Claire Boutelle");
}

#[test]
fn without_capitals_ordinary_words_alone_stay() {
    let found = proposals(
        vec![entry("Boutelle", &[])],
        "00:01 bonjour à tous on ouvre une bouteille pour fêter ça avec les auditeurs\n",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn an_ordinary_word_is_not_replaced_by_a_term_that_drops_its_accents() {
    let terms = ["PRES", "Cote", "CA", "ETE"]
        .map(|n| entry(n, &[]))
        .to_vec();
    let found = proposals(
        terms,
        "00:01 on était tout près de la côte, ça a été une belle journée\n\
         00:09 and that was the hero's journey\n",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_name_in_lower_case_in_a_cased_transcript_gets_its_capitals_back() {
    let text = "00:01 Hier, Paul a vu mathilde brisquet à Lyon avec Anne.\n";
    let found = proposals(vec![entry("Mathilde Brisquet", &[])], text);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].original, "mathilde brisquet");
    assert_eq!(found[0].replacement, "Mathilde Brisquet");
    assert_eq!(found[0].reasons, [transfix::Reason::Recapitalised]);
    assert!(found[0].score >= transfix::matcher::AUTO_APPLY);
    // Where nothing is capitalised, lower case is the transcript's way: nothing to restore.
    let caseless = "00:01 hier paul a vu mathilde brisquet à lyon avec anne\n";
    assert!(proposals(vec![entry("Mathilde Brisquet", &[])], caseless).is_empty());
}

#[test]
fn a_name_still_gets_its_accents_back() {
    let found = proposals(
        vec![entry("Zoé Kravitz", &[])],
        "00:01 and then Zoe Kravitz came on stage\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].replacement, "Zoé Kravitz");
}

#[test]
fn an_ordinary_word_is_not_taken_for_a_term_that_inflects_it() {
    let found = proposals(
        vec![entry("Presidente", &[]), entry("Seasons", &[])],
        "00:01 and the President said this season was the last\n",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_name_heard_without_its_silent_plural_is_fixed() {
    let found = proposals(
        vec![entry("Horizons", &[])],
        "00:01 il écrit pour le journal Horizon depuis dix ans\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].replacement, "Horizons");
}

#[test]
fn an_ordinary_word_is_not_replaced_by_a_term_of_another_language_without_its_accents() {
    let terms = ["Europeen", "Energie", "Citee"]
        .map(|n| entry(n, &[]))
        .to_vec();
    let found = proposals(
        terms,
        "00:01 Welcome back. The European Energy summit opened today in the City.\n",
    );
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn the_tail_of_a_contraction_is_no_letter_spelled_out() {
    let terms = ["SA", "MA", "ADN"].map(|n| entry(n, &[])).to_vec();
    let found = proposals(
        terms.clone(),
        "00:01 Well, it's a long road, and I'm a patient man.\n",
    );
    assert!(found.is_empty(), "{found:#?}");
    // After an elided French particle, letters said one by one are still letters.
    let found = proposals(terms, "00:01 Les tests de l'a d n sont revenus.\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].replacement, "ADN");
}

#[test]
fn lowercase_ordinary_words_are_not_swapped_for_frequent_words_of_a_term() {
    let heard = |words: &str| {
        let text = format!(
            "00:01 Bonjour Paul, Marie et Jacques. Ce matin à Lyon, on passe à la {words} \
             du château de Versailles.\n"
        );
        proposals(vec![entry("Salle Verte", &[])], &text)
    };
    let found = heard("sale verte");
    assert!(found.is_empty(), "{found:#?}");
    // The recogniser capitalised the term's own word: the name is being said.
    let found = heard("sale Verte");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].original, "sale Verte");
    assert_eq!(found[0].replacement, "Salle Verte");
}

#[test]
fn every_word_of_a_term_named_elsewhere_must_still_be_heard() {
    let found = proposals(
        vec![entry("Valmont Terminal", &[])],
        "00:01 Listen on the Valmont Terminal and the Valmont Business App.\n",
    );
    assert!(found.is_empty(), "{found:#?}");
    // A word of the term heard close enough is still fixed.
    let found = proposals(
        vec![entry("Valmont Terminal", &[])],
        "00:01 Listen on the Valmont Terminal and the Valmont Terminel App.\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn a_longer_name_heard_around_another_term_is_fixed() {
    let terms = vec![entry("Marchal", &[]), entry("Bruno Marchais", &[])];
    let found = proposals(
        terms.clone(),
        "00:01 Bonjour à tous. Ce matin, Bruno Marchal est avec nous à Paris pour parler du budget.\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].replacement, "Bruno Marchais");
    // Alone, the other term's right spelling stays.
    let found = proposals(terms, "00:01 Ce matin, Marchal est avec nous à Paris.\n");
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn a_term_spelled_right_is_not_taken_for_a_longer_one() {
    let terms = vec![entry("Kalibou", &[]), entry("Kaliboud'chou", &[])];
    let found = proposals(
        terms,
        "00:01 Bonjour à tous. Ce matin, le jeu Kalibou revient sur nos écrans à Paris.\n\
         00:05 Mais elle va aussi travailler sur Kalibouchou.\n\
         00:09 Alors comment Kalibou a réussi ?\n",
    );
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].original, "Kalibouchou");
    assert_eq!(found[0].replacement, "Kaliboud'chou");
}

#[test]
fn a_name_heard_once_is_looked_for_in_its_other_mentions() {
    let far = "00:09 then we had a tachtroolix drink\n";
    let tavrulex = || vec![entry("Tavrulex", &[])];
    // Alone, the variant is too far off for the index to offer the name.
    assert!(proposals(tavrulex(), far).is_empty());
    // Once the transcript establishes the name, its other unusual words are tried against it.
    let text = format!("00:01 we tried the new tavrulecks drink today\n{far}");
    let found = proposals(tavrulex(), &text);
    let originals: Vec<&str> = found.iter().map(|p| p.original.as_str()).collect();
    assert_eq!(originals, ["tavrulecks", "tachtroolix"], "{found:#?}");
}

#[test]
fn without_capitals_a_word_beside_the_full_name_it_was_heard_in_is_the_name() {
    let nora = || vec![entry("Nora Wright", &[])];
    let said =
        "00:01 with us today the minister nora right, minister right, thank you for coming\n";
    let found = proposals(nora(), said);
    let fixes: Vec<(&str, &str)> = (found.iter())
        .map(|p| (p.original.as_str(), p.replacement.as_str()))
        .collect();
    assert_eq!(
        fixes,
        [("nora right", "Nora Wright"), ("right", "Wright")],
        "{found:#?}"
    );
    // The transcript uses the word elsewhere too: it is the speaker's word, near the name or not.
    let also =
        format!("{said}00:20 and that is right where the problem was, so we talk about it\n");
    let found = proposals(nora(), &also);
    assert_eq!(found.len(), 1, "{found:#?}");
}

#[test]
fn without_capitals_a_rare_word_heard_in_a_full_name_is_the_name_unless_an_article_leads() {
    let found = proposals(
        vec![entry("Owen Thatcher", &[])],
        "00:01 the farm where owen thatch started it all\n\
         00:09 the rain fell on the thatch all night\n\
         00:30 thatch says the fields will rest next year\n",
    );
    let lines: Vec<(usize, &str)> = (found.iter())
        .map(|p| (p.line, p.replacement.as_str()))
        .collect();
    assert_eq!(lines, [(1, "Owen Thatcher"), (3, "Thatcher")], "{found:#?}");
}

#[test]
fn without_capitals_a_word_of_the_name_found_as_is_marks_the_join_as_the_recognisers() {
    let lena = || vec![entry("Lena Dacosta", &[])];
    let found = proposals(lena(), "00:01 we spoke with lena da'costa about it\n");
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].replacement, "Lena Dacosta");
    // Ordinary words alone joined by an apostrophe are left as they are.
    assert!(proposals(lena(), "00:01 we spoke with da'costa about it\n").is_empty());
}

/// The corrected text with every proposal applied.
fn fixed(entries: Vec<Entry>, text: &str) -> String {
    let edits: Vec<_> = proposals(entries, text)
        .iter()
        .map(Proposal::edit)
        .collect();
    Transcript::parse(text.as_bytes())
        .unwrap()
        .apply(&edits)
        .unwrap()
}

/// YouTube's automatic captions as yt-dlp saves them: every word timed inline, each line
/// repeated as plain text in the next cue.
const WORD_TIMED: &str = "WEBVTT\nKind: captions\nLanguage: en\n\n\
    00:00:02.360 --> 00:00:05.000 align:start position:0%\n\
    welcome everyone\n\
    today<00:00:02.800><c> ada</c><00:00:03.200><c> lovlace</c><00:00:03.500><c> is</c><00:00:03.800><c> here</c>\n\n\
    00:00:05.000 --> 00:00:05.010 align:start position:0%\n\
    today ada lovlace is here\n \n";

#[test]
fn a_name_across_word_timings_is_fixed_slot_by_slot() {
    let out = fixed(vec![entry("Ada Lovelace", &[])], WORD_TIMED);
    assert!(
        out.contains(
            "today<00:00:02.800><c> Ada</c><00:00:03.200><c> Lovelace</c><00:00:03.500><c> is</c>"
        ),
        "{out}"
    );
    assert!(
        out.contains("\ntoday Ada Lovelace is here\n"),
        "the repeat: {out}"
    );
    let unchanged = |s: &str| s.replace("Ada Lovelace", "ada lovlace");
    assert_eq!(
        unchanged(&out)
            .replace("<c> Ada</c>", "<c> ada</c>")
            .replace("<c> Lovelace</c>", "<c> lovlace</c>"),
        WORD_TIMED,
        "only the words changed"
    );
}

#[test]
fn extra_words_join_the_last_timed_slot_and_missing_ones_empty_theirs() {
    let more = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n\
        we met<00:00:01.500><c> ada</c><00:00:02.000><c> lovlacebyron</c><00:00:02.500><c> today</c>\n";
    let out = fixed(vec![entry("Ada Lovelace Byron", &[])], more);
    assert!(
        out.contains("<c> Ada</c><00:00:02.000><c> Lovelace Byron</c><00:00:02.500><c> today</c>"),
        "{out}"
    );
    let fewer = "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n\
        we met<00:00:01.500><c> ada</c><00:00:02.000><c> love</c><00:00:02.500><c> lace</c><00:00:03.000><c> today</c>\n";
    let out = fixed(vec![entry("Ada Lovelace", &[])], fewer);
    assert!(
        out.contains("<c> Ada</c><00:00:02.000><c> Lovelace</c><00:00:02.500><c> </c><00:00:03.000><c> today</c>"),
        "{out}"
    );
}

#[test]
fn a_name_across_the_lines_of_a_cue_leaves_no_line_blank() {
    let srt = "1\n00:00:01,000 --> 00:00:04,000\nwe met Ada Love\nlace today\n\n\
               2\n00:00:05,000 --> 00:00:06,000\nbye\n";
    let out = fixed(vec![entry("Ada Lovelace", &[])], srt);
    assert!(out.contains("we met Ada\nLovelace today\n"), "{out}");
}
