//! The invariants the fuzz targets assert, shared by every target (and by `tests/replay.rs`,
//! which runs them on the committed corpus and fixed artifacts with a stable toolchain).
//!
//! Everything goes through transfix's public API: `Transcript::read`, `apply`, `write`,
//! `Index::build`, `Matcher::find`. A broken invariant is a panic, which libFuzzer reports as a
//! crash and saves the input of.

use std::ops::Range;

use transfix::transcript::{Encoding, ReadOptions};
use transfix::{Dictionary, Edit, Entry, Format, Index, Kind, Matcher, Transcript};

/// A small deterministic generator seeded from the input, for the choices a target makes
/// (which segment to edit, which words): the whole input stays the transcript, so a corpus
/// file is a plain transcript a person can read.
pub struct Choices(u64);

impl Choices {
    pub fn new(seed: &[u8]) -> Self {
        // FNV-1a.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for &b in seed {
            h = (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
        Choices(h | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        // xorshift64*
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next_u64() % n as u64) as usize
        }
    }
}

/// Replacements that can never change a transcript's structure when they replace whole words
/// of spoken text: letters and inner spaces only (no digit, colon, bracket, tag or arrow, no
/// line break), representable in every encoding transfix writes (Latin-1 included).
const SAFE_REPLACEMENTS: [&str; 6] = [
    "Zed",
    "Noralie Vasquin",
    "é",
    "Port Évanic",
    "x",
    "Arcouët de Quarvel",
];

/// The pieces of the source outside every segment: what no edit may change (headers, cue
/// numbers, timings, tags, timestamps, blank lines, line endings).
pub fn gaps(t: &Transcript) -> Vec<&str> {
    let source = t.source();
    let mut out = Vec::with_capacity(t.segments().len() + 1);
    let mut at = 0;
    for seg in t.segments() {
        out.push(&source[at.min(seg.span.start)..seg.span.start]);
        at = seg.span.end;
    }
    out.push(&source[at.min(source.len())..]);
    out
}

/// Whether the format writes characters escaped (Whisper JSON, TTML): its source has them
/// decoded, and `apply` escapes what a replacement needs.
fn escapes(t: &Transcript) -> bool {
    t.format().is_json() || t.format() == Format::Ttml
}

fn segment_texts(t: &Transcript) -> Vec<&str> {
    t.segments().iter().map(|s| t.text(s)).collect()
}

/// What every successfully read transcript satisfies, whatever the input.
pub fn check_read(bytes: &[u8], options: ReadOptions, t: &Transcript) {
    if let Some(format) = options.format {
        assert_eq!(t.format(), format, "forced format not kept");
    }
    if let Some(encoding) = options.encoding {
        assert_eq!(t.encoding(), encoding, "forced encoding not kept");
    }
    // No edit, no change: byte for byte.
    let same = t
        .write(&[])
        .expect("write(&[]) failed on a transcript that was read");
    assert!(same == bytes, "write(&[]) is not the input");
    // The file's text (JSON, TTML: with its escapes; the source has them decoded).
    assert_eq!(t.apply(&[]).expect("apply(&[])"), t.original());
    if !escapes(t) {
        assert_eq!(t.original(), t.source());
    }

    let source = t.source();
    let mut last_end = 0;
    for seg in t.segments() {
        let span = &seg.span;
        assert!(span.start < span.end, "empty or reversed segment {span:?}");
        assert!(span.end <= source.len(), "segment past the end");
        assert!(last_end <= span.start, "segments overlap or are unsorted");
        assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        let text = &source[span.clone()];
        if !t.format().is_json() {
            assert!(
                !text.contains(['\r', '\n']),
                "line break in a segment: {text:?}"
            );
            assert_eq!(text.trim(), text, "segment not trimmed: {text:?}");
        }
        if matches!(t.format(), Format::Srt | Format::Vtt) {
            assert!(!text.contains("-->"), "timing arrow in a segment: {text:?}");
        }
        if t.format() == Format::Ass {
            assert!(!ass_marked(text), "an ASS block or break in a segment: {text:?}");
        }
        // Positions never panic.
        let (line, column) = t.line_col(span.start);
        assert!(line >= 1 && column >= 1);
        last_end = span.end;
    }
    let _ = t.line_col(source.len());
    let _ = t.line_col(source.len() + 7);
}

/// Whether `text` holds what the ASS reader keeps out of segments: a `\N`, `\n` or `\h` break,
/// or a `{...}` block.
fn ass_marked(text: &str) -> bool {
    let block = text
        .find('{')
        .is_some_and(|open| text[open..].contains('}'));
    block || ["\\N", "\\n", "\\h"].iter().any(|b| text.contains(b))
}

/// The alphanumeric runs of a segment's text (local byte ranges): the words a fix replaces.
fn words(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain([(text.len(), ' ')]) {
        match (start, c.is_alphanumeric()) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                out.push(s..i);
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// Whether the text between two words is one a fix may replace along with them: what the
/// matcher lets a name span (`normalize::classify_gap`): spaces (with dashes among them), or
/// one hyphen, apostrophe or dot. Not an arrow, a colon, a comma or a bracket: removing
/// those can turn text into structure (`000 --> 00:0:00:01,000 --> …` made an SRT timing).
fn name_gap(between: &str) -> bool {
    let mut chars = between.chars();
    match (chars.next(), chars.next()) {
        (Some('-' | '‐' | '‑' | '\'' | '’' | 'ʼ' | '‘' | '`' | '´' | '.'), None) => true,
        _ => between
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—')),
    }
}

/// Edits of whole words of a few segments by safe replacements: each alone, then all together,
/// must change exactly their spans and leave the structure as it was.
pub fn check_edits(bytes: &[u8], options: ReadOptions, t: &Transcript, choices: &mut Choices) {
    let segs = t.segments();
    if segs.is_empty() {
        return;
    }
    let mut edits: Vec<(usize, Edit)> = Vec::new();
    for _ in 0..segs.len().min(6) {
        let which = choices.below(segs.len());
        if edits.iter().any(|(k, _)| *k == which) {
            continue;
        }
        let seg = &segs[which];
        let text = t.text(seg);
        let mut words = words(text);
        if t.format().is_json() {
            // Raw JSON string contents: never cut into an escape (`\u00e9`, `\n`).
            words.retain(|w| !text[..w.start].ends_with('\\'));
            if words.is_empty() {
                continue;
            }
        }
        let local = if words.is_empty() {
            if matches!(t.format(), Format::Srt | Format::Vtt | Format::Ass | Format::Ttml) {
                // Letters in place of punctuation next to an inline tag (an ASS block, a TTML span) can glue
                // the tag between two letters (`…<v Ann>d` → `x<v Ann>d`), which freezes both
                // pieces: a change of structure no fix makes (fixes replace words).
                continue;
            }
            0..text.len() // no word (punctuation only): replace the whole segment
        } else {
            let a = choices.below(words.len());
            let want = a + choices.below((words.len() - a).min(3));
            let mut b = a;
            while b < want && name_gap(&text[words[b].end..words[b + 1].start]) {
                b += 1;
            }
            words[a].start..words[b].end
        };
        let span = seg.span.start + local.start..seg.span.start + local.end;
        let replacement = SAFE_REPLACEMENTS[choices.below(SAFE_REPLACEMENTS.len())].to_owned();
        edits.push((which, Edit { span, replacement }));
    }
    for (which, edit) in &edits {
        check_applied(bytes, options, t, &[(*which, edit.clone())]);
    }
    if edits.len() > 1 {
        check_applied(bytes, options, t, &edits);
    }
}

/// Applies `edits` (each inside the segment it is paired with, none overlapping) and checks
/// the result: only the spans changed, and it reads back with the same format, the same
/// segments (the edited ones with their new text) and the same text outside the segments.
pub fn check_applied(bytes: &[u8], options: ReadOptions, t: &Transcript, edits: &[(usize, Edit)]) {
    let _ = bytes;
    let plain: Vec<Edit> = edits.iter().map(|(_, e)| e.clone()).collect();
    let applied = t
        .apply(&plain)
        .unwrap_or_else(|e| panic!("a valid edit was refused: {e} ({plain:?})"));
    let source = t.source();
    let mut sorted: Vec<&(usize, Edit)> = edits.iter().collect();
    sorted.sort_by_key(|(_, e)| e.span.start);

    // Expected segment texts after the edits.
    let mut expected: Vec<String> = segment_texts(t).iter().map(|s| s.to_string()).collect();
    for (which, edit) in sorted.iter().rev() {
        let seg = &t.segments()[*which];
        assert!(seg.span.start <= edit.span.start && edit.span.end <= seg.span.end);
        let local = edit.span.start - seg.span.start..edit.span.end - seg.span.start;
        expected[*which].replace_range(local, &edit.replacement);
    }

    if !t.format().is_json() {
        // Byte level: the source with each span replaced, nothing else (TTML: as read back,
        // the file keeping its own references).
        let mut rebuilt = String::with_capacity(applied.len());
        let mut at = 0;
        for (_, edit) in &sorted {
            rebuilt.push_str(&source[at..edit.span.start]);
            rebuilt.push_str(&edit.replacement);
            at = edit.span.end;
        }
        rebuilt.push_str(&source[at..]);
        let decoded = if t.format() == Format::Ttml {
            let forced = ReadOptions {
                encoding: Some(Encoding::Utf8),
                format: Some(Format::Ttml),
            };
            let again = Transcript::read(applied.as_bytes(), forced)
                .unwrap_or_else(|e| panic!("the corrected TTML does not read back: {e}"));
            again.source().to_owned()
        } else {
            applied
        };
        assert!(decoded == rebuilt, "apply changed more than its spans");
    }

    let written = t
        .write(&plain)
        .unwrap_or_else(|e| panic!("write failed for an encodable replacement: {e}"));
    // Read back as the file would be read again: the same options (a detected format must be
    // detected again, and so must an encoding marked by a BOM or UTF-8). An encoding that was
    // only guessed (UTF-16 without a BOM, from its share of ASCII units) is given, as the
    // warning `transfix` prints then asks: the guess is a threshold on the whole file
    // (`sniff_utf16`: three quarters of the units), which an edit of a file that sits on it
    // can cross (see the README, "Crashes found").
    let guessed = t.encoding_assumed().then_some(t.encoding());
    let reread_options = ReadOptions {
        encoding: options.encoding.or(guessed),
        format: options.format,
    };
    let again = Transcript::read(&written, reread_options)
        .unwrap_or_else(|e| panic!("the corrected output does not read back: {e}"));
    assert_eq!(
        again.encoding(),
        t.encoding(),
        "encoding changed by an edit"
    );
    assert_eq!(again.format(), t.format(), "format changed by an edit");
    if derived_segments(t.format()) {
        check_spoken_text(t, &again, &expected);
        return;
    }
    assert_eq!(
        again.segments().len(),
        t.segments().len(),
        "number of segments changed by an edit:\nbefore {:?}\nafter  {:?}",
        segment_texts(t),
        segment_texts(&again)
    );
    assert_eq!(
        segment_texts(&again),
        expected,
        "segment texts after an edit"
    );
    if !t.format().is_json() {
        assert_eq!(gaps(&again), gaps(t), "text outside the segments changed");
    }
    for (a, b) in t.segments().iter().zip(again.segments()) {
        assert_eq!(a.timestamp, b.timestamp, "timestamp changed");
        assert_eq!(a.cue, b.cue, "cue index changed");
        assert_eq!(a.speaker, b.speaker, "speaker changed");
    }
}

/// A transcript written in one string (AWS Transcribe, Deepgram, AssemblyAI) is cut into
/// segments by its word list (sentences, speakers, pauses) and timed by it. Where the list does
/// not say the text (a fuzzed file: words missing, times out of order), an edit can move a
/// derived cut or time, as a word that matched nothing may match the new text: the text read
/// back is checked whole instead.
fn derived_segments(format: Format) -> bool {
    matches!(
        format,
        Format::AwsJson | Format::DeepgramJson | Format::AssemblyaiJson
    )
}

/// The spoken text read back is the text with the edits, whatever its cuts.
fn check_spoken_text(t: &Transcript, again: &Transcript, expected: &[String]) {
    let words = |texts: Vec<&str>| -> Vec<String> {
        (texts.iter().flat_map(|s| s.split_whitespace()))
            .map(str::to_owned)
            .collect()
    };
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    assert_eq!(
        words(segment_texts(again)),
        words(expected),
        "spoken text after an edit (before: {:?})",
        segment_texts(t)
    );
}

/// The target of one reader: `data` read with `format` forced, then `read_target`.
pub fn read_forced(data: &[u8], format: transfix::Format) {
    read_target(
        data,
        ReadOptions {
            encoding: None,
            format: Some(format),
        },
    );
}

/// One reader target: read `data` with `options`; if it reads, check everything.
pub fn read_target(data: &[u8], options: ReadOptions) {
    let Ok(t) = Transcript::read(data, options) else {
        return;
    };
    check_read(data, options, &t);
    check_edits(data, options, &t, &mut Choices::new(data));
}

/// `read_any`: the first byte picks the encoding option (none, or each one forced), the rest is
/// the file; the format is detected.
pub fn read_any_target(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let pick = usize::from(first) % (Encoding::ALL.len() + 1);
    let encoding = Encoding::ALL.get(pick.wrapping_sub(1)).copied();
    read_target(
        rest,
        ReadOptions {
            encoding: if pick == 0 { None } else { encoding },
            format: None,
        },
    );
}

// ---------------------------------------------------------------------------------------------
// Pipeline: read, match against a small dictionary of invented names, apply every proposal.

/// Invented names (no real person or place), Latin-1 letters only so every encoding can write
/// them, of every kind and length.
pub const NAMES: [(&str, Kind); 16] = [
    ("Noralie Vasquin", Kind::Person),
    ("Théodric Malvane", Kind::Person),
    ("Ysolde Kerbrat-Lénot", Kind::Person),
    ("Quennel Arduvin", Kind::Person),
    ("Bastiane Lorquet", Kind::Person),
    ("Orvald Pemberhurst", Kind::Person),
    ("Célestine Daumarin", Kind::Person),
    ("Fondation Virelune", Kind::Org),
    ("Marcaillou", Kind::Place),
    ("Port-Évanic", Kind::Place),
    ("Jodhan Treveck", Kind::Person),
    ("Institut Ambrelac", Kind::Org),
    ("Silvère Naudrec", Kind::Person),
    ("Brahamel", Kind::Term),
    ("Félicien Arcouët", Kind::Person),
    ("Les Ondines de Quarvel", Kind::Work),
];

/// A recogniser's slip of `name`, of the kind picked by `how`.
pub fn misspell(name: &str, how: u8) -> String {
    let strip = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                'é' | 'è' | 'ë' => 'e',
                'É' => 'E',
                _ => c,
            })
            .collect()
    };
    match how % 10 {
        0 => name.to_owned(),
        1 => name.replacen('a', "e", 1).replacen('o', "ou", 1),
        2 => strip(name).to_lowercase(),
        3 => name.replace([' ', '-'], ""),
        4 => {
            // Split the longest word in two.
            let longest = name.split(' ').max_by_key(|w| w.len()).unwrap_or(name);
            let cut = longest
                .char_indices()
                .nth(longest.chars().count() / 2)
                .map_or(0, |(i, _)| i);
            name.replacen(
                longest,
                &format!("{} {}", &longest[..cut], &longest[cut..]),
                1,
            )
        }
        5 => {
            // Drop a letter of the last word.
            let mut chars: Vec<char> = name.chars().collect();
            if chars.len() > 4 {
                chars.remove(chars.len() - 2);
            }
            chars.into_iter().collect()
        }
        6 => name.rsplit(' ').next().unwrap_or(name).to_owned(),
        7 => strip(name)
            .replace("qu", "k")
            .replace("Qu", "K")
            .replace('c', "k")
            .replace("ou", "u")
            .replace("ph", "f"),
        8 => name.to_uppercase(),
        _ => format!("{}s", strip(name)),
    }
}

/// The pipeline's input: a header that picks the dictionary and the slips, then the text.
pub struct Pipeline<'a> {
    pub entries: Vec<Entry>,
    /// (name index, slip) for each name written into the text.
    pub slips: Vec<String>,
    pub text: &'a [u8],
    pub options: ReadOptions,
}

/// Header bytes: 2 (which names) + 1 (aliases / never) + 1 (slip seed) + 1 (options).
pub const HEADER: usize = 5;

impl<'a> Pipeline<'a> {
    pub fn parse(data: &'a [u8]) -> Option<Self> {
        if data.len() < HEADER {
            return None;
        }
        let mask = u16::from_le_bytes([data[0], data[1]]) | 1;
        let flags = data[2];
        let mut seed = Choices::new(&data[3..4]);
        let opt = data[4];
        let mut entries = Vec::new();
        let mut slips = Vec::new();
        for (i, (name, kind)) in NAMES.iter().enumerate() {
            if mask & (1 << i) == 0 {
                continue;
            }
            let slip = misspell(name, seed.next_u64() as u8);
            let mut entry = Entry::new(*name);
            entry.kind = *kind;
            match (flags >> (i % 4 * 2)) & 3 {
                1 => entry.aliases.push(slip.clone()),
                2 if slip != *name => entry.never.push(slip.clone()),
                3 => entry.lang = Some(if i % 2 == 0 { "fr" } else { "en" }.to_owned()),
                _ => {}
            }
            entries.push(entry);
            slips.push(slip);
        }
        let encoding = match opt % 8 {
            0..=2 => None,
            k => Encoding::ALL.get(usize::from(k) - 3).copied(),
        };
        Some(Pipeline {
            entries,
            slips,
            text: &data[HEADER..],
            options: ReadOptions {
                encoding,
                format: None,
            },
        })
    }
}

/// Writes each slip into the spoken text: appended to a segment picked from the input, so
/// that the matcher has something to find whatever the fuzzer wrote.
fn with_slips(t: &Transcript, slips: &[String], choices: &mut Choices) -> String {
    let mut out = t.source().to_owned();
    let segs = t.segments();
    if segs.is_empty() {
        if !out.is_empty() && !out.ends_with('\n') {
            out.push('\n');
        }
        out.push_str("On a reçu ");
        out.push_str(&slips.join(" et "));
        out.push_str(" hier.\n");
        return out;
    }
    let mut inserts: Vec<(usize, &str)> = slips
        .iter()
        .map(|s| (segs[choices.below(segs.len())].span.end, s.as_str()))
        .collect();
    if t.format() == Format::Ttml {
        // The source has the file's references decoded: the slips go in through `apply`,
        // which writes the rest as the file has it.
        let edits: Vec<Edit> = (inserts.iter())
            .map(|(at, slip)| Edit {
                span: *at..*at,
                replacement: format!(" avec {slip}"),
            })
            .collect();
        return t.apply(&edits).unwrap_or_else(|_| t.original().to_owned());
    }
    inserts.sort_by_key(|(at, _)| std::cmp::Reverse(*at));
    for (at, slip) in inserts {
        out.insert_str(at, &format!(" avec {slip}"));
    }
    out
}

pub fn pipeline_target(data: &[u8]) {
    let Some(input) = Pipeline::parse(data) else {
        return;
    };
    let Ok(first) = Transcript::read(input.text, input.options) else {
        return;
    };
    let mut choices = Choices::new(input.text);
    let text = with_slips(&first, &input.slips, &mut choices);
    // The transcript under test: the fuzzer's text with the slips in it, in its encoding.
    let Ok(bytes) = transfix::transcript::encoding::encode(&text, first.encoding()) else {
        return;
    };
    let Ok(t) = Transcript::read(&bytes, input.options) else {
        return;
    };
    check_read(&bytes, input.options, &t);

    let dictionary = Dictionary::from_entries(input.entries);
    let index = Index::build(&dictionary);
    let proposals = Matcher::new(&index).find(&t);

    let source = t.source();
    let mut last = 0;
    let mut edits = Vec::with_capacity(proposals.len());
    for p in &proposals {
        assert!(
            p.span.start < p.span.end,
            "empty proposal span {:?}",
            p.span
        );
        assert!(p.span.start >= last, "proposals overlap or are unsorted");
        assert!(source.is_char_boundary(p.span.start) && source.is_char_boundary(p.span.end));
        assert_eq!(
            &source[p.span.clone()],
            p.original,
            "original is not the span's text"
        );
        assert!(
            p.score.is_finite() && (0.0..=1.0).contains(&p.score),
            "score {}",
            p.score
        );
        assert!(!p.replacement.is_empty(), "empty replacement");
        assert!(
            !p.replacement.contains(['\n', '\r']),
            "line break in a replacement"
        );
        assert!(
            index.knows(&p.term),
            "proposal of an unknown term {:?}",
            p.term
        );
        assert_eq!(
            t.line_col(p.span.start),
            (p.line, p.column),
            "line and column of the proposal"
        );
        let which = t
            .segments()
            .iter()
            .position(|s| s.span.start <= p.span.start && p.span.end <= s.span.end)
            .unwrap_or_else(|| panic!("proposal {:?} is not inside one segment", p.span));
        // Each proposal alone.
        check_applied(&bytes, input.options, &t, &[(which, p.edit())]);
        edits.push((which, p.edit()));
        last = p.span.end;
    }
    // All of them, as `fix --min-score 0` applies them.
    if edits.len() > 1 {
        check_applied(&bytes, input.options, &t, &edits);
    }
}

/// `import_dict`: the first byte picks the format `dict import --from` names (its 3 low bits),
/// the `--alt-labels` placement (bits 3-4) and whether `--lang fr` is given (bit 7); the rest is the file, read as UTF-8 as
/// `dict import` reads it. Errors are one line naming the file; imported names and forms are
/// trimmed and not empty; the CSV export of the result reads back to the same terms; the
/// index builds.
pub fn import_target(data: &[u8]) {
    use transfix::dictionary::{export, import};
    let Some((&first, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let format = import::Format::ALL[usize::from(first & 7) % import::Format::ALL.len()];
    let options = import::Options {
        lang: (first & 0x80 != 0).then(|| "fr".to_owned()),
        alt_labels: import::AltLabels::ALL[usize::from(first >> 3) & 3],
    };
    let path = std::path::Path::new("names.in");
    let imported = match import::parse_as(format, text, path, &options) {
        Ok(imported) => imported,
        Err(e) => {
            let message = e.to_string();
            assert!(message.starts_with("names.in"), "error without the file: {message}");
            assert!(!message.contains('\n'), "error on several lines: {message:?}");
            return;
        }
    };
    for entry in &imported.entries {
        let forms = std::iter::once(&entry.name).chain(&entry.aliases).chain(&entry.never);
        for form in forms {
            assert!(!form.is_empty() && form.trim() == form, "untidy form {form:?}");
        }
    }
    let (entries, _) = import::fold_duplicates(imported.entries);
    let csv = export::csv(&entries);
    let back = import::parse_as(import::Format::Csv, &csv, path, &import::Options::default())
        .unwrap_or_else(|e| panic!("the CSV export does not read back: {e}\n{csv}"));
    let terms = |entries: &[Entry]| -> Vec<(String, Kind)> {
        entries.iter().map(|e| (e.name.clone(), e.kind)).collect()
    };
    assert_eq!(terms(&back.entries), terms(&entries), "CSV round trip\n{csv}");
    Index::build(&Dictionary::from_entries(entries));
}
