//! The benchmark workload: a dictionary of made-up but plausible names in several languages
//! and an SRT transcript of ordinary French and English speech with some of those names planted
//! in it, half of them altered the way speech recognition slips. Deterministic: the same seed
//! gives the same bytes on every run and platform.
//!
//! Shared, not part of the library's API: included with `#[path]` by `benches/throughput.rs`,
//! `benches/hot.rs`, `benches/baseline.rs` and `examples/generate.rs` (the generator users and
//! `scripts/bench.sh` run). Each includer uses a part of it.
#![allow(dead_code)]

use std::collections::HashSet;
use std::fmt::Write as _;
use std::io;
use std::ops::Range;
use std::path::Path;

use transfix::{Dictionary, Entry, Kind};

/// The seed of every published figure.
pub const SEED: u64 = 0x7261_6e73_6669_7821;
/// One position in `NAME_EVERY` (on average) is a dictionary name instead of an ordinary word.
pub const NAME_EVERY: u64 = 100;
/// Languages of the names and their share of the dictionary, in percent.
pub const DEFAULT_LANGS: &str = "fr:35,en:25,es:10,it:10,de:10,ar:10";
/// The French and English mix of the first version of the bench: with it, the generator
/// writes that version's workload byte for byte (figures before the multilingual names).
pub const LEGACY_LANGS: &str = "fr:60,en:40";

// ---------------------------------------------------------------------------------------
// Deterministic PRNG (SplitMix64): no extra crate, same output on every platform.

pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    pub fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Languages of the names.

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    Fr,
    En,
    Es,
    It,
    De,
    /// Arabic names in Latin transliteration (Middle-Eastern and Maghrebi spellings).
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 6] = [Lang::Fr, Lang::En, Lang::Es, Lang::It, Lang::De, Lang::Ar];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::De => "de",
            Lang::Ar => "ar",
        }
    }

    pub fn parse(code: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.code() == code)
    }
}

/// Which languages the names are drawn from, with integer weights.
#[derive(Clone, Debug)]
pub struct Mix(Vec<(Lang, usize)>);

impl Mix {
    /// `"fr:35,en:25,es"`: languages by code, each with an optional weight (default 1).
    pub fn parse(spec: &str) -> Result<Mix, String> {
        let mut mix = Vec::new();
        for part in spec.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (code, weight) = match part.split_once(':') {
                Some((c, w)) => (
                    c.trim(),
                    w.trim()
                        .parse::<usize>()
                        .map_err(|_| format!("`{part}`: the weight is not a whole number"))?,
                ),
                None => (part, 1),
            };
            let lang = Lang::parse(code).ok_or_else(|| {
                format!("unknown language `{code}`: one of fr, en, es, it, de, ar")
            })?;
            if mix.iter().any(|&(l, _)| l == lang) {
                return Err(format!("`{code}` is given twice"));
            }
            if weight > 0 {
                mix.push((lang, weight));
            }
        }
        if mix.is_empty() {
            return Err(format!("`{spec}`: no language with a positive weight"));
        }
        Ok(Mix(mix))
    }

    pub fn default_mix() -> Mix {
        Mix::parse(DEFAULT_LANGS).expect("valid default")
    }

    /// One draw. With weights summing to 100 this is the draw `chance(60)` made for the
    /// French/English choice of the first version, so `fr:60,en:40` reproduces it.
    fn pick(&self, rng: &mut Rng) -> Lang {
        let total: usize = self.0.iter().map(|&(_, w)| w).sum();
        let mut roll = rng.below(total);
        for &(lang, weight) in &self.0 {
            if roll < weight {
                return lang;
            }
            roll -= weight;
        }
        unreachable!("roll below the total weight")
    }

    pub fn spec(&self) -> String {
        let parts: Vec<String> = self
            .0
            .iter()
            .map(|(l, w)| format!("{}:{w}", l.code()))
            .collect();
        parts.join(",")
    }
}

// ---------------------------------------------------------------------------------------
// Names from syllables, in each language's spelling.

/// How names of one language are spelled.
struct Style {
    onsets: &'static [&'static str],
    /// Vowels of a name's last syllable (digraphs only at the end keep the names
    /// pronounceable: "Marceline", not "Meauaiine"); the others take `SIMPLE_VOWELS`.
    vowels: &'static [&'static str],
    /// Consonants put between a stem and an ending that meet on a vowel.
    links: &'static [&'static str],
    first_endings: &'static [&'static str],
    last_endings: &'static [&'static str],
    /// Particles before a surname (those ending in `-` or `'` are glued to it), and how often
    /// (percent). No draw is made when the list is empty.
    particles: &'static [&'static str],
    particle_chance: u64,
}

const SIMPLE_VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "e", "i", "o"];

const FR: Style = Style {
    onsets: &[
        "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "j", "l", "m", "n", "p", "pr",
        "r", "s", "t", "tr", "v", "vr", "qu", "gu",
    ],
    vowels: &[
        "a", "e", "i", "o", "u", "é", "è", "ou", "au", "eau", "ai", "ei", "an", "en", "on", "in",
    ],
    links: &["l", "r", "n", "s", "t", "d", "v"],
    first_endings: &[
        "ine", "elle", "ette", "ane", "ard", "ien", "ic", "ier", "ise", "oline", "ence", "is",
    ],
    last_endings: &[
        "court", "ville", "mont", "ard", "ier", "eau", "ac", "elin", "as", "ot", "et", "ières",
        "aud", "oux", "ault",
    ],
    particles: &["Du", "Le", "La", "Des", "Van", "Saint-"],
    particle_chance: 10,
};

const EN: Style = Style {
    onsets: &[
        "b", "bl", "br", "c", "cr", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "r", "s",
        "sh", "st", "t", "th", "w", "wh", "y",
    ],
    vowels: &[
        "a", "e", "i", "o", "u", "ee", "oo", "ay", "ea", "ai", "y", "ow",
    ],
    links: &["l", "r", "n", "d", "s"],
    first_endings: &["vin", "son", "ley", "na", "ly", "den", "ric", "ton", "ie"],
    last_endings: &[
        "brook", "ton", "ford", "field", "well", "by", "son", "wick", "worth", "ham", "ridge",
        "more", "stone", "man",
    ],
    particles: &[],
    particle_chance: 0,
};

const ES: Style = Style {
    onsets: &[
        "b", "br", "c", "ch", "cr", "d", "f", "fr", "g", "gr", "j", "l", "ll", "m", "n", "p", "pl",
        "r", "s", "t", "tr", "v", "z", "qu", "gu",
    ],
    vowels: &["a", "e", "i", "o", "u", "ia", "ie", "io", "ue", "á", "ó"],
    links: &["l", "r", "n", "s", "d", "t", "v"],
    first_endings: &[
        "ando", "ela", "ino", "ina", "ita", "ardo", "ana", "encia", "ía", "elio", "uel", "ofía",
    ],
    last_endings: &[
        "ez", "ález", "ado", "era", "illo", "eda", "ares", "anda", "uela", "ero", "ón", "ías",
        "ano", "oza", "ueta",
    ],
    particles: &["de", "del", "de la"],
    particle_chance: 12,
};

const IT: Style = Style {
    onsets: &[
        "b", "br", "c", "ch", "d", "f", "g", "gh", "gi", "gl", "l", "m", "n", "p", "pr", "r", "s",
        "sc", "sp", "st", "t", "tr", "v", "z",
    ],
    vowels: &["a", "e", "i", "o", "u", "ia", "io", "ie", "uo"],
    links: &["l", "r", "n", "s", "t", "v", "d"],
    first_endings: &[
        "ino", "ina", "ella", "etta", "ano", "enzo", "aria", "ele", "ardo", "iero", "ilde", "ico",
    ],
    last_endings: &[
        "ini", "etti", "elli", "ucci", "one", "ari", "ato", "esi", "otti", "ese", "ano", "azzi",
        "accio", "uzzi",
    ],
    particles: &["Di", "De", "Della", "D'", "Lo"],
    particle_chance: 12,
};

const DE: Style = Style {
    onsets: &[
        "b", "br", "d", "dr", "f", "fr", "g", "gr", "h", "k", "kl", "kr", "l", "m", "n", "p", "pf",
        "r", "s", "sch", "schw", "st", "t", "tr", "w", "z",
    ],
    vowels: &[
        "a", "e", "i", "o", "u", "ä", "ö", "ü", "ei", "au", "ie", "eu",
    ],
    links: &["l", "r", "n", "s", "t", "d", "m"],
    first_endings: &[
        "helm", "hard", "rich", "trud", "linde", "mar", "bert", "fried", "gard", "ine", "ke",
        "wig", "old", "mund",
    ],
    last_endings: &[
        "mann", "berg", "stein", "bach", "hofer", "meier", "er", "feld", "burg", "heim", "ler",
        "hardt", "dorf", "ner", "inger", "brück",
    ],
    particles: &["von", "von der", "zu", "vom"],
    particle_chance: 8,
};

/// Syllables of Arabic words in transliteration (terms); names are built from roots.
const AR: Style = Style {
    onsets: &[
        "b", "t", "j", "h", "kh", "d", "r", "z", "s", "sh", "f", "q", "k", "l", "m", "n", "w", "y",
    ],
    vowels: &["a", "i", "u", "a", "ah", "an"],
    links: &["l", "r", "n", "m", "d"],
    first_endings: &[],
    last_endings: &[],
    particles: &[],
    particle_chance: 0,
};

fn style(lang: Lang) -> &'static Style {
    match lang {
        Lang::Fr => &FR,
        Lang::En => &EN,
        Lang::Es => &ES,
        Lang::It => &IT,
        Lang::De => &DE,
        Lang::Ar => &AR,
    }
}

pub fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn syllables(rng: &mut Rng, lang: Lang, n: usize) -> String {
    let style = style(lang);
    let mut s = String::new();
    for i in 0..n {
        s.push_str(rng.pick(style.onsets));
        if i + 1 == n && rng.chance(40) {
            s.push_str(rng.pick(style.vowels));
        } else {
            s.push_str(rng.pick(SIMPLE_VOWELS));
        }
    }
    s
}

fn is_vowel(c: char) -> bool {
    "aeiouyéèêàâîôûáíóúäöü".contains(c)
}

/// `stem` + `ending`, with a consonant between them when both meet on a vowel.
fn join(rng: &mut Rng, lang: Lang, stem: &str, ending: &str) -> String {
    let clash =
        stem.chars().last().is_some_and(is_vowel) && ending.chars().next().is_some_and(is_vowel);
    if clash {
        format!("{stem}{}{ending}", rng.pick(style(lang).links))
    } else {
        format!("{stem}{ending}")
    }
}

/// `particle` before `name`: glued after `-` or `'`, else with a space.
fn with_particle(particle: &str, name: &str) -> String {
    if particle.ends_with('-') || particle.ends_with('\'') {
        format!("{particle}{name}")
    } else {
        format!("{particle} {name}")
    }
}

// Arabic names are made the way the language makes them: three root consonants poured into a
// pattern ("1a2i3" + k-r-m = Karim, "mu1a22a3" + h-m-d = Muhammad), then transliterated in the
// English way ("Shukri", "Jamila") or, for about a name in four, the French way of the Maghreb
// ("Choukri", "Djamila").

const AR_RADICALS: &[&str] = &[
    "b", "t", "j", "h", "kh", "d", "r", "z", "s", "sh", "f", "q", "k", "l", "m", "n", "gh", "w",
];
const AR_FIRST_PATTERNS: &[&str] = &[
    "1a2i3", "1a2i3a", "1a23an", "mu1a22a3", "1u2ay3", "a12a3", "1a2a3", "1a2u3", "1a23a", "1i2a3",
    "1a2ii3a",
];
const AR_LAST_PATTERNS: &[&str] = &[
    "1a2i3", "1a22a3", "1a2a3i", "1a23ani", "1a2i3i", "1u2a3i", "1a2aa3", "1a22ou3",
];
const AR_SURNAME_PREFIXES: &[&str] = &["al-", "Al-", "El ", "Ben ", "Bin ", "Abu ", "", "", ""];

fn root_word(rng: &mut Rng, patterns: &[&str]) -> String {
    let pattern = rng.pick(patterns);
    let mut roots = [
        rng.pick(AR_RADICALS),
        rng.pick(AR_RADICALS),
        rng.pick(AR_RADICALS),
    ];
    // Arabic roots do not start with the same consonant twice ("Khakhid").
    if roots[1] == roots[0] {
        let i = AR_RADICALS.iter().position(|r| *r == roots[1]).unwrap_or(0);
        roots[1] = AR_RADICALS[(i + 1) % AR_RADICALS.len()];
    }
    let mut out = String::new();
    let mut last_radical: Option<&str> = None;
    for c in pattern.chars() {
        match c.to_digit(10) {
            Some(d @ 1..=3) => {
                let radical = roots[d as usize - 1];
                // A doubled radical is written twice ("Haddad"), a digraph only once.
                if last_radical == Some(radical) && radical.len() > 1 {
                    continue;
                }
                out.push_str(radical);
                last_radical = Some(radical);
            }
            _ => {
                out.push(c);
                last_radical = None;
            }
        }
    }
    out
}

/// The French transliteration of the Maghreb: "ou" for u, "ch" for sh, "dj" for j.
fn maghrebi(word: &str) -> String {
    word.replace("sh", "ch")
        .replace('u', "ou")
        .replace("oou", "ou")
        .replace('j', "dj")
}

fn arabic_first_name(rng: &mut Rng) -> String {
    let word = root_word(rng, AR_FIRST_PATTERNS);
    let word = if rng.chance(25) {
        maghrebi(&word)
    } else {
        word
    };
    cap(&word)
}

fn arabic_last_name(rng: &mut Rng) -> String {
    let prefix = rng.pick(AR_SURNAME_PREFIXES);
    let word = root_word(rng, AR_LAST_PATTERNS);
    let word = if rng.chance(25) {
        maghrebi(&word)
    } else {
        word
    };
    format!("{prefix}{}", cap(&word))
}

fn first_name(rng: &mut Rng, lang: Lang) -> String {
    if lang == Lang::Ar {
        return arabic_first_name(rng);
    }
    let n = rng.range(1, 2);
    let stem = syllables(rng, lang, n);
    let ending = rng.pick(style(lang).first_endings);
    cap(&join(rng, lang, &stem, ending))
}

fn last_name(rng: &mut Rng, lang: Lang) -> String {
    if lang == Lang::Ar {
        return arabic_last_name(rng);
    }
    let n = rng.range(1, 3);
    let stem = syllables(rng, lang, n);
    let style = style(lang);
    let ending = rng.pick(style.last_endings);
    let name = cap(&join(rng, lang, &stem, ending));
    if !style.particles.is_empty() && rng.chance(style.particle_chance) {
        with_particle(rng.pick(style.particles), &name)
    } else {
        name
    }
}

const ORG_PREFIXES_FR: &[&str] = &[
    "Institut",
    "Fondation",
    "Observatoire",
    "Centre",
    "Agence",
    "Collectif",
    "Société",
];
const ORG_SUFFIXES_EN: &[&str] = &[
    "Group",
    "Labs",
    "Systems",
    "Partners",
    "Foundation",
    "Institute",
    "Holdings",
];
const ORG_PREFIXES_ES: &[&str] = &[
    "Fundación",
    "Instituto",
    "Grupo",
    "Banco",
    "Editorial",
    "Universidad de",
];
const ORG_PREFIXES_IT: &[&str] = &[
    "Fondazione",
    "Istituto",
    "Gruppo",
    "Banca",
    "Edizioni",
    "Università di",
];
const ORG_SUFFIXES_DE: &[&str] = &["Stiftung", "Verlag", "Werke", "Institut", "Gruppe", "Bank"];
const ORG_PREFIXES_AR: &[&str] = &["Dar", "Bayt", "Markaz", "Majlis", "Maktabat"];
const PLACE_PREFIXES_ES: &[&str] = &["San", "Santa", "Villa", "Puerto", "Valle de"];
const PLACE_PREFIXES_IT: &[&str] = &["San", "Monte", "Castel", "Borgo", "Porto"];
const PLACE_PREFIXES_AR: &[&str] = &["Wadi", "Ras", "Ain", "Sidi", "Bir", "Tell"];
const TERM_ENDINGS: &[&str] = &[
    "ium", "ex", "ol", "ose", "ine", "ax", "ite", "on", "ase", "ix",
];

fn organisation(rng: &mut Rng, lang: Lang) -> String {
    match lang {
        Lang::Ar => {
            let prefix = rng.pick(ORG_PREFIXES_AR);
            format!("{prefix} al-{}", cap(&root_word(rng, AR_LAST_PATTERNS)))
        }
        _ => {
            let base = last_name(rng, lang);
            match lang {
                Lang::Fr => format!("{} {base}", rng.pick(ORG_PREFIXES_FR)),
                Lang::En => format!("{base} {}", rng.pick(ORG_SUFFIXES_EN)),
                Lang::Es => format!("{} {base}", rng.pick(ORG_PREFIXES_ES)),
                Lang::It => format!("{} {base}", rng.pick(ORG_PREFIXES_IT)),
                Lang::De => format!("{base} {}", rng.pick(ORG_SUFFIXES_DE)),
                Lang::Ar => unreachable!(),
            }
        }
    }
}

fn place(rng: &mut Rng, lang: Lang) -> String {
    if lang == Lang::Ar {
        let prefix = rng.pick(PLACE_PREFIXES_AR);
        let word = cap(&root_word(rng, AR_LAST_PATTERNS));
        return if rng.chance(50) {
            format!("{prefix} al-{word}")
        } else {
            format!("{prefix} {word}")
        };
    }
    let base = last_name(rng, lang);
    match lang {
        Lang::Fr if rng.chance(50) => format!("Saint-{base}"),
        Lang::Fr => format!("{base}-sur-{}", cap(&syllables(rng, lang, 2))),
        Lang::En => format!("{base} Falls"),
        Lang::Es if rng.chance(30) => format!("{base} del Río"),
        Lang::Es => format!("{} {base}", rng.pick(PLACE_PREFIXES_ES)),
        Lang::It if rng.chance(25) => format!("{base} al Mare"),
        Lang::It => format!("{} {base}", rng.pick(PLACE_PREFIXES_IT)),
        Lang::De => match rng.below(3) {
            0 => format!("Bad {base}"),
            1 => format!("{base} am {}", cap(&syllables(rng, lang, 1))),
            _ => format!("Neu-{base}"),
        },
        Lang::Ar => unreachable!(),
    }
}

fn generate_entry(rng: &mut Rng, mix: &Mix) -> Entry {
    let lang = mix.pick(rng);
    let roll = rng.below(100);
    let (name, kind) = if roll < 60 {
        let first = first_name(rng, lang);
        let mut last = last_name(rng, lang);
        // Spanish people often carry both surnames ("García Márquez").
        if lang == Lang::Es && rng.chance(25) {
            last = format!("{last} {}", last_name(rng, lang));
        }
        (format!("{first} {last}"), Kind::Person)
    } else if roll < 75 {
        (organisation(rng, lang), Kind::Org)
    } else if roll < 85 {
        (place(rng, lang), Kind::Place)
    } else {
        let n = rng.range(2, 3);
        let name = cap(&format!(
            "{}{}",
            syllables(rng, lang, n),
            rng.pick(TERM_ENDINGS)
        ));
        (name, Kind::Term)
    };
    let mut entry = Entry::new(name);
    entry.kind = kind;
    entry.lang = Some(lang.code().to_owned());
    entry
}

/// `n` distinct entries.
pub fn generate_dictionary(rng: &mut Rng, n: usize, mix: &Mix) -> Dictionary {
    let mut seen = HashSet::with_capacity(n);
    let mut entries = Vec::with_capacity(n);
    while entries.len() < n {
        let entry = generate_entry(rng, mix);
        if seen.insert(entry.name.clone()) {
            entries.push(entry);
        }
    }
    Dictionary::from_entries(entries)
}

// ---------------------------------------------------------------------------------------
// Transcript: SRT cues of ordinary words, ~1% of positions dictionary names.

const FR_WORDS: &str = "\
    alors donc en fait on va dire que le la les des du de un une et est c'est qui quoi \
    pour dans sur avec sans sous par plus moins très bien pas ne je tu il elle nous vous \
    ils elles mais ou où comme quand parce aussi encore toujours jamais déjà maintenant \
    aujourd'hui hier demain voilà enfin bon bah euh vraiment effectivement évidemment \
    notamment question réponse problème situation moment temps année années jour jours \
    semaine mois fois personne personnes gens monde pays ville villes rue rues quartier \
    gouvernement ministre président loi lois texte décret débat projet politique public \
    publique sécurité liberté libertés droit droits justice police policiers caméras \
    surveillance technologie technologies données logiciel logiciels algorithme image \
    images vidéo réseau réseaux internet numérique association associations entreprise \
    entreprises chiffre chiffres cas exemple manière façon chose choses idée travail école \
    famille enfants argent prix marché économie histoire société avenir raison besoin \
    envie faire avoir être aller voir savoir pouvoir vouloir falloir prendre mettre parler \
    penser croire trouver donner passer rester venir tenir demander suivre comprendre \
    expliquer montrer rappeler utiliser contester accueillir tester analyser décider grand \
    grande petit petite nouveau nouvelle premier première dernier dernière autre autres \
    même mêmes seul seule tout toute tous toutes beaucoup peu assez trop certain certains \
    important possible difficile simple vrai faux clair grave dangereux nécessaire ce \
    cette ces son sa ses leur leurs notre nos votre vos mon ma mes ça cela ici là après \
    avant pendant depuis entre contre vers chez selon malgré deux trois quatre cinq dix \
    cent mille milliers";

const EN_WORDS: &str = "\
    so well the a an and or but of to in on at for with without from by about into over \
    after before between is are was were be been have has had do does did will would can \
    could should might must I you he she we they it this that these those what which who \
    when where why how not no yes very really just only also still already now then today \
    yesterday tomorrow here there people person time year years day days week month way \
    thing things question answer problem point part place case world country city street \
    government minister law bill policy public security freedom rights police cameras data \
    software system network company companies money market history future reason need work \
    school family children game team say said think know see look make made take get got \
    go going come give find tell ask use used try keep mean want seem show explain \
    understand remember decide good great big small new old first last other same own long \
    little right wrong clear hard easy important possible actually basically obviously \
    probably maybe perhaps okay um uh like kind sort lot lots more most less two three \
    four five ten hundred thousand million percent";

/// What happened to a planted name on its way into the transcript.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Slip {
    Intact,
    /// Two adjacent letters swapped.
    Swapped,
    /// A letter dropped (a dropped space or hyphen glues two words).
    Dropped,
    /// A letter doubled.
    Doubled,
    /// A vowel replaced by another.
    Vowel,
    /// A word cut in two.
    Split,
    /// Two words glued (the first space or hyphen removed).
    Merged,
    /// All lower case, as captions often write names: the same words, so nothing for a
    /// name fixer to do if case is ignored (the reference scorer ignores case-only edits).
    Lowercased,
    /// A space doubled: the same words.
    Spacing,
}

impl Slip {
    pub const ALL: [Slip; 9] = [
        Slip::Intact,
        Slip::Swapped,
        Slip::Dropped,
        Slip::Doubled,
        Slip::Vowel,
        Slip::Split,
        Slip::Merged,
        Slip::Lowercased,
        Slip::Spacing,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Slip::Intact => "intact",
            Slip::Swapped => "swapped",
            Slip::Dropped => "dropped",
            Slip::Doubled => "doubled",
            Slip::Vowel => "vowel",
            Slip::Split => "split",
            Slip::Merged => "merged",
            Slip::Lowercased => "lowercased",
            Slip::Spacing => "spacing",
        }
    }

    /// The words differ from the name's beyond case and spacing: a fix is due.
    pub fn needs_fix(self) -> bool {
        !matches!(self, Slip::Intact | Slip::Lowercased | Slip::Spacing)
    }

    /// What `said` is to `name`, given the slip that was attempted.
    fn of(name: &str, said: &str, attempted: Slip) -> Slip {
        if said == name {
            Slip::Intact
        } else if said.to_lowercase() == name.to_lowercase() {
            Slip::Lowercased
        } else if said.split_whitespace().eq(name.split_whitespace()) {
            Slip::Spacing
        } else {
            attempted
        }
    }
}

/// A name as it might come out of speech recognition: intact or with one slip.
pub fn perturb(rng: &mut Rng, name: &str) -> (String, Slip) {
    let (said, attempted) = slip(rng, name);
    let slip = Slip::of(name, &said, attempted);
    (said, slip)
}

fn slip(rng: &mut Rng, name: &str) -> (String, Slip) {
    if rng.chance(50) {
        return (name.to_owned(), Slip::Intact);
    }
    let mut chars: Vec<char> = name.chars().collect();
    let n = chars.len();
    if n < 4 {
        return (name.to_owned(), Slip::Intact);
    }
    let slip = match rng.below(7) {
        0 => {
            let i = rng.range(1, n - 2);
            chars.swap(i, i + 1);
            Slip::Swapped
        }
        1 => {
            let i = rng.range(1, n - 1);
            chars.remove(i);
            Slip::Dropped
        }
        2 => {
            let i = rng.range(1, n - 1);
            let c = chars[i];
            chars.insert(i, c);
            Slip::Doubled
        }
        3 => {
            const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'é', 'y'];
            let positions: Vec<usize> = (0..n).filter(|&i| VOWELS.contains(&chars[i])).collect();
            if !positions.is_empty() {
                let i = positions[rng.below(positions.len())];
                chars[i] = VOWELS[rng.below(VOWELS.len())];
            }
            Slip::Vowel
        }
        4 => {
            let i = rng.range(2, n - 2);
            if chars[i - 1] != ' ' && chars[i] != ' ' {
                chars.insert(i, ' ');
            }
            Slip::Split
        }
        5 => {
            if let Some(i) = chars.iter().position(|&c| c == ' ' || c == '-') {
                chars.remove(i);
            }
            Slip::Merged
        }
        _ => return (name.to_lowercase(), Slip::Lowercased),
    };
    (chars.into_iter().collect(), slip)
}

/// An SRT timestamp. Hours wrap at 100 (SRT writes two digits; a very long transcript, over
/// about 1.1 million words, starts again at 00:00:00 as a new recording would).
fn srt_time(ms: u64) -> String {
    let (h, rest) = (ms / 3_600_000 % 100, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, ms) = (rest / 1000, rest % 1000);
    format!("{h:02}:{m:02}:{s:02},{ms:03}")
}

/// A dictionary name put in the transcript.
#[derive(Clone, Debug)]
pub struct Planted {
    /// Byte range in the transcript.
    pub span: Range<usize>,
    /// Index of the entry in the dictionary.
    pub entry: usize,
    /// The text differs from the entry's name (an ASR-like slip, case and spacing included).
    pub perturbed: bool,
    pub slip: Slip,
}

pub struct Generated {
    /// The SRT transcript.
    pub text: String,
    /// Words written (a planted name counts as its words).
    pub words: usize,
    /// The planted names, in order.
    pub planted: Vec<Planted>,
    /// How many planted names were altered.
    pub perturbed: usize,
}

/// An SRT transcript of about `target_words` words (it ends at the end of a cue).
pub fn generate_transcript(rng: &mut Rng, dict: &Dictionary, target_words: usize) -> Generated {
    let fr_words: Vec<&str> = FR_WORDS.split_whitespace().collect();
    let en_words: Vec<&str> = EN_WORDS.split_whitespace().collect();
    let mut text = String::with_capacity(target_words * 8);
    let mut planted = Vec::with_capacity(target_words / NAME_EVERY as usize + 16);
    let mut perturbed = 0;
    let mut words = 0;
    let mut cue = 0u64;
    let mut clock_ms = 0u64;
    while words < target_words {
        cue += 1;
        let duration = 1_500 + rng.below(3_000) as u64;
        let _ = write!(
            text,
            "{cue}\n{} --> {}\n",
            srt_time(clock_ms),
            srt_time(clock_ms + duration)
        );
        clock_ms += duration + rng.below(400) as u64;
        let vocab: &[&str] = if rng.chance(70) { &fr_words } else { &en_words };
        let lines = if rng.chance(60) { 2 } else { 1 };
        for line in 0..lines {
            let len = rng.range(4, 9);
            for i in 0..len {
                if i > 0 {
                    text.push(' ');
                }
                if rng.next_u64().is_multiple_of(NAME_EVERY) {
                    let index = rng.below(dict.entries.len());
                    let entry = &dict.entries[index];
                    let (said, slip) = perturb(rng, &entry.name);
                    let altered = said != entry.name;
                    if altered {
                        perturbed += 1;
                    }
                    words += said.split_whitespace().count();
                    let start = text.len();
                    text.push_str(&said);
                    planted.push(Planted {
                        span: start..text.len(),
                        entry: index,
                        perturbed: altered,
                        slip,
                    });
                } else {
                    let word = rng.pick(vocab);
                    if i == 0 && line == 0 {
                        text.push_str(&cap(word));
                    } else {
                        text.push_str(word);
                    }
                    words += 1;
                }
            }
            match rng.below(10) {
                0..=3 => text.push('.'),
                4 => text.push(','),
                5 => text.push_str(" ?"),
                _ => {}
            }
            text.push('\n');
        }
        text.push('\n');
    }
    Generated {
        text,
        words,
        planted,
        perturbed,
    }
}

/// A whole workload: the dictionary, then the transcript, from one seeded stream. The
/// transcript's first cues do not depend on `words`: a short transcript is the beginning of a
/// long one with the same dictionary.
pub struct Workload {
    pub dictionary: Dictionary,
    pub transcript: Generated,
}

pub fn generate(entries: usize, words: usize, seed: u64, mix: &Mix) -> Workload {
    let mut rng = Rng::new(seed);
    let dictionary = generate_dictionary(&mut rng, entries.max(1), mix);
    let transcript = generate_transcript(&mut rng, &dictionary, words);
    Workload {
        dictionary,
        transcript,
    }
}

// ---------------------------------------------------------------------------------------
// Files.

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The dictionary as a transfix TOML file.
pub fn dictionary_toml(dict: &Dictionary) -> String {
    let mut toml = String::with_capacity(dict.entries.len() * 64);
    for e in &dict.entries {
        let _ = writeln!(
            toml,
            "[[term]]\nname = {}\nkind = {}\nlang = {}\n",
            toml_string(&e.name),
            toml_string(e.kind.as_str()),
            toml_string(e.lang.as_deref().unwrap_or(""))
        );
    }
    toml
}

/// One canonical name a line (patterns for `rg -F -f` or `grep -F -f`).
pub fn names_txt(dict: &Dictionary) -> String {
    let mut out = String::with_capacity(dict.entries.len() * 20);
    for e in &dict.entries {
        out.push_str(&e.name);
        out.push('\n');
    }
    out
}

/// The transcript's words without cue numbers and timings: one paragraph a cue.
pub fn plain_text(srt: &str) -> String {
    let mut out = String::with_capacity(srt.len());
    for block in srt.split("\n\n").filter(|b| !b.is_empty()) {
        for line in block.lines().skip(2) {
            out.push_str(line);
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

/// Where each planted name is: `start end perturbed slip term said`, tab-separated, with
/// byte offsets into `transcript.srt` (see [`Slip`]).
pub fn planted_tsv(dict: &Dictionary, transcript: &Generated) -> String {
    let mut out = String::from("start\tend\tperturbed\tslip\tterm\tsaid\n");
    for p in &transcript.planted {
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}",
            p.span.start,
            p.span.end,
            u8::from(p.perturbed),
            p.slip.name(),
            dict.entries[p.entry].name,
            &transcript.text[p.span.clone()]
        );
    }
    out
}

/// Files written by [`write_files`].
pub const FILES: [&str; 5] = [
    "dictionary.toml",
    "transcript.srt",
    "transcript.txt",
    "names.txt",
    "planted.tsv",
];

/// Writes the workload to `dir` (created if needed): `dictionary.toml`, `transcript.srt`,
/// `transcript.txt` (the same words as plain text), `names.txt` and `planted.tsv`.
pub fn write_files(dir: &Path, workload: &Workload) -> io::Result<()> {
    let dict = &workload.dictionary;
    let srt = &workload.transcript.text;
    std::fs::create_dir_all(dir)?;
    std::fs::write(dir.join("dictionary.toml"), dictionary_toml(dict))?;
    std::fs::write(dir.join("transcript.srt"), srt)?;
    std::fs::write(dir.join("transcript.txt"), plain_text(srt))?;
    std::fs::write(dir.join("names.txt"), names_txt(dict))?;
    std::fs::write(
        dir.join("planted.tsv"),
        planted_tsv(dict, &workload.transcript),
    )?;
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Scoring against the planted names.

/// How many of `planted` (sorted by start) are overlapped by one of `spans` for which
/// `hit(planted, span index)` holds.
pub fn planted_hits(
    planted: &[&Planted],
    spans: &[Range<usize>],
    mut hit: impl FnMut(&Planted, usize) -> bool,
) -> usize {
    let mut order: Vec<usize> = (0..spans.len()).collect();
    order.sort_by_key(|&i| spans[i].start);
    let mut hits = 0;
    let mut j = 0;
    for p in planted {
        while j < order.len() && spans[order[j]].end <= p.span.start {
            j += 1;
        }
        let mut k = j;
        while k < order.len() && spans[order[k]].start < p.span.end {
            if hit(p, order[k]) {
                hits += 1;
                break;
            }
            k += 1;
        }
    }
    hits
}

/// How many of `spans` overlap no planted name (changes where nothing was planted).
pub fn unplanted(planted: &[Planted], spans: &[Range<usize>]) -> usize {
    spans
        .iter()
        .filter(|s| {
            let i = planted.partition_point(|p| p.span.end <= s.start);
            planted.get(i).is_none_or(|p| p.span.start >= s.end)
        })
        .count()
}

// ---------------------------------------------------------------------------------------
// Measurement.

/// CPU time this thread has run, in seconds (`/proc/thread-self/schedstat`, nanoseconds), if
/// the platform tells. On a busy machine it is less inflated than wall time, as it leaves out
/// the time the thread waited for a CPU (caches and memory bandwidth are still shared).
pub fn thread_cpu_s() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(ns as f64 / 1e9)
}

/// Wall and CPU time of `f`.
pub fn timed<T>(f: impl FnOnce() -> T) -> (T, f64, Option<f64>) {
    let cpu = thread_cpu_s();
    let t = std::time::Instant::now();
    let out = f();
    let wall = t.elapsed().as_secs_f64();
    let cpu = cpu.zip(thread_cpu_s()).map(|(a, b)| b - a);
    (out, wall, cpu)
}

/// The load averages over 1, 5 and 15 minutes (`/proc/loadavg`), to print next to figures.
pub fn load_average() -> Option<String> {
    let line = std::fs::read_to_string("/proc/loadavg").ok()?;
    Some(
        line.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" "),
    )
}
