//! An index updated after an edit of its dictionaries, instead of built again.
//!
//! Every `dict add`, hand edit or alias learnt in review changes the dictionaries, and a
//! 100,000-entry build takes over a second. Most of the terms are as they were: each term
//! records a fingerprint of its entry, so the update finds them again (wherever they moved)
//! and keeps their keys, prepares only the new and changed entries, and merges their keys
//! into the key table in one pass. The result is the index `build` makes of the edited
//! dictionaries: the tests hold the two to the same cache file, byte for byte.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::index::{Index, MAX_TERMS, Term, next_id, prepare, push_pairs, term_tokens};
use super::keys::KeyTable;
use super::names::Gathering;
use super::normalize::Interner;
use super::said::Said;
use super::termkeys::{Making, TermKeys};
use super::terms::{Source, Terms};
use crate::dictionary::{Dictionary, Entry};

/// Marks an old term that the edited dictionaries no longer have as it was.
const GONE: u32 = u32::MAX;

/// The terms of the edited dictionaries, against those of the index before.
struct Edit<'d> {
    /// Per term: its entry, its fingerprint, and the old term it is (or `GONE`).
    entries: Vec<&'d Entry>,
    fingerprints: Vec<u64>,
    old_of: Vec<u32>,
    /// Per old term: the term it is now (or `GONE`).
    new_of: Vec<u32>,
    /// The new and changed terms, by number, prepared.
    made: FxHashMap<usize, Term>,
}

impl Index {
    /// The index of `dictionary`, made from this index of an earlier version of it. `None`
    /// when a build is as quick (over half the terms are new or changed), or when the edit
    /// brings a crowded key back under the limit of postings: the postings of such a key
    /// were never stored, so only a build can list them.
    pub fn update(mut self, dictionary: &Dictionary) -> Option<Index> {
        if self.fingerprints.len() != self.len() {
            return None;
        }
        let edit = self.edit(dictionary)?;
        let mut names = Gathering::default();
        for (&j, term) in &edit.made {
            names.add(j as u32, term, edit.entries[j]);
        }
        let mut updated = Index {
            keys: self.updated_keys(&edit)?,
            term_keys: self.updated_term_keys(&edit),
            canonical: (self.canonical).updated(&edit.new_of, GONE, names.canonical),
            aliases: (self.aliases).updated(&edit.new_of, GONE, names.aliases),
            fingerprints: edit.fingerprints.into(),
            id: next_id(),
            ..Index::default()
        };
        updated.names_done();
        let mut made = edit.made;
        let sources = (edit.old_of.iter().enumerate())
            .map(|(j, &i)| match made.remove(&j) {
                Some(term) => Source::Made(Box::new(term)),
                None => Source::Kept {
                    old: i,
                    origin: (edit.entries[j].origin.as_ref()).map(|o| (&*o.path, o.line)),
                },
            })
            .collect();
        updated.terms = std::mem::take(&mut self.terms).updated(sources);
        Some(updated)
    }

    /// The edit that makes `dictionary` of this index's dictionaries, its new and changed
    /// terms prepared; `None` if over half the terms are.
    fn edit<'d>(&self, dictionary: &'d Dictionary) -> Option<Edit<'d>> {
        let all: Vec<&Entry> = dictionary.entries.iter().take(MAX_TERMS).collect();
        let prints: Vec<u64> = all.par_iter().map(|e| e.fingerprint()).collect();
        let found = found_again(&self.fingerprints, &prints);
        // An entry found again makes the term it made; any other is new or changed, and
        // makes a term if its name has words enough (see `build`).
        let (mut entries, mut fingerprints, mut old_of) = (Vec::new(), Vec::new(), Vec::new());
        let mut made = Vec::new();
        let mut words = None;
        for ((entry, print), old) in all.into_iter().zip(prints).zip(found) {
            if old == GONE {
                let words = words.get_or_insert_with(|| Interner::knowing(self.words()));
                let Some(tokens) = term_tokens(entry, words) else {
                    continue;
                };
                made.push((entries.len(), tokens));
            }
            entries.push(entry);
            fingerprints.push(print);
            old_of.push(old);
        }
        if made.len() * 2 > entries.len().max(2) {
            return None;
        }
        let made = (made.into_par_iter())
            .map_init(Said::default, |said, (j, tokens)| {
                (j, prepare(entries[j], tokens, said))
            })
            .collect();
        let mut new_of = vec![GONE; self.len()];
        for (j, &i) in old_of.iter().enumerate().filter(|(_, i)| **i != GONE) {
            new_of[i as usize] = j as u32;
        }
        Some(Edit {
            entries,
            fingerprints,
            old_of,
            new_of,
            made,
        })
    }

    /// The key table after `edit`: the gone terms' keys matter only to crowded keys.
    fn updated_keys(&self, edit: &Edit) -> Option<KeyTable> {
        let gone = (0..self.len() as u32).filter(|&i| edit.new_of[i as usize] == GONE);
        let gone = sorted_pairs(gone, |i, out| {
            self.terms.with(i, |term| push_pairs(i, term, out))
        });
        let added = sorted_pairs(edit.made.keys().map(|&j| j as u32), |j, out| {
            push_pairs(j, &edit.made[&(j as usize)], out)
        });
        let renumber = |i: u32| Some(edit.new_of[i as usize]).filter(|&j| j != GONE);
        self.keys.updated(renumber, &added, &gone)
    }

    fn updated_term_keys(&self, edit: &Edit) -> TermKeys {
        let mut term_keys = Making::with_room(&self.term_keys, edit.made.len());
        for (j, &i) in edit.old_of.iter().enumerate() {
            match edit.made.get(&j) {
                Some(term) => term_keys.push(term),
                None => term_keys.push_copied(&self.term_keys, i),
            }
        }
        term_keys.done()
    }

    /// Every word the terms' tokens share, for new terms to share too.
    fn words(&self) -> Vec<std::sync::Arc<super::normalize::Word>> {
        match &self.terms {
            Terms::Stored(stored) => (0..stored.words().len())
                .filter_map(|i| stored.words().get(i).cloned())
                .collect(),
            Terms::Built(terms) => (terms.iter())
                .flat_map(|t| t.tokens.iter().map(|token| token.word.clone()))
                .collect(),
        }
    }
}

/// For each new fingerprint, the old term with the same one (each taken once, the first
/// first), or `GONE`.
fn found_again(old: &[u64], new: &[u64]) -> Vec<u32> {
    let mut order: Vec<(u64, u32)> = (old.iter().enumerate())
        .map(|(i, &f)| (f, i as u32))
        .collect();
    order.par_sort_unstable();
    // The searches in parallel; then, in order, each takes the first of its equals not taken.
    let first: Vec<usize> = (new.par_iter())
        .map(|&f| order.partition_point(|&(g, _)| g < f))
        .collect();
    let mut taken = vec![false; order.len()];
    (new.iter().zip(first))
        .map(|(&f, mut k)| {
            while k < order.len() && order[k].0 == f && taken[k] {
                k += 1;
            }
            if k < order.len() && order[k].0 == f {
                taken[k] = true;
                order[k].1
            } else {
                GONE
            }
        })
        .collect()
}

/// The key pairs of the terms `ids` (`pairs(id, out)` appends those of one), sorted, without
/// repeats.
fn sorted_pairs(ids: impl Iterator<Item = u32>, pairs: impl Fn(u32, &mut Vec<u64>)) -> Vec<u64> {
    let mut out = Vec::new();
    for id in ids {
        pairs(id, &mut out);
    }
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn parsed(entries: &[String]) -> Dictionary {
        let text: String = entries
            .iter()
            .map(|e| format!("[[term]]\n{e}\n\n"))
            .collect();
        Dictionary::parse(&text, std::path::Path::new("names.toml")).unwrap()
    }

    fn written(index: &Index) -> Vec<u8> {
        let mut bytes = Vec::new();
        index.write_cache(&mut bytes).unwrap();
        bytes
    }

    /// The update of `before`'s index to `after`, from the index as built and as read back
    /// from its cache file, against a build of `after`: the same file, or no update.
    fn updates_as_built(before: &[String], after: &[String]) -> Option<()> {
        let (before, after) = (parsed(before), parsed(after));
        let expected = written(&Index::build(&after));
        let built = Index::build(&before);
        let read = Index::read_cache(&mut &written(&built)[..]).unwrap();
        let from_built = built.update(&after).map(|u| written(&u));
        let from_read = read.update(&after).map(|u| written(&u));
        assert_eq!(from_built.is_some(), from_read.is_some());
        let (from_built, from_read) = (from_built?, from_read?);
        assert!(from_built == expected, "updated from a built index");
        assert!(from_read == expected, "updated from a cached index");
        Some(())
    }

    fn term(name: &str, more: &str) -> String {
        format!("name = \"{name}\"\n{more}")
    }

    fn base() -> Vec<String> {
        [
            (
                "Ada Lovelace",
                "kind = \"person\"\naliases = [\"Ada Lovlace\"]",
            ),
            ("Grace Hopper", "never = [\"grass hopper\"]\nlang = \"en\""),
            ("Alan Turing", ""),
            ("La Quadrature du Net", "kind = \"org\""),
            ("Noémie Levain", "lang = \"fr\""),
            ("example.com", ""),
            ("Jean de La Fontaine", "note = \"poet\""),
            ("Katherine Johnson", ""),
        ]
        .iter()
        .map(|(n, m)| term(n, m))
        .collect()
    }

    #[test]
    fn small_edits_update_to_the_index_a_build_makes() {
        let base = base();
        let mut edits: Vec<(&str, Vec<String>)> = vec![("nothing", base.clone())];
        let mut alias = base.clone();
        alias[2] = term("Alan Turing", "aliases = [\"Alan Touring\"]");
        edits.push(("an alias added", alias));
        let mut inserted = base.clone();
        inserted.insert(1, term("Hedy Lamarr", "kind = \"person\""));
        edits.push(("an entry inserted above others", inserted));
        let mut appended = base.clone();
        appended.push(term(
            "Margaret Hamilton",
            "aliases = [\"Margaret Hamilten\"]",
        ));
        edits.push(("an entry appended", appended));
        let mut removed = base.clone();
        removed.remove(0);
        edits.push(("an entry removed", removed));
        let mut renamed = base.clone();
        renamed[4] = term("Noémie Levin", "lang = \"fr\"");
        edits.push(("a name changed", renamed));
        let mut swapped = base.clone();
        swapped.swap(1, 6);
        edits.push(("two entries swapped", swapped));
        let mut twice = base.clone();
        twice.push(base[3].clone());
        edits.push(("an entry given twice", twice));
        for (what, after) in edits {
            assert!(updates_as_built(&base, &after).is_some(), "{what}");
        }
    }

    #[test]
    fn an_edit_of_most_terms_is_left_to_a_build() {
        let base = base();
        let after: Vec<String> = base
            .iter()
            .map(|e| e.replacen("\"\n", " II\"\n", 1))
            .collect();
        assert!(updates_as_built(&base, &after).is_none());
    }

    /// Names sharing their first word: the key of that word has a posting per name.
    fn crowd(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                term(
                    &format!(
                        "Maximilien {}",
                        [
                            "Dubois",
                            "Mercier",
                            "Fontaine",
                            "Girard",
                            "Lambert",
                            "Bonnet",
                            "Rousseau",
                            "Vincent",
                            "Morel",
                            "Lefebvre",
                            "Garnier",
                            "Chevalier"
                        ][i]
                    ),
                    "",
                )
            })
            .collect()
    }

    #[test]
    fn a_crowded_key_coming_back_under_the_limit_is_left_to_a_build() {
        let before = [crowd(12), base()].concat();
        let mut fewer = before.clone();
        fewer.drain(..4);
        assert!(updates_as_built(&before, &fewer).is_none());
        // One more posting for the crowded key, or one less that keeps it crowded: updated.
        let mut more = before.clone();
        more.push(term("Maximilien Renard", ""));
        assert!(updates_as_built(&before, &more).is_some());
        let mut one_less = before.clone();
        one_less.remove(0);
        assert!(updates_as_built(&before, &one_less).is_some());
    }

    /// Names from few syllables, so that keys are shared and some crowded.
    fn entry() -> impl Strategy<Value = String> {
        const SYLLABLES: &[&str] = &[
            "ma", "ri", "lo", "den", "va", "shi", "tor", "é", "qua", "ne",
        ];
        let syllables = SYLLABLES;
        let word = prop::collection::vec(prop::sample::select(syllables), 1..4).prop_map(|s| {
            let w = s.concat();
            let mut c = w.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        });
        let name = prop::collection::vec(word, 1..4).prop_map(|w: Vec<String>| w.join(" "));
        (name, prop::option::of(prop::sample::select(syllables))).prop_map(|(name, alias)| {
            match alias {
                Some(a) => term(&name, &format!("aliases = [\"{name}{a}\"]")),
                None => term(&name, ""),
            }
        })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_update_is_the_index_a_build_makes(
            before in prop::collection::vec(entry(), 4..40),
            edits in prop::collection::vec((0usize..3, any::<prop::sample::Index>(), entry()), 0..4),
        ) {
            let mut after = before.clone();
            for (kind, at, new) in edits {
                match kind {
                    0 => after.insert(at.index(after.len() + 1), new),
                    1 if !after.is_empty() => { after.remove(at.index(after.len())); }
                    _ if !after.is_empty() => { let i = at.index(after.len()); after[i] = new; }
                    _ => after.push(new),
                }
            }
            // `None` is allowed (a large edit, a crowded key); a different index is not.
            let _ = updates_as_built(&before, &after);
        }
    }
}
