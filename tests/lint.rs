//! `transfix::dictionary::lint`: the checks behind `transfix dict lint`, on dictionary texts.

use std::path::{Path, PathBuf};

use transfix::dictionary::lint::{Finding, Report, Severity, Source, lint, lint_files};

fn source(path: &str, text: &str) -> Source {
    Source {
        path: PathBuf::from(path),
        text: Ok(text.to_owned()),
    }
}

/// One layer of one file.
fn lint_one(text: &str) -> Report {
    lint(&[vec![source("d.toml", text)]])
}

/// `(severity, file, line, message)` of every finding, for compact assertions.
fn summary(report: &Report) -> Vec<(Severity, String, Option<usize>, String)> {
    report
        .findings
        .iter()
        .map(|f| {
            (
                f.severity,
                f.path.display().to_string(),
                f.line,
                f.message.clone(),
            )
        })
        .collect()
}

fn only(report: &Report) -> &Finding {
    assert_eq!(report.findings.len(), 1, "{:#?}", report.findings);
    &report.findings[0]
}

fn help(finding: &Finding) -> &str {
    finding.suggestion.as_deref().unwrap_or("")
}

#[test]
fn a_clean_dictionary_has_no_findings() {
    let report = lint_one(
        r#"
[[term]]
name = "Ada Lovelace"
kind = "person"
aliases = ["Ada Lovelase"]
never = ["ada"]

[[term]]
name = "Observatoire de Kerhaliou"
kind = "org"

[[term]]
name = "Jardin botanique"
"#,
    );
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
    assert_eq!(
        (report.terms, report.errors(), report.warnings()),
        (3, 0, 0)
    );
}

#[test]
fn a_file_that_does_not_parse_is_reported_and_the_others_are_checked() {
    let report = lint(&[vec![
        source("a.toml", "[[term]]\nname = \"A\"\naliases = [\"B\"\n"),
        source(
            "b.toml",
            "[[term]]\nname = \"Hélène Brossard\"\naliases = [\"Hélène Brossard\"]\n",
        ),
    ]]);
    let first = &report.findings[0];
    assert_eq!(first.severity, Severity::Error);
    assert_eq!((first.line, first.column), (Some(3), Some(15)));
    assert_eq!(first.message, "unclosed array, expected `]`");
    assert_eq!(first.suggestion, None);
    let second = &report.findings[1];
    assert_eq!(second.path, Path::new("b.toml"));
    assert!(second.message.contains("the term's own name"));
    assert_eq!(report.findings.len(), 2);
}

#[test]
fn unknown_fields_and_kinds_suggest_the_closest_one() {
    let field = lint_one("[[term]]\nname = \"A B\"\nalias = [\"B\"]\n");
    let finding = only(&field);
    assert_eq!((finding.line, finding.column), (Some(3), Some(1)));
    assert!(finding.message.starts_with("unknown field `alias`"));
    assert_eq!(help(finding), "did you mean `aliases`?");

    let kind = lint_one("[[term]]\nname = \"A B\"\nkind = \"organisation\"\n");
    assert_eq!(help(only(&kind)), "did you mean `org`?");

    let far = lint_one("[[term]]\nname = \"A B\"\nkind = \"zzz\"\n");
    assert_eq!(only(&far).suggestion, None);
}

#[test]
fn an_unreadable_file_is_an_error_without_a_line() {
    let missing = Path::new("/nonexistent/transfix-lint/none.toml").to_owned();
    let report = lint_files(&[vec![missing.clone()]]);
    let finding = only(&report);
    assert_eq!(
        (finding.severity, &finding.path),
        (Severity::Error, &missing)
    );
    assert_eq!(finding.line, None);
}

#[test]
fn an_empty_name_is_an_error_and_the_rest_of_the_file_is_still_checked() {
    let report = lint_one(
        "[[term]]\nname = \"  \"\n\n[[term]]\nname = \"Saint-Malo\"\naliases = [\"Saint-Malo\"]\n",
    );
    assert_eq!(
        summary(&report),
        [
            (
                Severity::Error,
                "d.toml".into(),
                Some(2),
                "term has a `name` of only white space".into()
            ),
            (
                Severity::Error,
                "d.toml".into(),
                Some(4),
                "alias \"Saint-Malo\" is the term's own name".into()
            ),
        ]
    );
}

#[test]
fn a_name_defined_twice_in_one_layer_points_at_the_other() {
    let text = "[[term]]\nname = \"Ada Lovelace\"\n\n[[term]]\nname = \"Ada Lovelace\"\n";
    let within = lint_one(text);
    assert_eq!(
        only(&within).message,
        "\"Ada Lovelace\" is defined twice in this file (first at line 1)"
    );
    assert_eq!(only(&within).line, Some(4));

    let across = lint(&[vec![
        source("a.toml", "[[term]]\nname = \"Ada Lovelace\"\n"),
        source("b.toml", "\n[[term]]\nname = \"Ada Lovelace\"\n"),
    ]]);
    let finding = only(&across);
    assert_eq!(
        (finding.path.to_str(), finding.line),
        (Some("b.toml"), Some(2))
    );
    assert!(finding.message.ends_with("(first at a.toml:1)"));
}

#[test]
fn a_later_layer_may_name_a_term_again_to_add_to_it() {
    let report = lint(&[
        vec![source(
            "shipped.toml",
            "[[term]]\nname = \"Ada Lovelace\"\n",
        )],
        vec![source(
            "personal.toml",
            "[[term]]\nname = \"Ada Lovelace\"\naliases = [\"Ada Loveless\"]\n",
        )],
    ]);
    assert!(report.findings.is_empty(), "{:#?}", report.findings);
}

#[test]
fn names_differing_only_in_accents_warn() {
    let report = lint(&[
        vec![source("a.toml", "[[term]]\nname = \"Hélène Brossard\"\n")],
        vec![source("b.toml", "[[term]]\nname = \"Helene Brossard\"\n")],
    ]);
    let finding = only(&report);
    assert_eq!(finding.severity, Severity::Warning);
    assert!(finding.message.contains("only in case, accents"));
}

#[test]
fn aliases_against_the_term_itself() {
    let report = lint_one(
        r#"
[[term]]
name = "Hélène Brossard"
aliases = ["Hélène Brossard", "helene brossard", "Elaine Brossard", "Elaine  Brossard", "Helen Brossard"]
never = ["helen brossard"]
"#,
    );
    let got: Vec<(Severity, &str)> = report
        .findings
        .iter()
        .map(|f| (f.severity, f.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            (
                Severity::Error,
                "alias \"Hélène Brossard\" is the term's own name"
            ),
            (
                Severity::Warning,
                "alias \"helene brossard\" differs from the name only in case, accents, spaces or punctuation: the name already matches it"
            ),
            (
                Severity::Warning,
                "alias \"Elaine  Brossard\" repeats \"Elaine Brossard\" (same letters, case and accents aside)"
            ),
            (
                Severity::Error,
                "\"Helen Brossard\" is both in `aliases` and in `never`"
            ),
        ]
    );
}

#[test]
fn an_alias_naming_another_term_is_an_error() {
    let report = lint_one(
        "[[term]]\nname = \"Saint-Malo\"\n\n[[term]]\nname = \"Théo Vandermolen\"\naliases = [\"saint malo\"]\n",
    );
    let finding = only(&report);
    assert_eq!((finding.severity, finding.line), (Severity::Error, Some(4)));
    assert_eq!(
        finding.message,
        "alias \"saint malo\" is the name of another term, \"Saint-Malo\" (d.toml:1)"
    );
    assert!(
        help(finding).contains("every \"Saint-Malo\" would be rewritten as \"Théo Vandermolen\"")
    );
}

#[test]
fn an_alias_shared_by_two_terms_is_ambiguous() {
    let report = lint_one(
        "[[term]]\nname = \"Hélène Brossard\"\naliases = [\"Helen Brossard\"]\n\n[[term]]\nname = \"Helena Brossart\"\naliases = [\"helen brossard\"]\n",
    );
    let finding = only(&report);
    assert_eq!(
        (finding.severity, finding.line),
        (Severity::Warning, Some(5))
    );
    assert!(
        finding
            .message
            .ends_with("is also an alias of \"Hélène Brossard\" (d.toml:1): ambiguous")
    );
}

#[test]
fn a_term_spelt_like_a_common_word_suggests_never_forms() {
    let report = lint_one("[[term]]\nname = \"Orange\"\nkind = \"org\"\n");
    let finding = only(&report);
    assert_eq!(finding.severity, Severity::Warning);
    assert!(
        finding
            .message
            .contains("spelt like the common word \"orange\" (French, English)")
    );
    assert!(help(finding).starts_with("add `never = [\"orange\", \"oranges\"]`"));
}

#[test]
fn the_only_distinctive_word_of_a_longer_name_counts() {
    let report = lint_one("[[term]]\nname = \"Le Parisien\"\n");
    let finding = only(&report);
    assert!(finding.message.starts_with(
        "\"Parisien\", the only distinctive word of \"Le Parisien\", is spelt like the common word \"parisien\""
    ));
    // Two distinctive words: the name as a whole is no ordinary word.
    assert!(
        lint_one("[[term]]\nname = \"Jardin botanique\"\n")
            .findings
            .is_empty()
    );
}

#[test]
fn names_in_the_word_lists_that_take_no_plural_are_not_ordinary_words() {
    // "marseille" is frequent in the lists, as the city: no plural, no warning.
    assert!(
        lint_one("[[term]]\nname = \"Marseille\"\n")
            .findings
            .is_empty()
    );
}

#[test]
fn a_homophone_of_a_frequent_word_warns() {
    let report = lint_one("[[term]]\nname = \"Mézon\"\n");
    let finding = only(&report);
    assert!(finding.message.contains("sounds like the words \"maison\""));
    assert!(help(finding).contains("\"maison\""));
}

#[test]
fn collisions_the_never_list_covers_are_not_reported() {
    let covered = "[[term]]\nname = \"Orange\"\nnever = [\"Orange\", \"ORANGES\"]\n";
    assert!(lint_one(covered).findings.is_empty());
    // Half covered: only the rest is suggested.
    let half = lint_one("[[term]]\nname = \"Orange\"\nnever = [\"orange\"]\n");
    assert!(help(only(&half)).starts_with("add `never = [\"oranges\"]`"));
    // Covered by a later layer's definition of the same term.
    let layered = lint(&[
        vec![source("a.toml", "[[term]]\nname = \"Orange\"\n")],
        vec![source(
            "b.toml",
            "[[term]]\nname = \"Orange\"\nnever = [\"orange\", \"oranges\"]\n",
        )],
    ]);
    assert!(layered.findings.is_empty(), "{:#?}", layered.findings);
}

#[test]
fn short_names_and_acronyms_warn_once() {
    let short = lint_one("[[term]]\nname = \"Léa\"\n");
    // Only the shortness: a short name is only matched as written, whatever it sounds like.
    assert!(only(&short).message.contains("very short (3 letters)"));
    let acronym = lint_one("[[term]]\nname = \"QZR\"\n");
    assert!(
        only(&acronym).message.contains("acronym") && only(&acronym).message.contains("\"Q Z R\"")
    );
    assert!(lint_one("[[term]]\nname = \"QZRW\"\n").findings.is_empty());
}

/// Blank names and forms are errors at the string, with its column; every one is reported,
/// and a form with no letter (but not blank) stays a warning, at its term's header.
#[test]
fn blank_names_and_forms_are_errors_at_their_column() {
    let report = lint_one(
        "[[term]]\nname = \"\"\n\n[[term]]\nname = \"Ada Lovelace\"\naliases = [\"Ada Lovlace\", \"\", \"-\"]\nnever = [\" \"]\n",
    );
    let found: Vec<_> = (report.findings.iter())
        .map(|f| (f.severity, f.line, f.column, f.message.as_str(), help(f)))
        .collect();
    assert_eq!(
        found,
        [
            (
                Severity::Error,
                Some(2),
                Some(8),
                "term has an empty `name`",
                "give the term its name, or remove the entry"
            ),
            (
                Severity::Warning,
                Some(4),
                None,
                "alias \"-\" has no letter or digit: it matches nothing",
                "remove it from `aliases`"
            ),
            (
                Severity::Error,
                Some(6),
                Some(27),
                "`aliases` has an empty form",
                "remove it from `aliases`"
            ),
            (
                Severity::Error,
                Some(7),
                Some(10),
                "`never` has a form of only white space",
                "remove it from `never`"
            ),
        ]
    );
}

#[test]
fn findings_come_in_file_then_line_order() {
    let report = lint(&[
        vec![
            source(
                "b.toml",
                "[[term]]\nname = \"Léa\"\n\n[[term]]\nname = \"\"\n",
            ),
            source("a.toml", "[[term]]\nname = \"QZR\"\n"),
        ],
        vec![source(
            "c.toml",
            "[[term]]\nname = \"Zorvak Quellington\"\naliases = [\"Zorvak Quellington\"]\n",
        )],
    ]);
    let places: Vec<(String, Option<usize>)> = summary(&report)
        .into_iter()
        .map(|(_, file, line, _)| (file, line))
        .collect();
    assert_eq!(
        places,
        [
            ("b.toml".into(), Some(1)),
            ("b.toml".into(), Some(5)),
            ("a.toml".into(), Some(1)),
            ("c.toml".into(), Some(1)),
        ]
    );
    assert_eq!((report.errors(), report.warnings()), (2, 2));
}

#[test]
fn a_large_dictionary_is_linted_quickly() {
    // Line numbers are counted on from entry to entry, and the word lists are built once.
    let mut text = String::new();
    for i in 0..5_000 {
        text.push_str(&format!("[[term]]\nname = \"Zorvak{i} Quellington\"\n\n"));
    }
    let start = std::time::Instant::now();
    let report = lint_one(&text);
    assert!(report.findings.is_empty());
    assert_eq!(report.terms, 5_000);
    assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
}
