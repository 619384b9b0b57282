//! Throughput benchmark: a generated 100,000-entry dictionary against a generated
//! 1,000,000-word SRT transcript, matched in-process on one thread.
//!
//! Run with `cargo bench --bench throughput`. Scale down with `TRANSFIX_BENCH_ENTRIES` and
//! `TRANSFIX_BENCH_WORDS`. Without cargo's `--bench` flag (e.g. under
//! `cargo test --all-targets`) it runs a small smoke-sized workload instead.
//!
//! Reports index build time, matching throughput (words/s), proposal count and peak RSS,
//! as a table on stdout and as one JSON line in `target/bench-throughput.json`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::hint::black_box;
use std::ops::Range;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use transfix::{Dictionary, Entry, Index, Kind, Matcher, Transcript};

const DEFAULT_ENTRIES: usize = 100_000;
const DEFAULT_WORDS: usize = 1_000_000;
/// Workload when the binary is not run by `cargo bench` (keeps `cargo test --all-targets` fast).
const SMOKE_ENTRIES: usize = 2_000;
const SMOKE_WORDS: usize = 20_000;
/// One position in `NAME_EVERY` (on average) is a dictionary name instead of an ordinary word.
const NAME_EVERY: u64 = 100;
const SEED: u64 = 0x7261_6e73_6669_7821;

// ---------------------------------------------------------------------------------------
// Deterministic PRNG (SplitMix64): no extra crate, same output on every platform.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0); the modulo bias is irrelevant here.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn range(&mut self, lo: usize, hi_inclusive: usize) -> usize {
        lo + self.below(hi_inclusive - lo + 1)
    }

    /// True with probability `percent` / 100.
    fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }

    fn pick<'a, T: ?Sized>(&mut self, items: &'a [&'a T]) -> &'a T {
        items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------
// Pseudo-name generation from syllables, in French-like and English-like orthography.

const FR_ONSETS: &[&str] = &[
    "b", "br", "c", "ch", "cl", "d", "dr", "f", "fl", "g", "gr", "j", "l", "m", "n", "p", "pr",
    "r", "s", "t", "tr", "v", "vr", "qu", "gu",
];
const FR_VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "é", "è", "ou", "au", "eau", "ai", "ei", "an", "en", "on", "in",
];
const FR_FIRST_ENDINGS: &[&str] = &[
    "ine", "elle", "ette", "ane", "ard", "ien", "ic", "ier", "ise", "oline", "ence", "is",
];
const FR_LAST_ENDINGS: &[&str] = &[
    "court", "ville", "mont", "ard", "ier", "eau", "ac", "elin", "as", "ot", "et", "ières", "aud",
    "oux", "ault",
];
const FR_PARTICLES: &[&str] = &["Du", "Le", "La", "Des", "Van", "Saint-"];

const EN_ONSETS: &[&str] = &[
    "b", "bl", "br", "c", "cr", "d", "f", "g", "gr", "h", "k", "l", "m", "n", "p", "r", "s", "sh",
    "st", "t", "th", "w", "wh", "y",
];
const EN_VOWELS: &[&str] = &[
    "a", "e", "i", "o", "u", "ee", "oo", "ay", "ea", "ai", "y", "ow",
];
const EN_FIRST_ENDINGS: &[&str] = &["vin", "son", "ley", "na", "ly", "den", "ric", "ton", "ie"];
const EN_LAST_ENDINGS: &[&str] = &[
    "brook", "ton", "ford", "field", "well", "by", "son", "wick", "worth", "ham", "ridge", "more",
    "stone", "man",
];

const ORG_PREFIXES: &[&str] = &[
    "Institut",
    "Fondation",
    "Observatoire",
    "Centre",
    "Agence",
    "Collectif",
    "Société",
];
const ORG_SUFFIXES: &[&str] = &[
    "Group",
    "Labs",
    "Systems",
    "Partners",
    "Foundation",
    "Institute",
    "Holdings",
];
const TERM_ENDINGS: &[&str] = &[
    "ium", "ex", "ol", "ose", "ine", "ax", "ite", "on", "ase", "ix",
];

#[derive(Clone, Copy)]
enum Lang {
    Fr,
    En,
}

fn cap(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Simple vowels, used in every syllable but the last (digraphs only at the end keep the
/// names pronounceable: "Marceline", not "Meauaiine").
const SIMPLE_VOWELS: &[&str] = &["a", "e", "i", "o", "u", "a", "e", "i", "o"];
const FR_LINKS: &[&str] = &["l", "r", "n", "s", "t", "d", "v"];
const EN_LINKS: &[&str] = &["l", "r", "n", "d", "s"];

fn syllables(rng: &mut Rng, lang: Lang, n: usize) -> String {
    let (onsets, vowels) = match lang {
        Lang::Fr => (FR_ONSETS, FR_VOWELS),
        Lang::En => (EN_ONSETS, EN_VOWELS),
    };
    let mut s = String::new();
    for i in 0..n {
        s.push_str(rng.pick(onsets));
        if i + 1 == n && rng.chance(40) {
            s.push_str(rng.pick(vowels));
        } else {
            s.push_str(rng.pick(SIMPLE_VOWELS));
        }
    }
    s
}

fn is_vowel(c: char) -> bool {
    "aeiouyéèêàâîôû".contains(c)
}

/// `stem` + `ending`, with a consonant between them when both meet on a vowel.
fn join(rng: &mut Rng, lang: Lang, stem: &str, ending: &str) -> String {
    let clash =
        stem.chars().last().is_some_and(is_vowel) && ending.chars().next().is_some_and(is_vowel);
    if clash {
        let links = match lang {
            Lang::Fr => FR_LINKS,
            Lang::En => EN_LINKS,
        };
        format!("{stem}{}{ending}", rng.pick(links))
    } else {
        format!("{stem}{ending}")
    }
}

fn first_name(rng: &mut Rng, lang: Lang) -> String {
    let n = rng.range(1, 2);
    let stem = syllables(rng, lang, n);
    let ending = match lang {
        Lang::Fr => rng.pick(FR_FIRST_ENDINGS),
        Lang::En => rng.pick(EN_FIRST_ENDINGS),
    };
    cap(&join(rng, lang, &stem, ending))
}

fn last_name(rng: &mut Rng, lang: Lang) -> String {
    let n = rng.range(1, 3);
    let stem = syllables(rng, lang, n);
    let ending = match lang {
        Lang::Fr => rng.pick(FR_LAST_ENDINGS),
        Lang::En => rng.pick(EN_LAST_ENDINGS),
    };
    let name = cap(&join(rng, lang, &stem, ending));
    if matches!(lang, Lang::Fr) && rng.chance(10) {
        let particle = rng.pick(FR_PARTICLES);
        if particle.ends_with('-') {
            format!("{particle}{name}")
        } else {
            format!("{particle} {name}")
        }
    } else {
        name
    }
}

fn generate_entry(rng: &mut Rng) -> Entry {
    let lang = if rng.chance(60) { Lang::Fr } else { Lang::En };
    let roll = rng.below(100);
    let (name, kind) = if roll < 60 {
        let name = format!("{} {}", first_name(rng, lang), last_name(rng, lang));
        (name, Kind::Person)
    } else if roll < 75 {
        let base = last_name(rng, lang);
        let name = match lang {
            Lang::Fr => format!("{} {base}", rng.pick(ORG_PREFIXES)),
            Lang::En => format!("{base} {}", rng.pick(ORG_SUFFIXES)),
        };
        (name, Kind::Org)
    } else if roll < 85 {
        let base = last_name(rng, lang);
        let name = match lang {
            Lang::Fr if rng.chance(50) => format!("Saint-{base}"),
            Lang::Fr => format!("{base}-sur-{}", cap(&syllables(rng, lang, 2))),
            Lang::En => format!("{base} Falls"),
        };
        (name, Kind::Place)
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
    entry.lang = Some(match lang {
        Lang::Fr => "fr".to_owned(),
        Lang::En => "en".to_owned(),
    });
    entry
}

fn generate_dictionary(rng: &mut Rng, n: usize) -> Dictionary {
    let mut seen = HashSet::with_capacity(n);
    let mut entries = Vec::with_capacity(n);
    while entries.len() < n {
        let entry = generate_entry(rng);
        if seen.insert(entry.name.clone()) {
            entries.push(entry);
        }
    }
    Dictionary::from_entries(entries)
}

// ---------------------------------------------------------------------------------------
// Transcript generation: SRT cues of ordinary words, ~1% of positions dictionary names.

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

/// A name as it might come out of speech recognition: intact or with one slip.
fn perturb(rng: &mut Rng, name: &str) -> String {
    if rng.chance(50) {
        return name.to_owned();
    }
    let mut chars: Vec<char> = name.chars().collect();
    let n = chars.len();
    if n < 4 {
        return name.to_owned();
    }
    match rng.below(7) {
        // swap two adjacent letters
        0 => {
            let i = rng.range(1, n - 2);
            chars.swap(i, i + 1);
        }
        // drop a letter
        1 => {
            let i = rng.range(1, n - 1);
            chars.remove(i);
        }
        // double a letter
        2 => {
            let i = rng.range(1, n - 1);
            let c = chars[i];
            chars.insert(i, c);
        }
        // replace a vowel by another
        3 => {
            const VOWELS: &[char] = &['a', 'e', 'i', 'o', 'u', 'é', 'y'];
            let positions: Vec<usize> = (0..n).filter(|&i| VOWELS.contains(&chars[i])).collect();
            if !positions.is_empty() {
                let i = positions[rng.below(positions.len())];
                chars[i] = VOWELS[rng.below(VOWELS.len())];
            }
        }
        // split a word in two
        4 => {
            let i = rng.range(2, n - 2);
            if chars[i - 1] != ' ' && chars[i] != ' ' {
                chars.insert(i, ' ');
            }
        }
        // merge the words (drop the first space or hyphen)
        5 => {
            if let Some(i) = chars.iter().position(|&c| c == ' ' || c == '-') {
                chars.remove(i);
            }
        }
        // all lower case, as captions often write names
        _ => return name.to_lowercase(),
    }
    chars.into_iter().collect()
}

fn srt_time(ms: u64) -> String {
    let (h, rest) = (ms / 3_600_000, ms % 3_600_000);
    let (m, rest) = (rest / 60_000, rest % 60_000);
    let (s, ms) = (rest / 1000, rest % 1000);
    format!("{h:02}:{m:02}:{s:02},{ms:03}")
}

struct Generated {
    text: String,
    /// Words written (a planted name counts as its words).
    words: usize,
    /// Byte ranges of the planted names.
    planted: Vec<Range<usize>>,
    perturbed: usize,
}

fn generate_transcript(rng: &mut Rng, dict: &Dictionary, target_words: usize) -> Generated {
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
                    let entry = &dict.entries[rng.below(dict.entries.len())];
                    let said = perturb(rng, &entry.name);
                    if said != entry.name {
                        perturbed += 1;
                    }
                    words += said.split_whitespace().count();
                    let start = text.len();
                    text.push_str(&said);
                    planted.push(start..text.len());
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

// ---------------------------------------------------------------------------------------
// Measurement.

/// The system allocator, counting live heap bytes: RSS says what the process holds, this says
/// what each structure costs (RSS keeps freed pages that the allocator has not returned).
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

fn grew(bytes: usize) {
    let live = LIVE.fetch_add(bytes, Relaxed) + bytes;
    PEAK.fetch_max(live, Relaxed);
}

// SAFETY: every call is forwarded unchanged to `System`; only the byte count is added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grew(layout.size());
        // SAFETY: same contract as the caller's.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        grew(new_size);
        LIVE.fetch_sub(layout.size(), Relaxed);
        // SAFETY: same contract as the caller's.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

fn live_mb() -> f64 {
    LIVE.load(Relaxed) as f64 / (1024.0 * 1024.0)
}

fn peak_heap_mb() -> f64 {
    PEAK.load(Relaxed) as f64 / (1024.0 * 1024.0)
}

/// Peak resident set size of this process in kB (`VmHWM`), if the platform reports it.
fn peak_rss_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn env_usize(name: &str, default: usize) -> usize {
    match std::env::var(name) {
        Ok(v) => v
            .trim()
            .replace('_', "")
            .parse()
            .unwrap_or_else(|_| panic!("{name}={v:?} is not a number")),
        Err(_) => default,
    }
}

/// How many planted names a proposal overlaps (both lists sorted by start).
fn planted_hits(planted: &[Range<usize>], proposals: &[Range<usize>]) -> usize {
    let mut sorted = proposals.to_vec();
    sorted.sort_by_key(|r| r.start);
    let mut hits = 0;
    let mut j = 0;
    for p in planted {
        while j < sorted.len() && sorted[j].end <= p.start {
            j += 1;
        }
        if j < sorted.len() && sorted[j].start < p.end {
            hits += 1;
        }
    }
    hits
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// Writes the generated workload (`dictionary.toml`, `transcript.srt`) for inspection.
fn dump(dir: &std::path::Path, dict: &Dictionary, transcript: &str) {
    let mut toml = String::new();
    for e in &dict.entries {
        let _ = writeln!(
            toml,
            "[[term]]\nname = {:?}\nkind = {:?}\nlang = {:?}\n",
            e.name,
            e.kind.as_str(),
            e.lang.as_deref().unwrap_or("")
        );
    }
    let written = std::fs::create_dir_all(dir)
        .and_then(|()| std::fs::write(dir.join("dictionary.toml"), toml))
        .and_then(|()| std::fs::write(dir.join("transcript.srt"), transcript));
    match written {
        Ok(()) => println!("  dumped workload to {}", dir.display()),
        Err(e) => eprintln!("  could not dump workload to {}: {e}", dir.display()),
    }
}

fn mb(kb: Option<u64>) -> String {
    kb.map_or("n/a".to_owned(), |kb| {
        format!("{:.1} MB", kb as f64 / 1024.0)
    })
}

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let (default_entries, default_words) = if benching {
        (DEFAULT_ENTRIES, DEFAULT_WORDS)
    } else {
        (SMOKE_ENTRIES, SMOKE_WORDS)
    };
    let n_entries = env_usize("TRANSFIX_BENCH_ENTRIES", default_entries).max(1);
    let n_words = env_usize("TRANSFIX_BENCH_WORDS", default_words).max(1);

    let mut rng = Rng::new(SEED);
    let t = Instant::now();
    let dict = generate_dictionary(&mut rng, n_entries);
    let mut generated = generate_transcript(&mut rng, &dict, n_words);
    let gen_s = t.elapsed().as_secs_f64();
    if let Some(dir) = std::env::var_os("TRANSFIX_BENCH_DUMP") {
        dump(&PathBuf::from(dir), &dict, &generated.text);
    }
    let rss_before_kb = peak_rss_kb();
    let heap_before = live_mb();

    let t = Instant::now();
    let index = Index::build(&dict);
    let build_s = t.elapsed().as_secs_f64();
    let rss_index_kb = peak_rss_kb();
    let heap_index = live_mb() - heap_before;
    // As the CLI does: the entries are not needed once the index is built.
    drop(dict);
    let heap_build_peak = peak_heap_mb();
    PEAK.store(LIVE.load(Relaxed), Relaxed);

    let t = Instant::now();
    let transcript = Transcript::parse(generated.text.as_bytes()).expect("generated transcript");
    // The transcript holds its own copy, as the CLI's read buffer is dropped after parsing.
    let bytes = std::mem::take(&mut generated.text).len();
    let parse_s = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let proposals = black_box(Matcher::new(&index).find(black_box(&transcript)));
    let match_s = t.elapsed().as_secs_f64();
    let rss_peak_kb = peak_rss_kb();

    let spans: Vec<Range<usize>> = proposals.iter().map(|p| p.span.clone()).collect();
    let hits = planted_hits(&generated.planted, &spans);
    let words_per_s = generated.words as f64 / match_s.max(1e-9);

    println!(
        "transfix throughput ({})",
        if benching { "bench" } else { "smoke run" }
    );
    println!("  {:<28} {:>16}", "dictionary entries", index.len());
    println!("  {:<28} {:>16}", "retrieval keys", index.key_count());
    println!("  {:<28} {:>16}", "transcript words", generated.words);
    println!("  {:<28} {:>16}", "transcript bytes", bytes);
    println!(
        "  {:<28} {:>16}",
        "planted names (perturbed)",
        format!("{} ({})", generated.planted.len(), generated.perturbed)
    );
    println!("  {:<28} {:>14.3} s", "generation", gen_s);
    println!("  {:<28} {:>14.3} s", "index build", build_s);
    println!("  {:<28} {:>14.3} s", "transcript parse", parse_s);
    println!("  {:<28} {:>14.3} s", "matching (1 thread)", match_s);
    if match_s < 1e-6 {
        println!("  {:<28} {:>16}", "matching words/s", "n/a (<1 µs)");
    } else {
        println!("  {:<28} {:>16.0}", "matching words/s", words_per_s);
    }
    println!("  {:<28} {:>16}", "proposals", proposals.len());
    println!("  {:<28} {:>16}", "planted names proposed", hits);
    println!(
        "  {:<28} {:>16}",
        "peak RSS before index",
        mb(rss_before_kb)
    );
    println!("  {:<28} {:>16}", "peak RSS after index", mb(rss_index_kb));
    println!("  {:<28} {:>13.1} MB", "index heap (live)", heap_index);
    println!("  {:<28} {:>16}", "peak RSS (VmHWM)", mb(rss_peak_kb));
    println!(
        "  {:<28} {:>13.1} MB",
        "peak heap, index build", heap_build_peak
    );
    println!(
        "  {:<28} {:>13.1} MB",
        "peak heap, matching",
        peak_heap_mb()
    );

    let json = serde_json::json!({
        "bench": "throughput",
        "mode": if benching { "bench" } else { "smoke" },
        "entries": index.len(),
        "keys": index.key_count(),
        "words": generated.words,
        "bytes": bytes,
        "planted": generated.planted.len(),
        "planted_perturbed": generated.perturbed,
        "generation_s": gen_s,
        "index_build_s": build_s,
        "parse_s": parse_s,
        "match_s": match_s,
        "words_per_s": (match_s >= 1e-6).then_some(words_per_s),
        "proposals": proposals.len(),
        "planted_proposed": hits,
        "peak_rss_kb_before_index": rss_before_kb,
        "peak_rss_kb_after_index": rss_index_kb,
        "index_heap_mb": heap_index,
        "peak_heap_build_mb": heap_build_peak,
        "peak_heap_matching_mb": peak_heap_mb(),
        "peak_rss_kb": rss_peak_kb,
    });
    if !benching {
        // Keep the figures of the last real `cargo bench` run.
        println!("  (smoke run: target/bench-throughput.json left untouched)");
        return;
    }
    let dir = target_dir();
    let path = dir.join("bench-throughput.json");
    match std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(&path, format!("{json}\n"))) {
        Ok(()) => println!("  wrote {}", path.display()),
        Err(e) => eprintln!("  could not write {}: {e}", path.display()),
    }
}
