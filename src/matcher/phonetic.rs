//! Grapheme-to-phoneme readings of words, French and English, in one shared alphabet.
//!
//! Both readers emit one ASCII char per phoneme so that a French reading of a transcript word
//! and an English reading of a dictionary entry can be compared by a weighted edit distance.
//!
//! Alphabet: consonants `p b t d k g f v s z S Z m n N G l R j w h T D` (affricates as two
//! symbols `tS`, `dZ`; x = `ks`); vowels `i e a o u y 2 @` and the French nasals `1` (ɛ̃, œ̃),
//! `3` (ɔ̃), `5` (ɑ̃). English diphthongs are two symbols (`aj aw oj`), eɪ = `e`, oʊ = `o`.
//!
//! These are rule-based "G2P-lite" readers: a single left-to-right scan over the letters, each
//! step looking ahead a few letters and emitting phonemes. They are tuned against espeak-ng as a
//! dev-only oracle (`scripts/g2p_oracle.py`); the goal is readings close enough for fuzzy
//! matching, not dictionary-quality pronunciations. No word is special-cased.

/// A reading in IPA, for people: the matcher's alphabet is one ASCII symbol per phoneme.
pub fn ipa(symbols: &str) -> String {
    let mut out = String::with_capacity(symbols.len() * 2);
    for c in symbols.chars() {
        out.push_str(match c {
            'S' => "ʃ",
            'Z' => "ʒ",
            'N' => "ɲ",
            'G' => "ŋ",
            'R' => "r",
            'T' => "θ",
            'D' => "ð",
            '2' => "ø",
            '@' => "ə",
            '1' => "ɛ̃",
            '3' => "ɔ̃",
            '5' => "ɑ̃",
            _ => {
                out.push(c);
                continue;
            }
        });
    }
    out
}

/// French reading of one lowercase word (accents kept or missing). Empty if it has a digit.
pub fn french(word: &str) -> String {
    let Some(w) = Letters::new(word, true) else {
        return String::new();
    };
    let mut out = String::with_capacity(w.len() + 2);
    let mut i = 0;
    while i < w.len() {
        let step = if is_vowel(w.at(i)) {
            fr_vowel(&w, i, &mut out)
        } else {
            fr_consonant(&w, i, &mut out)
        };
        i += step.max(1);
    }
    out
}

/// English reading of one lowercase word. Empty if it has a digit.
pub fn english(word: &str) -> String {
    let Some(w) = Letters::new(word, false) else {
        return String::new();
    };
    let mut out = String::with_capacity(w.len() + 2);
    let mut i = 0;
    while i < w.len() {
        let step = if is_vowel(w.at(i)) {
            en_vowel(&w, i, &mut out)
        } else {
            en_consonant(&w, i, &mut out)
        };
        i += step.max(1);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Letters: the word as a lowercase char vector with safe lookahead.
// ---------------------------------------------------------------------------------------------

/// The letters of a word. Out-of-range reads give `'\0'`, so rules can look ahead freely.
struct Letters {
    c: Vec<char>,
    /// Length without a trailing plural `s` (French): letters at or past it count as final.
    end: usize,
}

impl Letters {
    /// Keeps letters only. French keeps its own accents and folds the others (á → a);
    /// English folds every accent. `None` when the word holds a digit (numbers are spelled
    /// out by the caller).
    fn new(word: &str, keep_french_accents: bool) -> Option<Self> {
        let mut c = Vec::with_capacity(word.len());
        for ch in word.chars() {
            if ch.is_ascii_digit() {
                return None;
            }
            for lc in ch.to_lowercase() {
                push_letter(&mut c, lc, keep_french_accents);
            }
        }
        let n = c.len();
        let end = if n >= 4 && c[n - 1] == 's' && c[n - 2] != 's' {
            n - 1
        } else {
            n
        };
        Some(Letters { c, end })
    }

    fn len(&self) -> usize {
        self.c.len()
    }

    fn at(&self, i: usize) -> char {
        self.c.get(i).copied().unwrap_or('\0')
    }

    /// Letter before `i`, or `'\0'` at the start.
    fn prev(&self, i: usize) -> char {
        if i == 0 { '\0' } else { self.at(i - 1) }
    }

    /// Whether the letters from `i` spell `s`.
    fn has(&self, i: usize, s: &str) -> bool {
        s.chars().enumerate().all(|(k, ch)| self.at(i + k) == ch)
    }

    /// Whether `s` starts at `i` and ends the word.
    fn ends_with_at(&self, i: usize, s: &str) -> bool {
        i + s.chars().count() == self.len() && self.has(i, s)
    }

    /// Whether position `j` is at or past the end, ignoring a trailing plural `s`.
    fn fin(&self, j: usize) -> bool {
        j >= self.end
    }

    /// Whether some vowel letter occurs before `i` (i.e. this is not the first syllable).
    fn vowel_before(&self, i: usize) -> bool {
        self.c[..i.min(self.len())].iter().any(|&ch| is_vowel(ch))
    }
}

/// Pushes one lowercase char as zero or more plain letters.
fn push_letter(c: &mut Vec<char>, ch: char, keep_french_accents: bool) {
    const FRENCH: &str = "àâäéèêëîïôöùûüÿçñœ";
    match ch {
        'a'..='z' => c.push(ch),
        'æ' => c.extend(['a', 'e']),
        'ß' => c.extend(['s', 's']),
        'œ' if !keep_french_accents => c.extend(['o', 'e']),
        _ if keep_french_accents && FRENCH.contains(ch) => c.push(ch),
        _ if ch.is_alphabetic() => {
            // Fold other accented Latin letters to their base letter; drop other scripts.
            let mut base = None;
            unicode_normalization::char::decompose_canonical(ch, |d| {
                if base.is_none() {
                    base = Some(d);
                }
            });
            if let Some(b) = base.filter(char::is_ascii_lowercase) {
                c.push(b);
            }
        }
        _ => {}
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'a' | 'e'
            | 'i'
            | 'o'
            | 'u'
            | 'y'
            | 'à'
            | 'â'
            | 'ä'
            | 'é'
            | 'è'
            | 'ê'
            | 'ë'
            | 'î'
            | 'ï'
            | 'ô'
            | 'ö'
            | 'ù'
            | 'û'
            | 'ü'
            | 'ÿ'
            | 'œ'
    )
}

fn is_consonant(c: char) -> bool {
    c != '\0' && !is_vowel(c)
}

/// e, i, y (any accent): the vowels that soften a preceding c or g.
fn is_front(c: char) -> bool {
    matches!(c, 'e' | 'i' | 'y' | 'é' | 'è' | 'ê' | 'ë' | 'î' | 'ï')
}

// ---------------------------------------------------------------------------------------------
// French
// ---------------------------------------------------------------------------------------------

/// Whether the n/m at `j` closes a nasal vowel: not doubled and not before a vowel or h.
fn fr_nasal(w: &Letters, j: usize) -> bool {
    let nm = w.at(j);
    let next = w.at(j + 1);
    matches!(nm, 'n' | 'm') && !matches!(next, 'n' | 'm' | 'h') && !is_vowel(next)
}

/// Whether the `e` at `j` is a mute ending: a final `e` or `es`. (The ending -ent is not
/// counted: it reads as a nasal.)
fn fr_mute_e(w: &Letters, j: usize) -> bool {
    w.at(j) == 'e' && (j + 1 == w.len() || w.ends_with_at(j, "es"))
}

/// Whether the `e` at `j` (right after a vowel) is mute inside the word: before r/m and a
/// vowel, as in the futures "priera", "jouerons" and adverbs in -ement.
fn fr_inner_mute_e(w: &Letters, j: usize) -> bool {
    w.at(j) == 'e' && matches!(w.at(j + 1), 'r' | 'm') && is_vowel(w.at(j + 2))
}

fn fr_vowel(w: &Letters, i: usize, out: &mut String) -> usize {
    match w.at(i) {
        'a' | 'à' | 'â' => fr_a(w, i, out),
        'ä' => emit(out, "e", 1),
        'e' => fr_e(w, i, out),
        'é' | 'è' | 'ê' | 'ë' => emit(out, "e", 1),
        'i' | 'î' | 'ï' => fr_i(w, i, out),
        'o' | 'ô' => fr_o(w, i, out),
        'ö' | 'œ' => emit(out, "2", if w.at(i + 1) == 'u' { 2 } else { 1 }),
        'u' | 'ù' | 'û' | 'ü' => fr_u(w, i, out),
        _ => fr_y(w, i, out),
    }
}

fn emit(out: &mut String, s: &str, used: usize) -> usize {
    out.push_str(s);
    used
}

fn fr_a(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if w.ends_with_at(i, "aient") {
        return emit(out, "e", 5);
    }
    if w.has(i, "aill") {
        return emit(out, "aj", 4);
    }
    if w.ends_with_at(i, "ail") {
        return emit(out, "aj", 3);
    }
    if matches!(n1, 'i' | 'î') {
        if fr_nasal(w, i + 2) {
            return emit(out, "1", 3);
        }
        return emit(out, "e", 2);
    }
    if n1 == 'y' {
        // "payer", "Raymond": ay reads ɛ, plus a yod before a vowel.
        return emit(out, if is_vowel(w.at(i + 2)) { "ej" } else { "e" }, 2);
    }
    if w.ends_with_at(i, "ae") {
        // Latin ae reads e ("curriculum vitae", "et caetera").
        return emit(out, "e", 2);
    }
    if w.ends_with_at(i, "ault") {
        // Final -ault: its l is silent too (a common surname ending).
        return emit(out, "o", 4);
    }
    if n1 == 'u' {
        return emit(out, "o", 2);
    }
    if fr_nasal(w, i + 1) {
        // Final -am reads am, as in loanwords and names ("islam", "tram", "Amsterdam").
        if w.at(i + 1) == 'm' && w.fin(i + 2) {
            return emit(out, "am", 2);
        }
        return emit(out, "5", 2);
    }
    emit(out, "a", 1)
}

fn fr_e(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if w.has(i, "eau") {
        return emit(out, "o", 3);
    }
    if w.has(i, "eill") {
        return emit(out, "ej", 4);
    }
    if w.ends_with_at(i, "eil") {
        return emit(out, "ej", 3);
    }
    if matches!(n1, 'i' | 'î') {
        return if fr_nasal(w, i + 2) {
            emit(out, "1", 3)
        } else {
            emit(out, "e", 2)
        };
    }
    if matches!(n1, 'u' | 'û') {
        return emit(out, "2", 2);
    }
    if n1 == 'y' {
        return emit(out, if is_vowel(w.at(i + 2)) { "ej" } else { "e" }, 2);
    }
    if let Some(used) = fr_e_ending(w, i, out) {
        return used;
    }
    if i == 0 && w.has(i, "enn") && w.at(i + 3) != 'e' {
        // "ennui", "ennuyer": the prefix en- stays nasal before a doubled n.
        return emit(out, "5", 1);
    }
    if fr_nasal(w, i + 1) {
        return fr_e_nasal(w, i, out);
    }
    fr_e_plain(w, i, out)
}

/// Word endings that start with `e`: mute e, -es, -er, -ez, -et, -ed. `None` if not an ending.
fn fr_e_ending(w: &Letters, i: usize, out: &mut String) -> Option<usize> {
    let several = w.vowel_before(i);
    if i + 1 == w.len() {
        // Final e is mute, except in one-syllable words ("le", "de", "je").
        return Some(emit(out, if several { "" } else { "@" }, 1));
    }
    if w.ends_with_at(i, "es") {
        return Some(emit(out, if several { "" } else { "e" }, 2));
    }
    let n1 = w.at(i + 1);
    if !w.fin(i + 2) {
        return None;
    }
    match n1 {
        // "parler", "premiers" read e; one-syllable "mer", "fer" keep the r.
        'r' if several => Some(emit(out, "e", 2)),
        'z' | 't' | 'd' => Some(emit(out, "e", 2)),
        _ => None,
    }
}

fn fr_e_nasal(w: &Letters, i: usize, out: &mut String) -> usize {
    // Verb endings that no noun shares: "finissent", "parlèrent" (the -ent is mute).
    if w.ends_with_at(i, "ent")
        && (w.has(i.wrapping_sub(2), "ss") || w.prev(i.wrapping_sub(1)) == 'è')
    {
        return emit(out, "", 3);
    }
    // "bien", "moyen", "européen": en after i/y/é reads ɛ̃ at the end of a word, but the
    // -ient ending reads ɑ̃ ("client", "patient"; verbs like "vient" are the exception).
    let after_i = matches!(w.prev(i), 'i' | 'y' | 'é');
    if after_i && w.at(i + 1) == 'n' && w.fin(i + 2) {
        return emit(out, "1", 2);
    }
    // Final -em reads ɛm, as in Latin words and loanwords ("requiem", "item", "tandem").
    if w.at(i + 1) == 'm' && w.fin(i + 2) {
        return emit(out, "em", 2);
    }
    emit(out, "5", 2)
}

/// Plain `e` inside a word: ɛ before a consonant cluster or a final pronounced consonant,
/// schwa before one consonant and a vowel (dropped after VC, as in "samedi", "châtelet").
fn fr_e_plain(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if i == 0 && n1 == 'x' && is_vowel(w.at(i + 2)) {
        return emit(out, "egz", 2);
    }
    // Word-initial e is never a schwa ("elu", "etat" without accents).
    if i == 0 || !is_consonant(n1) || n1 == 'x' {
        return emit(out, "e", 1);
    }
    let (len, after) = fr_cluster(w, i + 1);
    if len != 1 || after >= w.end {
        // Closed syllable: a cluster ("technique", "reste") or a final consonant ("sel").
        return emit(out, "e", 1);
    }
    // After a vowel, or one consonant sound after a vowel, the schwa is dropped, unless a
    // glide follows the next consonant ("acquitterions": three consonants would meet).
    let glide_next = w.at(after) == 'i' && is_vowel(w.at(after + 1));
    let drop = !glide_next && (is_vowel(w.prev(i)) || fr_single_consonant_before(w, i));
    emit(out, if drop { "" } else { "@" }, 1)
}

/// Whether exactly one consonant sound, itself after a vowel, precedes `i`: a letter, a
/// double letter, or a digraph (ch, ph, th, gn, qu, gu).
fn fr_single_consonant_before(w: &Letters, i: usize) -> bool {
    let p = w.prev(i);
    let (a, b) = (w.at(i.wrapping_sub(2)), w.at(i.wrapping_sub(3)));
    let two = (a == p && is_consonant(p))
        || matches!(
            (a, p),
            ('c' | 'p' | 't', 'h') | ('g', 'n') | ('q' | 'g', 'u')
        );
    if two {
        return i >= 3 && is_vowel(b);
    }
    i >= 2 && is_consonant(p) && is_vowel(a)
}

/// Number of consonant sounds starting at `j` before the next vowel, and the index after them:
/// digraphs (ch ph th gn qu) and muta cum liquida onsets (br, pl, tr, ...) count as one.
fn fr_cluster(w: &Letters, j: usize) -> (usize, usize) {
    let mut k = j;
    let mut n = 0;
    while is_consonant(w.at(k)) && k < w.len() {
        let (a, b) = (w.at(k), w.at(k + 1));
        let digraph = matches!(
            (a, b),
            ('c' | 'p' | 't' | 's', 'h') | ('g', 'n') | ('q', 'u')
        );
        let onset =
            matches!(a, 'b' | 'c' | 'd' | 'f' | 'g' | 'p' | 't' | 'v') && matches!(b, 'l' | 'r');
        k += if digraph || onset { 2 } else { 1 };
        n += 1;
        if w.at(k) == 'u' && a == 'q' {
            break;
        }
    }
    (n, k)
}

fn fr_i(w: &Letters, i: usize, out: &mut String) -> usize {
    let prev = w.prev(i);
    if fr_nasal(w, i + 1) {
        return emit(out, "1", 2);
    }
    if w.has(i, "ill") {
        // After a vowel "ill" is a yod ("grenouille"); after a consonant it is ij ("fille"),
        // except in the ville / mille families ("Deauville"). A glide u keeps ij ("juillet").
        let glide_u = prev == 'u' && i >= 2 && !is_vowel(w.at(i - 2));
        if is_vowel(prev) && !glide_u {
            return emit(out, "j", 3);
        }
        let ville = prev == 'v' && (w.ends_with_at(i, "ille") || w.ends_with_at(i, "illes"));
        if ville || (i == 1 && matches!(prev, 'v' | 'm')) {
            return emit(out, "il", 3);
        }
        return emit(out, "ij", 3);
    }
    if w.ends_with_at(i, "il") && is_vowel(prev) {
        return emit(out, "j", 2);
    }
    let next = w.at(i + 1);
    if fr_inner_mute_e(w, i + 1) {
        return emit(out, "i", 2);
    }
    if w.at(i) == 'ï' && is_vowel(prev) && w.fin(i + 1) {
        // "aï" at the end: a final ï after a vowel glides.
        return emit(out, "j", 1);
    }
    if is_vowel(next) && !fr_mute_e(w, i + 1) && (i == 0 || is_consonant(prev)) {
        // i before a vowel glides to a yod ("pied", "nation"), but after an onset cluster it
        // keeps its vowel ("crier", "ouvrier").
        let onset = i >= 2 && matches!(prev, 'l' | 'r') && is_consonant(w.at(i - 2));
        return emit(out, if onset { "ij" } else { "j" }, 1);
    }
    emit(out, "i", 1)
}

fn fr_o(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if matches!(n1, 'i' | 'î') {
        if w.at(i + 2) == 'n' && fr_nasal(w, i + 2) {
            return emit(out, "w1", 3);
        }
        return emit(out, "wa", 2);
    }
    if n1 == 'y' {
        return emit(out, if is_vowel(w.at(i + 2)) { "waj" } else { "wa" }, 2);
    }
    if matches!(n1, 'u' | 'ù' | 'û') {
        let n2 = w.at(i + 2);
        if fr_inner_mute_e(w, i + 2) {
            return emit(out, "u", 3);
        }
        if is_vowel(n2) && !fr_mute_e(w, i + 2) && !w.has(i + 2, "ill") {
            return emit(out, "w", 2);
        }
        return emit(out, "u", 2);
    }
    if fr_nasal(w, i + 1) {
        return emit(out, "3", 2);
    }
    emit(out, "o", if n1 == 'o' { 2 } else { 1 })
}

fn fr_u(w: &Letters, i: usize, out: &mut String) -> usize {
    if fr_nasal(w, i + 1) {
        // Latin -um ("album", "forum") reads ɔm; elsewhere un/um is œ̃ ≈ ɛ̃.
        if w.at(i + 1) == 'm' && w.fin(i + 2) {
            return emit(out, "om", 2);
        }
        return emit(out, "1", 2);
    }
    let next = w.at(i + 1);
    if next == 'y' && is_vowel(w.at(i + 2)) {
        // "ennuyer", "appuyer": uy before a vowel is ɥij.
        return emit(out, "wij", 2);
    }
    if matches!(w.prev(i), 'c' | 'g') && w.has(i, "ueil") {
        // "accueil", "cueillir": ueil reads œj.
        return emit(out, "2j", if w.has(i, "ueill") { 5 } else { 4 });
    }
    if fr_inner_mute_e(w, i + 1) {
        // "tuera", "remerciement": e after a vowel, before r/m and a vowel, is mute.
        return emit(out, "y", 2);
    }
    // Word-initial (h)u before a vowel glides too ("huer", "huant").
    let initial = i == 0 || (i == 1 && w.prev(i) == 'h');
    if initial && is_vowel(next) && !fr_mute_e(w, i + 1) {
        return emit(out, "w", 1);
    }
    if matches!(next, 'i' | 'î') && is_consonant(w.prev(i)) {
        // "nuit", "lui": u before i is the glide ɥ, written w here; before other vowels it
        // stays a vowel in careful speech ("nuance", "annuel").
        return emit(out, "w", 1);
    }
    emit(out, "y", 1)
}

fn fr_y(w: &Letters, i: usize, out: &mut String) -> usize {
    if fr_nasal(w, i + 1) {
        return emit(out, "1", 2);
    }
    let next = w.at(i + 1);
    if is_vowel(next) && (i == 0 || is_vowel(w.prev(i))) {
        return emit(out, "j", 1);
    }
    emit(out, "i", 1)
}

fn fr_consonant(w: &Letters, i: usize, out: &mut String) -> usize {
    let c = w.at(i);
    let n1 = w.at(i + 1);
    match c {
        'c' | 'ç' => fr_c(w, i, out),
        'g' => fr_g(w, i, out),
        's' => fr_s(w, i, out),
        't' => fr_t(w, i, out),
        'x' => fr_x(w, i, out),
        'h' => emit(out, "", 1),
        // "jeannette": e between j and a/o only marks the soft sound.
        'j' if n1 == 'e' && matches!(w.at(i + 2), 'a' | 'o') => emit(out, "Z", 2),
        'j' => emit(out, "Z", 1),
        'q' => emit(out, "k", if n1 == 'u' { 2 } else { 1 }),
        'p' if n1 == 'h' => emit(out, "f", 2),
        'r' if n1 == 'h' => emit(out, "R", 2),
        'k' if n1 == 'h' => emit(out, "k", 2),
        'ñ' => emit(out, "N", 1),
        // Final d is silent ("pied", "grand"); final p after ou, a nasal or in -rop/-lop
        // ("beaucoup", "champ", "trop", "galop"), but not in "cap", "top".
        'd' if w.fin(i + 1) => emit(out, "", 1),
        'p' if w.fin(i + 1) && fr_silent_p(w, i) => emit(out, "", 1),
        // "compte", "sculpter": p between m/l and t is silent.
        'p' if n1 == 't' && matches!(w.prev(i), 'm' | 'l') => emit(out, "", 1),
        _ => {
            let sym = match c {
                'r' => 'R',
                'w' => 'w',
                _ => c,
            };
            out.push(sym);
            if n1 == c { 2 } else { 1 }
        }
    }
}

fn fr_silent_p(w: &Letters, i: usize) -> bool {
    let p = w.prev(i);
    p == 'u' || p == 'm' || (i >= 2 && p == 'o' && matches!(w.at(i - 2), 'r' | 'l'))
}

fn fr_c(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if w.at(i) == 'ç' {
        return emit(out, "s", 1);
    }
    if n1 == 'h' {
        // "chr", "chl", "techno": ch before a consonant is k; so is a final ch ("Foch").
        let hard = is_consonant(w.at(i + 2)) || (i + 2 == w.len() && is_vowel(w.prev(i)));
        return emit(out, if hard { "k" } else { "S" }, 2);
    }
    if n1 == 'c' {
        return if is_front(w.at(i + 2)) {
            emit(out, "ks", 2)
        } else {
            emit(out, "k", 2)
        };
    }
    if matches!(n1, 'k' | 'q') {
        return emit(out, "", 1);
    }
    if is_front(n1) {
        return emit(out, "s", 1);
    }
    if w.fin(i + 1) && w.prev(i) == 'n' {
        // "blanc", "banc": c after a nasal vowel is silent.
        return emit(out, "", 1);
    }
    emit(out, "k", 1)
}

fn fr_g(w: &Letters, i: usize, out: &mut String) -> usize {
    let (n1, n2) = (w.at(i + 1), w.at(i + 2));
    if n1 == 'n' {
        return emit(out, "N", 2);
    }
    if n1 == 'u' && is_front(n2) {
        return emit(out, "g", 2);
    }
    if n1 == 'e' && matches!(n2, 'a' | 'o' | 'u' | 'â' | 'ô') {
        return emit(out, "Z", 2);
    }
    if is_front(n1) {
        return emit(out, "Z", 1);
    }
    // Final g after a nasal ("long") and g before a final t ("vingt", "doigt") are silent.
    if (w.fin(i + 1) && w.prev(i) == 'n') || (n1 == 't' && w.fin(i + 2)) {
        return emit(out, "", 1);
    }
    emit(out, "g", if n1 == 'g' { 2 } else { 1 })
}

fn fr_s(w: &Letters, i: usize, out: &mut String) -> usize {
    let (n1, n2) = (w.at(i + 1), w.at(i + 2));
    if n1 == 's' {
        return emit(out, "s", 2);
    }
    if n1 == 'c' && n2 == 'h' {
        return emit(out, "S", 3);
    }
    if n1 == 'h' {
        return emit(out, "S", 2);
    }
    if n1 == 'c' && is_front(n2) {
        return emit(out, "s", 2);
    }
    if i + 1 == w.len() && i > 0 && !w.ends_with_at(i.saturating_sub(4), "polis") {
        // Final s is silent, but not in the Greek -polis ("métropolis").
        return emit(out, "", 1);
    }
    if is_vowel(w.prev(i)) && is_vowel(n1) {
        return emit(out, "z", 1);
    }
    emit(out, "s", 1)
}

fn fr_t(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if n1 == 'h' {
        return emit(out, "t", 2);
    }
    if n1 == 't' {
        return emit(out, "t", 2);
    }
    let soft_ti = w.has(i + 1, "ion") || w.has(i + 1, "iel") || w.has(i + 1, "ial");
    if soft_ti && i > 0 && !matches!(w.prev(i), 's' | 'x') {
        // "nation", "partiel": ti before a vowel reads sj.
        return emit(out, "sj", 2);
    }
    if w.fin(i + 1) && !fr_final_t_heard(w, i) {
        return emit(out, "", 1);
    }
    emit(out, "t", 1)
}

/// Final t is silent, but heard after c/p ("direct", "concept"), l ("tilt") and s ("ouest",
/// "zest"), except in the verb "est" (alone or glued to a clitic: "cest", "quest").
fn fr_final_t_heard(w: &Letters, i: usize) -> bool {
    match w.prev(i) {
        'c' | 'p' | 'l' => true,
        's' => !(w.ends_with_at(i.saturating_sub(2), "est") && i <= 3 || w.has(0, "quest")),
        _ => false,
    }
}

fn fr_x(w: &Letters, i: usize, out: &mut String) -> usize {
    if w.fin(i + 1) && i > 0 {
        return emit(out, "", 1);
    }
    if w.at(i + 1) == 'c' && is_front(w.at(i + 2)) {
        return emit(out, "ks", 2);
    }
    emit(out, "ks", 1)
}

// ---------------------------------------------------------------------------------------------
// English
// ---------------------------------------------------------------------------------------------

/// Whether the vowel at `i` is lengthened by a "magic e": one consonant, then a final e
/// (optionally followed by s or d), as in "make", "line", "bones".
fn en_magic_e(w: &Letters, i: usize) -> bool {
    let c = w.at(i + 1);
    if !is_consonant(c) || matches!(c, 'w' | 'x' | 'y') || (c == 'r' && w.at(i) != 'i') {
        return false;
    }
    let rest = i + 3;
    let e_ending = w.at(i + 2) == 'e'
        && (rest == w.len()
            || (rest + 1 == w.len() && matches!(w.at(rest), 's' | 'd'))
            || w.ends_with_at(rest, "ly"));
    // "sizing", "making": the lengthening survives before -ing in a first syllable.
    e_ending || (w.ends_with_at(i + 2, "ing") && !w.vowel_before(i))
}

/// Whether the `r` at `j` closes a vowel (no vowel follows it): "car", "farm", "her", but
/// not a doubled rr ("carry"). A silent e of -ed/-es does not count ("bettered").
fn en_r_closes(w: &Letters, j: usize) -> bool {
    let next = w.at(j + 1);
    let silent_e = w.ends_with_at(j + 1, "ed") || w.ends_with_at(j + 1, "es");
    w.at(j) == 'r' && (!is_vowel(next) || silent_e) && next != 'r'
}

/// Unstressed endings of polysyllables reduce to schwa ("ireland", "lemon", "vigorous").
/// Each suffix starts at its vowel.
const EN_WEAK_ENDINGS: &[(&str, &str)] = &[
    ("al", "@l"),
    ("el", "@l"),
    ("en", "@n"),
    ("on", "@n"),
    ("om", "@m"),
    ("an", "@n"),
    ("and", "@nd"),
    ("ance", "@ns"),
    ("ence", "@ns"),
    ("ent", "@nt"),
    ("ant", "@nt"),
    ("us", "@s"),
    ("ous", "@s"),
    ("um", "@m"),
    ("ar", "@R"),
    ("or", "@R"),
    ("as", "@s"),
    ("ess", "@s"),
    ("ive", "iv"),
    ("ice", "is"),
    ("od", "@d"),
    ("et", "it"),
    ("est", "ist"),
    ("ald", "@ld"),
];

fn en_weak_ending(w: &Letters, i: usize, out: &mut String) -> Option<usize> {
    if !w.vowel_before(i) {
        return None;
    }
    // Only -ous also reduces after a vowel ("tedious", "gracious").
    let after_vowel = !is_consonant(w.prev(i));
    for (suffix, reading) in EN_WEAK_ENDINGS {
        if after_vowel && *suffix != "ous" {
            continue;
        }
        let n = suffix.len();
        let ends = i + n == w.len() || (i + n == w.end && w.at(w.end) == 's');
        if ends && w.has(i, suffix) {
            out.push_str(reading);
            return Some(n);
        }
    }
    None
}

fn en_vowel(w: &Letters, i: usize, out: &mut String) -> usize {
    if let Some(used) = en_weak_ending(w, i, out) {
        return used;
    }
    match w.at(i) {
        'a' => en_a(w, i, out),
        'e' => en_e(w, i, out),
        'i' => en_i(w, i, out),
        'o' => en_o(w, i, out),
        'u' => en_u(w, i, out),
        _ => en_y(w, i, out),
    }
}

fn en_a(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    match n1 {
        'i' | 'y' if en_r_closes(w, i + 2) => return emit(out, "eR", 3),
        // Final ai is aɪ ("thai", "dubai").
        'i' if i + 2 == w.len() => return emit(out, "aj", 2),
        'i' | 'y' => return emit(out, "e", 2),
        'u' | 'w' => return emit(out, "o", 2),
        'a' => return emit(out, "a", 2),
        _ => {}
    }
    if w.ends_with_at(i, "are") {
        return emit(out, "eR", 3);
    }
    if en_r_closes(w, i + 1) {
        return emit(out, "aR", 2);
    }
    if w.has(i, "all") && !is_vowel(w.at(i + 3)) {
        return emit(out, "ol", 3);
    }
    if w.has(i, "alk") {
        return emit(out, "o", 2);
    }
    if en_magic_e(w, i) {
        return emit(out, "e", 1);
    }
    if w.has(i + 2, "ion") || w.has(i + 2, "ia") && is_consonant(n1) {
        // "nation", "asian": a before -tion/-ia is eɪ.
        return emit(out, "e", 1);
    }
    if i + 1 == w.len() && w.vowel_before(i) {
        return emit(out, "@", 1);
    }
    emit(out, "a", 1)
}

fn en_e(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if w.has(i, "eau") {
        return emit(out, "o", 3);
    }
    if w.has(i, "eigh") {
        return emit(out, "e", 4);
    }
    if w.has(i, "ealth") || w.has(i, "eady") || w.has(i, "eadi") || w.has(i, "eader") {
        // "health", "ready", "header": ea is short e here.
        return emit(out, "e", 2);
    }
    match n1 {
        'e' | 'a' => return emit(out, "i", 2),
        'y' if i + 2 == w.end => return emit(out, "i", 2),
        'i' | 'y' => return emit(out, "e", 2),
        // "drew", "news" drop the yod after r l j and the alveolars; "few" keeps it.
        'w' | 'u' if matches!(w.prev(i), 'r' | 'l' | 'j' | 'n' | 't' | 'd' | 's') => {
            return emit(out, "u", 2);
        }
        'w' | 'u' => return emit(out, "ju", 2),
        _ => {}
    }
    if let Some(used) = en_e_ending(w, i, out) {
        return used;
    }
    if en_open_prefix(w, i) {
        return emit(out, "i", 1);
    }

    if en_r_closes(w, i + 1) {
        return emit(out, "@R", 2);
    }
    if en_magic_e(w, i) {
        return emit(out, "i", 1);
    }
    emit(out, "e", 1)
}

/// Endings starting with `e`: silent final e, -es, -ed.
/// The prefixes re-, de-, pre- before one consonant and a vowel read i ("recover").
fn en_open_prefix(w: &Letters, i: usize) -> bool {
    let prefix = (i == 1 && matches!(w.at(0), 'r' | 'd')) || (i == 2 && w.has(0, "pr"));
    let c = w.at(i + 1);
    prefix && is_consonant(c) && c != 'r' && is_vowel(w.at(i + 2))
}

fn en_e_ending(w: &Letters, i: usize, out: &mut String) -> Option<usize> {
    let several = w.vowel_before(i);
    if i + 1 == w.len() {
        // Final e is silent, but "be", "me", "she" read i.
        return Some(emit(out, if several { "" } else { "i" }, 1));
    }
    if !several || i + 2 != w.len() {
        return None;
    }
    let prev = w.prev(i);
    match w.at(i + 1) {
        // "buses", "boxes", "judges" keep the vowel; "waves", "makes" lose it.
        's' if matches!(prev, 's' | 'z' | 'x' | 'h' | 'g' | 'c') => Some(emit(out, "iz", 2)),
        's' => Some(emit(out, "", 1)),
        'd' if matches!(prev, 't' | 'd') => Some(emit(out, "id", 2)),
        'd' if matches!(prev, 'p' | 'k' | 'f' | 's' | 'x' | 'h') => Some(emit(out, "t", 2)),
        'd' => Some(emit(out, "", 1)),
        _ => None,
    }
}

fn en_i(w: &Letters, i: usize, out: &mut String) -> usize {
    if w.has(i, "igh") {
        return emit(out, "aj", 3);
    }
    // Counties closed by "-shire" weaken it to ʃə(r) ("Exampleshire").
    if w.ends_with_at(i, "ire") && i >= 4 && w.prev(i) == 'h' && w.at(i - 2) == 's' {
        return emit(out, "@R", 3);
    }
    if w.has(i, "ire") && en_magic_e(w, i) {
        // "fire", "aspires", "wired": aɪə(r).
        return emit(out, "aj@R", 2);
    }
    if w.has(i, "ier") && w.fin(i + 3) && w.vowel_before(i) {
        // "happier", "premier": unstressed -ier is iə(r).
        return emit(out, "i@R", 3);
    }
    if w.at(i + 1) == 'e' {
        // "pie" (one syllable) reads aɪ, "movie", "field" read i.
        let end = i + 2 == w.len() || w.ends_with_at(i, "ies");
        if end && !w.vowel_before(i) {
            return emit(out, "aj", 2 + usize::from(i + 3 == w.len()));
        }
        return emit(out, "i", 2);
    }
    if en_r_closes(w, i + 1) {
        return emit(out, "@R", 2);
    }
    let ize = w.at(i + 1) == 'z' && (w.at(i + 2) == 'e' || w.ends_with_at(i + 2, "ing"));
    if ize || en_magic_e(w, i) || w.has(i + 1, "nd") && w.fin(i + 3) || w.has(i + 1, "ld") {
        return emit(out, "aj", 1);
    }
    // "lion", "triangle", "diarist": i before a/o/u in a first syllable is aɪ (not after
    // c/g, where it only softens the consonant: "giovanni").
    let first = !w.vowel_before(i) && i > 0 && !matches!(w.prev(i), 'c' | 'g');
    if first && matches!(w.at(i + 1), 'a' | 'o' | 'u') {
        return emit(out, "aj", 1);
    }
    emit(out, "i", 1)
}

fn en_o(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    match n1 {
        'o' if en_r_closes(w, i + 2) => return emit(out, "oR", 3),
        'o' => return emit(out, "u", 2),
        'u' => return en_ou(w, i, out),
        'a' => return emit(out, "o", 2),
        'i' | 'y' => return emit(out, "oj", 2),
        'e' if i + 2 == w.len() => return emit(out, "o", 2),
        'w' => return en_ow(w, i, out),
        _ => {}
    }
    if en_r_closes(w, i + 1) {
        // "word", "work", "worth": wor + consonant is ɜr.
        let wor = w.prev(i) == 'w' && is_consonant(w.at(i + 2));
        return emit(out, if wor { "@R" } else { "oR" }, 2);
    }
    if en_magic_e(w, i) || w.has(i + 1, "ld") {
        return emit(out, "o", 1);
    }
    emit(out, "o", 1)
}

/// "ou": aʊ ("loud"), but u in French-style spellings ("soup", "caribou", "rouge") and ɔr
/// before r ("court", "four").
fn en_ou(w: &Letters, i: usize, out: &mut String) -> usize {
    // Place names closed by "-mouth" weaken it to məθ ("Exampmouth").
    if i >= 2 && w.prev(i) == 'm' && w.ends_with_at(i, "outh") {
        return emit(out, "@T", 4);
    }
    let n2 = w.at(i + 2);
    if matches!(n2, 'p' | 'x' | '\0') || w.has(i + 2, "ge") {
        return emit(out, "u", 2);
    }
    if en_r_closes(w, i + 2) && i > 0 {
        return emit(out, "oR", 3);
    }
    emit(out, "aw", 2)
}

/// "ow": aʊ ("now", "towel") but oʊ at the end after a cluster or l/r ("show", "follow").
fn en_ow(w: &Letters, i: usize, out: &mut String) -> usize {
    if i + 2 == w.end && i >= 1 {
        let p = w.prev(i);
        let cluster = i >= 2 && is_consonant(w.at(i - 2));
        if matches!(p, 'l' | 'r') || cluster {
            return emit(out, "o", 2);
        }
    }
    emit(out, "aw", 2)
}

fn en_u(w: &Letters, i: usize, out: &mut String) -> usize {
    if en_r_closes(w, i + 1) {
        return emit(out, "@R", 2);
    }
    if w.ends_with_at(i, "ue") {
        return emit(out, "u", 2);
    }
    if en_magic_e(w, i) || i + 1 == w.len() {
        return emit(out, "u", 1);
    }
    // Open syllable ("music", "human") is u; closed ("but", "number") is ʌ.
    let open = is_consonant(w.at(i + 1)) && is_vowel(w.at(i + 2));
    emit(
        out,
        if open || is_vowel(w.at(i + 1)) {
            "u"
        } else {
            "@"
        },
        1,
    )
}

fn en_y(w: &Letters, i: usize, out: &mut String) -> usize {
    if is_vowel(w.at(i + 1)) && (i == 0 || is_vowel(w.prev(i))) {
        return emit(out, "j", 1);
    }
    if i + 1 == w.len() {
        // "my", "fly" (one syllable) read aɪ; "happy", "lady" read i.
        return emit(out, if w.vowel_before(i) { "i" } else { "aj" }, 1);
    }
    // "cycle", "typhoon": y in an open first syllable reads aɪ.
    let (c1, c2) = (w.at(i + 1), w.at(i + 2));
    let onset = matches!(
        (c1, c2),
        ('t' | 'p' | 'c' | 's', 'h') | ('c' | 'p' | 'b' | 'g', 'l' | 'r')
    );
    let open = c1 != 'r' && is_consonant(c1) && (is_vowel(c2) || (onset && is_vowel(w.at(i + 3))));
    if en_magic_e(w, i) || (open && !w.vowel_before(i)) {
        return emit(out, "aj", 1);
    }
    emit(out, "i", 1)
}

fn en_consonant(w: &Letters, i: usize, out: &mut String) -> usize {
    let c = w.at(i);
    let n1 = w.at(i + 1);
    match c {
        'c' => en_c(w, i, out),
        'g' => en_g(w, i, out),
        'h' => en_h(w, i, out),
        'n' => en_n(w, i, out),
        's' => en_s(w, i, out),
        't' => en_t(w, i, out),
        'j' => emit(out, "dZ", 1),
        // The Mc prefix reads mək ("mcdonald").
        'm' if i == 0 && n1 == 'c' => emit(out, "m@k", 2),
        'd' if n1 == 'g' => emit(out, "dZ", 2),
        'k' if i == 0 && n1 == 'n' => emit(out, "", 1),
        'p' if n1 == 'h' => emit(out, "f", 2),
        'p' if i == 0 && n1 == 's' => emit(out, "", 1),
        'q' => emit(out, "kw", if n1 == 'u' { 2 } else { 1 }),
        'w' if n1 == 'r' => emit(out, "", 1),
        'w' if n1 == 'h' => emit(out, "w", 2),
        'r' if n1 == 'h' => emit(out, "R", 2),
        'b' if n1 == '\0' && w.prev(i) == 'm' => emit(out, "", 1),
        'x' if i == 0 => emit(out, "z", 1),
        'x' if w.at(i + 1) == 'c' && is_front(w.at(i + 2)) => emit(out, "ks", 2),
        'x' => emit(out, "ks", 1),
        // Syllabic -le, -re after a consonant: "table(s)", "settled", "centre".
        'l' | 'r' if en_syllabic_end(w, i) => emit(out, if c == 'l' { "@l" } else { "@R" }, 2),
        'd' if n1 == 'j' => emit(out, "dZ", 2),
        _ => {
            let sym = if c == 'r' { 'R' } else { c };
            out.push(sym);
            if n1 == c { 2 } else { 1 }
        }
    }
}

/// Whether the l/r at `i` ends the word as a syllabic consonant: "-le", "-les", "-led", "-re".
fn en_syllabic_end(w: &Letters, i: usize) -> bool {
    let p = w.prev(i);
    let tail = w.ends_with_at(i + 1, "e")
        || (w.at(i) == 'l' && (w.ends_with_at(i + 1, "es") || w.ends_with_at(i + 1, "ed")));
    tail && is_consonant(p) && p != w.at(i) && i >= 2
}

fn en_c(w: &Letters, i: usize, out: &mut String) -> usize {
    let (n1, n2) = (w.at(i + 1), w.at(i + 2));
    match n1 {
        // "Brecht", "yacht": ch before t is never the sound of "church".
        'h' if matches!(n2, 'r' | 'l' | 't') => emit(out, "k", 2),
        // French-style final -che reads ʃ ("niche", "cliche", "brioche").
        'h' if w.ends_with_at(i, "che") && w.vowel_before(i) => emit(out, "S", 2),
        'h' => emit(out, "tS", 2),
        'k' => emit(out, "k", 2),
        'q' => emit(out, "", 1),
        'c' if is_front(n2) => emit(out, "ks", 2),
        'c' => emit(out, "k", 2),
        'i' if matches!(n2, 'a' | 'o') => emit(out, "S", 2),
        _ if is_front(n1) => emit(out, "s", 1),
        _ => emit(out, "k", 1),
    }
}

fn en_g(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    match n1 {
        'h' if i == 0 => emit(out, "g", 2),
        'h' => emit(out, "", 2),
        'n' if i == 0 || i + 2 == w.len() => emit(out, "n", 2),
        'u' if w.ends_with_at(i + 1, "ue") => emit(out, "g", 3),
        'g' => emit(out, "g", 2),
        _ if is_front(n1) => emit(out, "dZ", 1),
        _ => emit(out, "g", 1),
    }
}

fn en_h(w: &Letters, i: usize, out: &mut String) -> usize {
    // h is silent after a vowel when no vowel follows ("sarah", "ohm"), and after a
    // consonant that forms no digraph with it ("abhor", "dhow").
    let p = w.prev(i);
    if (is_vowel(p) && !is_vowel(w.at(i + 1))) || (i > 0 && is_consonant(p)) {
        return emit(out, "", 1);
    }
    emit(out, "h", 1)
}

fn en_n(w: &Letters, i: usize, out: &mut String) -> usize {
    let (n1, n2) = (w.at(i + 1), w.at(i + 2));
    // ng is ŋ, except before e where the g softens ("change", "danger").
    if n1 == 'g' && n2 != 'e' {
        return emit(out, "G", 2);
    }
    if n1 == 'k' {
        return emit(out, "G", 1);
    }
    emit(out, "n", if n1 == 'n' { 2 } else { 1 })
}

fn en_s(w: &Letters, i: usize, out: &mut String) -> usize {
    let (n1, n2) = (w.at(i + 1), w.at(i + 2));
    if w.has(i, "sch") {
        // "school", "scheme" read sk; German-style "schnapps", "schwa" read ʃ.
        let sk = matches!(w.at(i + 3), 'o' | 'e' | 'a');
        return if sk {
            emit(out, "sk", 3)
        } else {
            emit(out, "S", 3)
        };
    }
    if n1 == 'h' {
        return emit(out, "S", 2);
    }
    if w.has(i, "ssion") {
        return emit(out, "S@n", 5);
    }
    if w.has(i, "sion") {
        return emit(out, if is_vowel(w.prev(i)) { "Z@n" } else { "S@n" }, 4);
    }
    if n1 == 's' {
        return emit(out, "s", 2);
    }
    if n1 == 'c' && is_front(n2) {
        return emit(out, "s", 2);
    }
    if w.ends_with_at(i, "sm") {
        return emit(out, "z@m", 2);
    }
    emit(out, if en_s_voiced(w, i) { "z" } else { "s" }, 1)
}

/// Whether a plain s reads z: between vowels, or final after a voiced sound.
fn en_s_voiced(w: &Letters, i: usize) -> bool {
    let prev = w.prev(i);
    if is_vowel(prev) && is_vowel(w.at(i + 1)) && i >= 2 {
        return true;
    }
    let voiced_prev =
        is_vowel(prev) || matches!(prev, 'b' | 'd' | 'g' | 'l' | 'm' | 'n' | 'r' | 'v');
    // "iris", "tennis", "campus": final s after i/u stays voiceless.
    let weak_vowel = matches!(prev, 'i' | 'u') && is_consonant(w.prev(i - 1));
    // After a silent e the letter before it decides the voicing ("apes" s, "waves" z).
    let silent_e_after_voiceless =
        prev == 'e' && i >= 2 && matches!(w.at(i - 2), 'p' | 't' | 'k' | 'f');
    i + 1 == w.len() && i > 0 && !weak_vowel && voiced_prev && !silent_e_after_voiceless
}

fn en_t(w: &Letters, i: usize, out: &mut String) -> usize {
    let n1 = w.at(i + 1);
    if w.has(i, "tch") {
        return emit(out, "tS", 3);
    }
    if n1 == 'h' {
        return emit(out, "T", 2);
    }
    if i > 0 && w.has(i, "tur") && is_vowel(w.at(i + 3)) {
        // "picture", "natural": unstressed -tur- before a vowel is tʃər (a following e is mute).
        return emit(out, "tS@R", if w.at(i + 3) == 'e' { 4 } else { 3 });
    }
    if w.has(i, "tion") {
        return emit(out, "S@n", 4);
    }
    if w.has(i, "tia") || w.has(i, "tio") {
        return emit(out, "S", 2);
    }
    emit(out, "t", if n1 == 't' { 2 } else { 1 })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Ordinary French words and their expected readings.
    const FRENCH: &[(&str, &str)] = &[
        ("chapeau", "Sapo"),
        ("maison", "mez3"),
        ("oiseau", "wazo"),
        ("grenouille", "gR@nuj"),
        ("fille", "fij"),
        ("ville", "vil"),
        ("soleil", "solej"),
        ("travail", "tRavaj"),
        ("nation", "nasj3"),
        ("gagner", "gaNe"),
        ("champ", "S5"),
        ("islam", "islam"),
        ("tram", "tRam"),
        ("item", "item"),
        ("album", "albom"),
        ("temps", "t5"),
        ("beaucoup", "boku"),
        ("chrétien", "kRetj1"),
        ("bien", "bj1"),
        ("parler", "paRle"),
        ("mer", "meR"),
        ("nez", "ne"),
        ("pied", "pje"),
        ("samedi", "samdi"),
        ("devenir", "d@vniR"),
        ("garçon", "gaRs3"),
        ("guerre", "geR"),
        ("manger", "m5Ze"),
        ("vingt", "v1"),
        ("temps", "t5"),
        ("exact", "egzakt"),
        ("photo", "foto"),
        ("juillet", "Zwije"),
        ("nuit", "nwi"),
        ("moins", "mw1"),
        ("voyage", "vwajaZ"),
        ("enfants", "5f5"),
        ("heureux", "2R2"),
        ("cœur", "k2R"),
        ("premier", "pR@mje"),
        ("direct", "diRekt"),
        ("compte", "k3t"),
        ("le", "l@"),
        ("vin", "v1"),
    ];

    /// Ordinary English words and their expected readings.
    const ENGLISH: &[(&str, &str)] = &[
        ("night", "najt"),
        ("knight", "najt"),
        ("phone", "fon"),
        ("cheese", "tSiz"),
        ("ship", "Sip"),
        ("thin", "Tin"),
        ("quick", "kwik"),
        ("white", "wajt"),
        ("nation", "neS@n"),
        ("boat", "bot"),
        ("moon", "mun"),
        ("rain", "Ren"),
        ("happy", "hapi"),
        ("my", "maj"),
        ("make", "mek"),
        ("line", "lajn"),
        ("judge", "dZ@dZ"),
        ("city", "siti"),
        ("singing", "siGiG"),
        ("box", "boks"),
        ("car", "kaR"),
        ("her", "h@R"),
        ("bird", "b@Rd"),
        ("jumped", "dZ@mpt"),
        ("wanted", "wantid"),
        ("dogs", "dogz"),
        ("cats", "kats"),
        ("vision", "viZ@n"),
        ("show", "So"),
        ("now", "naw"),
        ("boy", "boj"),
        ("school", "skul"),
        ("wrong", "RoG"),
        ("climb", "klim"),
        ("league", "lig"),
    ];

    #[test]
    fn french_words() {
        for (word, want) in FRENCH {
            assert_eq!(french(word), *want, "french({word})");
        }
    }

    #[test]
    fn english_words() {
        for (word, want) in ENGLISH {
            assert_eq!(english(word), *want, "english({word})");
        }
    }

    /// Pairs from the dev set (right spelling, transcript spelling) that should read alike.
    #[test]
    fn french_respellings_read_alike() {
        let same = [
            ("levain", "levin"),
            ("dagrain", "dagrin"),
            ("galthié", "galtier"),
            ("technopolice", "technopolis"),
        ];
        for (a, b) in same {
            assert_eq!(french(a), french(b), "{a} / {b}");
        }
        assert_eq!(
            french("levain"),
            format!("{}{}", french("le"), french("vin"))
        );
        assert_eq!(french("quadrature"), "kadRatyR");
        assert_eq!(french("darmanin"), "daRman1");
        assert_eq!(french("châtelet"), "Satle");
        assert_eq!(french("technopolis"), "teknopolis");
        assert_eq!(french("musiani"), "myzjani");
        assert_eq!(french("mouziani"), "muzjani");
    }

    #[test]
    fn english_respellings_read_alike() {
        let same = [("streeting", "streating"), ("farage", "farrage")];
        for (a, b) in same {
            assert_eq!(english(a), english(b), "{a} / {b}");
        }
        assert_eq!(english("powell"), "pawel");
        assert_eq!(english("paul"), "pol");
        assert_eq!(
            english("amodei"),
            format!("{}{}", english("amo"), english("day"))
        );
        assert_eq!(
            english("stormzy"),
            format!("{}{}", english("storm"), english("zee"))
        );
        assert_eq!(english("binoche"), english("binosh"));
        assert_eq!(english("ofcom"), "ofk@m");
        assert_eq!(english("haaland"), "hal@nd");
        assert_eq!(english("holland"), "hol@nd");
        assert_eq!(english("eavis"), "ivis");
        assert_eq!(english("eaves"), "ivz");
        assert_eq!(english("exmouth"), "eksm@T");
        assert_eq!(english("mouth"), "mawT");
        assert_eq!(english("yorkshire"), "joRkS@R");
        assert_eq!(english("shire"), "Saj@R");
    }

    #[test]
    fn odd_input_never_panics() {
        for word in [
            "", "'", "-", "ß", "ǆ", "日本", "x", "hh", "éééé", "ñ", "œ", "qu",
        ] {
            let _ = french(word);
            let _ = english(word);
        }
        assert_eq!(french("g7"), "");
        assert_eq!(english("4x4"), "");
        assert_eq!(french("L'Été"), french("lété"));
    }
}
