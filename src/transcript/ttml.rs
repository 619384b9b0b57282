//! TTML and DFXP (W3C Timed Text: EBU-TT-D, IMSC, Netflix DFXP): the character data of each
//! `<p>` of the `<body>`, and of the `<span>`s inside it, is the spoken text. Everything else
//! is frozen: tags, attributes and namespaces, the `<head>` (styling, layout, metadata),
//! comments, processing instructions, and the text of any other element.
//!
//! **Reading.** quick-xml tokenises the file, and the reader checks what quick-xml leaves to
//! its caller (one root element, every element closed, attributes, text outside the root), so
//! a broken file is refused with its line and column rather than read half-way. References in
//! the spoken text are decoded in the transcript's source (`&amp;` → `&`, `&#233;` → `é`), so
//! that the matcher sees "Procter & Gamble"; the file's own text is kept and written back
//! from, as for Whisper JSON. Every reference decodes to one character, so the ends of an edit,
//! which fall between characters, never fall inside one. A reference to a tab or a line break
//! reads as a space, so that line numbers stay the file's; one the reader cannot decode (an
//! entity a DTD declares, a control character) is frozen, as a tag is.
//!
//! **Segments.** One per line of each run of text between two tags. `<br/>` is a line break: the
//! words on either side are two segments of one cue, as the lines of an SRT cue are, and so
//! are the lines of a pretty-printed `<p>` (a name across them is still found, and fixed a line
//! at a time). A tag inside a word (`Hop<span>per</span>`) leaves both pieces out, as in SRT:
//! no fix rewrites half a word. The timestamp is the `begin` of the `<p>`, else of the nearest
//! `<span>` or ancestor that has one, as written; the speaker is the nearest `ttm:agent`.
//!
//! **Writing.** Only the edited spans change; references outside them stay as written. A
//! replacement is escaped (`&amp;`, `&lt;`, `&gt;`), and the corrected file is read again: a
//! fix that would break the XML is an error, never a broken file.

use std::ops::Range;

use quick_xml::Reader;
use quick_xml::events::attributes::AttrError;
use quick_xml::events::{BytesRef, BytesStart, Event};

use super::{Edit, Read, Segment, TranscriptError};

/// TTML's namespace, and the two of the DFXP drafts older files still declare.
const NAMESPACES: [&str; 3] = [
    "http://www.w3.org/ns/ttml",
    "http://www.w3.org/2006/10/ttaf1",
    "http://www.w3.org/2006/04/ttaf1",
];

/// Whether the text is an XML document (it starts with an XML declaration) or a TTML one (its
/// root is `<tt>` in a TTML namespace). Another XML document read as TTML is an error, which
/// beats plain text with fixes inside its markup.
pub(super) fn looks_like(source: &str) -> bool {
    let body = without_bom(source).trim_start();
    let declaration = body
        .strip_prefix("<?xml")
        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_whitespace() || c == '?'));
    declaration || has_ttml_root(body)
}

/// Whether the document's first element is `<tt>` declaring a TTML namespace. Only the start of
/// the document is read, so a prefix of a long file is enough.
pub fn has_ttml_root(text: &str) -> bool {
    let body = without_bom(text);
    if !body.trim_start().starts_with('<') {
        return false;
    }
    let mut reader = Reader::from_str(body);
    loop {
        match reader.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) => {
                return e.local_name().as_ref() == "tt" && declares_ttml(&e);
            }
            Ok(Event::Text(t)) if t.trim().is_empty() => {}
            Ok(Event::Decl(_) | Event::Comment(_) | Event::PI(_) | Event::DocType(_)) => {}
            _ => return false,
        }
    }
}

fn declares_ttml(e: &BytesStart) -> bool {
    e.attributes().flatten().any(|a| {
        let key = a.key.as_ref();
        (key == "xmlns" || key.starts_with("xmlns:")) && NAMESPACES.contains(&a.value.trim())
    })
}

/// The segments of a TTML file, and its source: its text with the references of the spoken
/// text decoded (the file's own text is kept when that changes it).
pub(super) fn read(text: String) -> Result<Read, TranscriptError> {
    let Scan {
        canonical,
        shifts,
        segments,
        language,
        ..
    } = Scan::run(&text)?;
    let (source, original) = if shifts.is_empty() {
        debug_assert_eq!(canonical, text);
        (text, None)
    } else {
        (canonical, Some(text))
    };
    Ok(Read {
        source,
        original,
        segments,
        language,
        ass_after: None,
    })
}

/// The file's text (`original`) with `edits` (ranges of the decoded source, inside segments)
/// applied, each replacement escaped where it lands.
pub(super) fn apply(original: &str, edits: &[Edit]) -> Result<String, TranscriptError> {
    if edits.is_empty() {
        return Ok(original.to_owned());
    }
    let scan = Scan::run(original)?;
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(original.len() + 64);
    let mut last = 0;
    for edit in sorted {
        let (start, end) = (
            scan.to_original(edit.span.start),
            scan.to_original(edit.span.end),
        );
        if start < last {
            return Err(TranscriptError::Edit(format!(
                "overlapping edits at byte {}",
                edit.span.start
            )));
        }
        out.push_str(&original[last..start]);
        if scan.in_cdata(&edit.span) {
            raw_in_cdata(&edit.replacement, &mut out)?;
        } else {
            escape_into(&edit.replacement, &mut out);
        }
        last = end;
    }
    out.push_str(&original[last..]);
    Scan::run(&out).map_err(|e| {
        TranscriptError::Edit(format!("the corrected TTML would not be well-formed: {e}"))
    })?;
    Ok(out)
}

/// Character data as XML needs it: `>` too, so that no `]]>` is ever written.
fn escape_into(text: &str, out: &mut String) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// A CDATA section holds its text raw, and cannot hold `]]>`: a replacement with a bracket in it
/// is refused rather than risk ending the section.
fn raw_in_cdata(text: &str, out: &mut String) -> Result<(), TranscriptError> {
    if text.contains([']', '>']) {
        return Err(TranscriptError::Edit(format!(
            "\"{}\" cannot be written inside a CDATA section",
            text.escape_debug()
        )));
    }
    out.push_str(text);
    Ok(())
}

fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// A reference the source holds decoded: its range in the file's text and in the source (one
/// character).
struct Shift {
    original: Range<usize>,
    canonical: Range<usize>,
}

/// An open element, with what its content inherits.
struct Frame {
    /// Where its start tag begins: where an element never closed is reported.
    at: usize,
    name: String,
    in_body: bool,
    /// A `<p>` of the body: a cue.
    paragraph: bool,
    /// A `<br>`: a line break.
    br: bool,
    /// Its own text is spoken text: a `<p>` of the body, or a `<span>` inside one.
    spoken: bool,
    begin: Option<String>,
    /// `begin` is a `<p>`'s own: the `<span>`s inside keep it rather than their offsets.
    begin_fixed: bool,
    agent: Option<String>,
    cue: usize,
}

impl Frame {
    /// The frame of element `e` inside `parent`; `cues` is how many paragraphs came before.
    fn child(
        parent: Option<&Frame>,
        e: &BytesStart,
        attributes: Attributes,
        at: usize,
        cues: usize,
    ) -> Frame {
        let local = e.local_name();
        let local = local.as_ref();
        let in_body = parent.is_some_and(|p| p.in_body);
        let paragraph = local == "p" && in_body;
        let fixed = parent.is_some_and(|p| p.begin_fixed);
        let inherited = |f: fn(&Frame) -> &Option<String>| parent.and_then(|p| f(p).clone());
        // A span's `begin` is an offset within its paragraph: the paragraph's own stays.
        let begin = if fixed {
            inherited(|p| &p.begin)
        } else {
            attributes.begin.clone().or_else(|| inherited(|p| &p.begin))
        };
        Frame {
            at,
            name: e.name().as_ref().to_owned(),
            in_body: in_body || local == "body",
            paragraph,
            br: local == "br",
            spoken: paragraph || (local == "span" && parent.is_some_and(|p| p.spoken)),
            begin_fixed: fixed || (paragraph && attributes.begin.is_some()),
            begin,
            agent: attributes.agent.or_else(|| inherited(|p| &p.agent)),
            cue: if paragraph {
                cues
            } else {
                parent.map_or(0, |p| p.cue)
            },
        }
    }
}

/// What lies between the last run of spoken text and the next character data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    /// Nothing: the next text continues the run.
    None,
    /// Markup that renders as nothing (a tag, a comment): a word may go on across it.
    Glue,
    /// A line break (`<br/>`), or the start of a paragraph.
    Break,
}

/// A run of spoken text between two pieces of markup (a range of the source).
struct Run {
    span: Range<usize>,
    /// Only markup that renders as nothing separates it from the run before.
    glued: bool,
    timestamp: Option<String>,
    speaker: Option<String>,
    cue: usize,
}

/// One pass over a document: it checks the document, builds the decoded source and finds the
/// segments.
struct Scan<'a> {
    text: &'a str,
    /// The source: the text with the spoken text's references decoded.
    canonical: String,
    shifts: Vec<Shift>,
    /// Source ranges of CDATA sections of spoken text: written raw.
    cdata: Vec<Range<usize>>,
    stack: Vec<Frame>,
    root_seen: bool,
    cues: usize,
    language: Option<String>,
    /// The current paragraph's runs, and what follows the last one.
    runs: Vec<Run>,
    gap: Gap,
    segments: Vec<Segment>,
}

impl<'a> Scan<'a> {
    fn run(text: &'a str) -> Result<Scan<'a>, TranscriptError> {
        let mut scan = Scan {
            text,
            canonical: String::with_capacity(text.len()),
            shifts: Vec::new(),
            cdata: Vec::new(),
            stack: Vec::new(),
            root_seen: false,
            cues: 0,
            language: None,
            runs: Vec::new(),
            gap: Gap::Break,
            segments: Vec::new(),
        };
        // quick-xml skips a byte order mark at the start of what it reads: a second one
        // (U+FEFF again) would shift every position it reports, so all are left out.
        let bom = text.len() - text.trim_start_matches('\u{feff}').len();
        scan.canonical.push_str(&text[..bom]);
        let mut reader = Reader::from_str(&text[bom..]);
        loop {
            let start = bom + reader.buffer_position() as usize;
            let event = match reader.read_event() {
                Ok(event) => event,
                Err(e) => {
                    let at = bom + reader.error_position() as usize;
                    return Err(scan.error(at, format!("not well-formed XML: {}", xml_message(&e))));
                }
            };
            if matches!(event, Event::Eof) {
                // Events tile the text: the source is the text but for the references decoded.
                scan.canonical.push_str(&text[start..]);
                break;
            }
            let end = bom + reader.buffer_position() as usize;
            if !(text.is_char_boundary(start) && text.is_char_boundary(end)) {
                // Never seen since the marks above; a position inside a character must not
                // become a panic.
                let message = "not well-formed XML: a token ends inside a character".into();
                let at = (0..=start.min(text.len()))
                    .rev()
                    .find(|&i| text.is_char_boundary(i));
                return Err(scan.error(at.unwrap_or(0), message));
            }
            scan.event(event, start..end)?;
        }
        scan.finish()?;
        Ok(scan)
    }

    fn event(&mut self, event: Event, range: Range<usize>) -> Result<(), TranscriptError> {
        let at = range.start;
        let mut decoded = None;
        match &event {
            Event::Start(e) => self.open(e, at)?,
            Event::Empty(e) => {
                self.open(e, at)?;
                self.close();
            }
            Event::End(_) => self.close(),
            Event::Text(t) => self.text(t.trim().is_empty(), range.clone(), at)?,
            Event::GeneralRef(r) => decoded = self.reference(r, at)?,
            Event::CData(_) => self.cdata(range.clone(), at)?,
            Event::Comment(_) | Event::PI(_) | Event::Decl(_) | Event::DocType(_) => {
                self.markup(Gap::Glue);
            }
            Event::Eof => {}
        }
        match decoded {
            Some(c) => self.decoded(c, range),
            None => self.canonical.push_str(&self.text[range]),
        }
        Ok(())
    }

    /// A start tag (or an empty element): checked, and pushed with what its content inherits.
    fn open(&mut self, e: &BytesStart, at: usize) -> Result<(), TranscriptError> {
        let attributes = self.attributes(e, at)?;
        let local = e.local_name();
        let local = local.as_ref();
        if self.stack.is_empty() {
            self.root(local, at)?;
            self.language = attributes.lang.clone();
        }
        let frame = Frame::child(self.stack.last(), e, attributes, at, self.cues);
        let (paragraph, br) = (frame.paragraph, frame.br);
        self.stack.push(frame);
        if paragraph {
            self.flush();
            self.cues += 1;
        } else {
            self.markup(if br { Gap::Break } else { Gap::Glue });
        }
        Ok(())
    }

    fn root(&mut self, local: &str, at: usize) -> Result<(), TranscriptError> {
        if std::mem::replace(&mut self.root_seen, true) {
            return Err(self.error(at, "not well-formed XML: a second root element".into()));
        }
        if local != "tt" {
            let message = format!("not TTML: the root element is <{local}>, not <tt>");
            return Err(self.error(at, message));
        }
        Ok(())
    }

    /// An end tag (quick-xml has checked it closes the open element).
    fn close(&mut self) {
        match self.stack.pop() {
            Some(frame) if frame.paragraph => self.flush(),
            Some(frame) if frame.br => self.markup(Gap::Break),
            _ => self.markup(Gap::Glue),
        }
    }

    fn text(&mut self, blank: bool, range: Range<usize>, at: usize) -> Result<(), TranscriptError> {
        if let Some(p) = self.text[range.clone()].find("]]>") {
            let message = "not well-formed XML: `]]>` outside a CDATA section".into();
            return Err(self.error(range.start + p, message));
        }
        if self.stack.is_empty() {
            let text = &self.text[range];
            return if blank {
                Ok(())
            } else {
                Err(self.outside_root(at + text.len() - text.trim_start().len()))
            };
        }
        let start = self.canonical.len();
        self.spoken(start..start + range.len());
        Ok(())
    }

    /// A reference: the character it stands for, if it is decoded in the source.
    fn reference(&mut self, r: &BytesRef, at: usize) -> Result<Option<char>, TranscriptError> {
        if self.stack.is_empty() {
            return Err(self.outside_root(at));
        }
        let c = match r.resolve_char_ref() {
            Ok(c) => c.or_else(|| predefined(r)),
            Err(_) => {
                let message = format!("not well-formed XML: `&{};` stands for no character", &**r);
                return Err(self.error(at, message));
            }
        };
        let c = c.and_then(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if c.is_control() => None,
            c => Some(c),
        });
        let speaking = self.stack.last().is_some_and(|f| f.spoken);
        match c {
            Some(c) if speaking => {
                let start = self.canonical.len();
                self.spoken(start..start + c.len_utf8());
                Ok(Some(c))
            }
            _ => {
                self.markup(Gap::Glue);
                Ok(None)
            }
        }
    }

    /// The source gets `c` in place of the reference at `range` of the file.
    fn decoded(&mut self, c: char, range: Range<usize>) {
        let start = self.canonical.len();
        self.canonical.push(c);
        self.shifts.push(Shift {
            original: range,
            canonical: start..self.canonical.len(),
        });
    }

    /// A CDATA section: its contents are spoken text in a `<p>`, its markers are markup.
    fn cdata(&mut self, range: Range<usize>, at: usize) -> Result<(), TranscriptError> {
        if self.stack.is_empty() {
            return Err(self.outside_root(at));
        }
        const OPEN: usize = "<![CDATA[".len();
        const CLOSE: usize = "]]>".len();
        let start = self.canonical.len() + OPEN;
        let contents = start..start + range.len().saturating_sub(OPEN + CLOSE);
        self.markup(Gap::Glue);
        if self.stack.last().is_some_and(|f| f.spoken) && !contents.is_empty() {
            self.cdata.push(contents.clone());
            self.spoken(contents);
            self.markup(Gap::Glue);
        }
        Ok(())
    }

    /// Text at `span` of the source: spoken if the open element's text is.
    fn spoken(&mut self, span: Range<usize>) {
        let Some(frame) = self.stack.last().filter(|f| f.spoken) else {
            return;
        };
        if self.gap == Gap::None
            && let Some(run) = self.runs.last_mut()
        {
            run.span.end = span.end;
            return;
        }
        self.runs.push(Run {
            span,
            glued: self.gap == Gap::Glue,
            timestamp: frame.begin.clone(),
            speaker: frame.agent.clone(),
            cue: frame.cue,
        });
        self.gap = Gap::None;
    }

    /// Markup between runs: a line break outweighs anything else until the next text.
    fn markup(&mut self, gap: Gap) {
        if self.gap != Gap::Break {
            self.gap = gap;
        }
    }

    /// The paragraph's runs become segments: a line of a run each, without the pieces of a
    /// word that markup cuts.
    fn flush(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        self.gap = Gap::Break;
        for (i, run) in runs.iter().enumerate() {
            let mut span = run.span.clone();
            if let Some(before) = i.checked_sub(1).filter(|_| run.glued)
                && self.cut_word(&runs[before].span, &run.span)
            {
                span.start += word_len(self.canonical[span.clone()].chars());
            }
            if let Some(next) = runs.get(i + 1).filter(|n| n.glued)
                && self.cut_word(&run.span, &next.span)
            {
                span.end -= word_len(self.canonical[span.clone()].chars().rev());
            }
            self.push_lines(run, span);
        }
    }

    /// Whether the markup between two runs sits inside a word.
    fn cut_word(&self, before: &Range<usize>, after: &Range<usize>) -> bool {
        let last = self.canonical[before.clone()].chars().next_back();
        let first = self.canonical[after.clone()].chars().next();
        last.is_some_and(char::is_alphanumeric) && first.is_some_and(char::is_alphanumeric)
    }

    fn push_lines(&mut self, run: &Run, span: Range<usize>) {
        let text = &self.canonical[span.clone()];
        for line in super::lines(text) {
            let trimmed = line.text.trim();
            if trimmed.is_empty() {
                continue;
            }
            let start = span.start + line.start + (line.text.len() - line.text.trim_start().len());
            self.segments.push(Segment {
                span: start..start + trimmed.len(),
                timestamp: run.timestamp.clone(),
                cue: run.cue,
                speaker: run.speaker.clone(),
                confidence: Vec::new(),
            });
        }
    }

    fn finish(&mut self) -> Result<(), TranscriptError> {
        self.flush();
        if let Some(frame) = self.stack.last() {
            let message = format!("not well-formed XML: <{}> is never closed", frame.name);
            return Err(self.error(frame.at, message));
        }
        if !self.root_seen {
            let end = self.text.len();
            return Err(self.error(end, "not TTML: no root element".into()));
        }
        Ok(())
    }

    /// The attributes the reader uses, every attribute checked.
    fn attributes(&self, e: &BytesStart, at: usize) -> Result<Attributes, TranscriptError> {
        let mut out = Attributes::default();
        for attribute in e.attributes() {
            let a = attribute.map_err(|err| self.attribute_error(&err, at))?;
            let key = a.key.as_ref();
            let value = a.value.trim();
            let value = (!value.is_empty()).then(|| value.to_owned());
            if key == "begin" {
                out.begin = value;
            } else if key == "xml:lang" {
                out.lang = value;
            } else if a.key.prefix().is_some() && a.key.local_name().as_ref() == "agent" {
                out.agent = value.and_then(|v| v.split_whitespace().next().map(str::to_owned));
            }
        }
        Ok(out)
    }

    fn attribute_error(&self, err: &AttrError, at: usize) -> TranscriptError {
        let (position, message) = match *err {
            AttrError::ExpectedEq(p) => (p, "an attribute name without `=` after it"),
            AttrError::ExpectedValue(p) => (p, "`=` without an attribute value after it"),
            AttrError::UnquotedValue(p) => (p, "an attribute value without quotes"),
            AttrError::ExpectedQuote(p, _) => (p, "an attribute value without its closing quote"),
            AttrError::Duplicated(p, _) => (p, "an attribute given twice"),
        };
        // Positions count from the tag's name, just after its `<`.
        self.error(at + 1 + position, format!("not well-formed XML: {message}"))
    }

    fn outside_root(&self, at: usize) -> TranscriptError {
        self.error(
            at,
            "not well-formed XML: text outside the root element".into(),
        )
    }

    fn error(&self, at: usize, message: String) -> TranscriptError {
        let body = without_bom(self.text);
        let bom = self.text.len() - body.len();
        let (line, column) = super::line_col(body, at.saturating_sub(bom));
        TranscriptError::BadXml {
            line,
            column,
            message: super::one_line(&message),
        }
    }

    /// A source offset of an edit's end (never inside a decoded reference) in the file's text.
    fn to_original(&self, p: usize) -> usize {
        let k = self.shifts.partition_point(|s| s.canonical.end <= p);
        k.checked_sub(1).map_or(p, |k| {
            let s = &self.shifts[k];
            p - s.canonical.end + s.original.end
        })
    }

    fn in_cdata(&self, span: &Range<usize>) -> bool {
        let k = self.cdata.partition_point(|r| r.start <= span.start);
        k.checked_sub(1)
            .is_some_and(|k| span.end <= self.cdata[k].end)
    }
}

#[derive(Default)]
struct Attributes {
    begin: Option<String>,
    agent: Option<String>,
    lang: Option<String>,
}

/// The characters of XML's five predefined entities.
fn predefined(r: &BytesRef) -> Option<char> {
    match &**r {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        _ => None,
    }
}

/// Bytes of the letters and digits the characters start with.
fn word_len(chars: impl Iterator<Item = char>) -> usize {
    chars
        .take_while(|c| c.is_alphanumeric())
        .map(char::len_utf8)
        .sum()
}

/// quick-xml's message without its category ("syntax error: ", "ill-formed document: "):
/// every message here says "not well-formed XML" already.
fn xml_message(e: &quick_xml::Error) -> String {
    use quick_xml::errors::IllFormedError;
    match e {
        // Said of any `&` without its `;`, not only at the end of the input.
        quick_xml::Error::IllFormed(IllFormedError::UnclosedReference) => {
            "a `&` that starts no reference (`&amp;` writes one)".into()
        }
        quick_xml::Error::Syntax(e) => e.to_string(),
        quick_xml::Error::IllFormed(e) => e.to_string(),
        e => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::transcript::{Format, Transcript};

    const SAMPLE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<tt xmlns="http://www.w3.org/ns/ttml" xmlns:tts="http://www.w3.org/ns/ttml#styling" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="en">
  <head>
    <metadata><ttm:title>Ada Lovlace &amp; friends</ttm:title>
      <ttm:agent xml:id="host" type="person"><ttm:name type="full">Grace Hoper</ttm:name></ttm:agent>
    </metadata>
    <styling><style xml:id="s1" tts:color="white"/></styling>
  </head>
  <body>
    <div begin="00:00:00.000">
      <p begin="00:00:01.000" end="00:00:03.000" style="s1" ttm:agent="host">Today: Ada Lovlace<br/>and Procter &amp; Gamble</p>
      <p begin="00:00:03.000" end="00:00:05.000"><span tts:fontStyle="italic">Grace</span> Hoper&#x27;s caf&#233;</p>
      <p><span begin="00:00:06.000">no begin on the p</span></p>
      <p>
        pretty printed
        lines
      </p>
    </div>
  </body>
</tt>
"#;

    fn parse(text: &str) -> Transcript {
        let t = Transcript::parse(text.as_bytes()).expect("a transcript");
        assert_eq!(t.format(), Format::Ttml);
        t
    }

    fn texts(t: &Transcript) -> Vec<&str> {
        t.segments().iter().map(|s| t.text(s)).collect()
    }

    fn error(text: &str) -> String {
        match read(text.to_owned()) {
            Ok(_) => panic!("read: {text}"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn a_second_byte_order_mark_is_refused_not_a_panic() {
        // Found by fuzzing: quick-xml skipped the second mark, and shifted every position.
        let message = error("\u{feff}\u{feff}/>");
        assert!(message.starts_with("line 1, column "), "{message}");
        assert!(read("\u{feff}\u{feff}<tt xmlns=\"http://www.w3.org/ns/ttml\"/>".into()).is_ok());
    }

    /// The file written with the first occurrence of `old` in a segment replaced by `new`.
    fn fixed(t: &Transcript, old: &str, new: &str) -> Result<String, TranscriptError> {
        let start = (t.segments().iter())
            .find_map(|s| t.text(s).find(old).map(|i| s.span.start + i))
            .expect("occurrence");
        let edit = Edit {
            span: start..start + old.len(),
            replacement: new.to_owned(),
        };
        t.apply(&[edit])
    }

    #[test]
    fn the_text_of_the_paragraphs_is_spoken() {
        let t = parse(SAMPLE);
        assert_eq!(
            texts(&t),
            [
                "Today: Ada Lovlace",
                "and Procter & Gamble",
                "Grace",
                "Hoper's café",
                "no begin on the p",
                "pretty printed",
                "lines",
            ]
        );
        let cues: Vec<usize> = t.segments().iter().map(|s| s.cue).collect();
        assert_eq!(cues, [0, 0, 1, 1, 2, 3, 3]);
        assert_eq!(t.language(), Some("en"));
    }

    #[test]
    fn the_head_tags_and_attributes_are_frozen() {
        let t = parse(SAMPLE);
        let spoken: String = texts(&t).concat();
        for frozen in [
            "friends", "Hoper<", "white", "italic", "s1", "host", "00:00",
        ] {
            assert!(!spoken.contains(frozen), "{frozen} is spoken");
        }
        // Only the spoken text's references are decoded: the head's stays as written.
        assert!(t.source().contains("Ada Lovlace &amp; friends"));
        assert!(t.source().contains("and Procter & Gamble"));
    }

    #[test]
    fn timestamps_and_speakers_come_from_the_nearest_element() {
        let t = parse(SAMPLE);
        let times: Vec<Option<&str>> = (t.segments().iter())
            .map(|s| s.timestamp.as_deref())
            .collect();
        let first = Some("00:00:01.000");
        let div = Some("00:00:00.000");
        let p1 = Some("00:00:03.000");
        let span = Some("00:00:06.000");
        assert_eq!(times, [first, first, p1, p1, span, div, div]);
        let speakers: Vec<Option<&str>> = (t.segments().iter())
            .map(|s| s.speaker.as_deref())
            .collect();
        assert_eq!(speakers[..3], [Some("host"), Some("host"), None]);
        // A span's begin is an offset within its paragraph: the paragraph's own wins.
        let nested = r#"<tt xmlns="http://www.w3.org/ns/ttml"><body><p begin="10s">a <span begin="1s">b</span></p></body></tt>"#;
        let t = parse(nested);
        assert_eq!(t.segments()[1].timestamp.as_deref(), Some("10s"));
    }

    #[test]
    fn references_are_decoded_in_the_source_and_kept_in_the_file() {
        let t = parse(SAMPLE);
        assert_eq!(t.original(), SAMPLE);
        assert_ne!(t.source(), SAMPLE);
        assert_eq!(t.apply(&[]).unwrap(), SAMPLE);
        // An edit elsewhere keeps every reference as written.
        let out = fixed(&t, "Lovlace", "Lovelace").unwrap();
        assert_eq!(out, SAMPLE.replace("Ada Lovlace<br/>", "Ada Lovelace<br/>"));
        let out = fixed(&t, "Hoper", "Hopper").unwrap();
        assert_eq!(
            out,
            SAMPLE.replace("Hoper&#x27;s caf&#233;", "Hopper&#x27;s caf&#233;")
        );
        // An edit over a reference replaces it.
        let out = fixed(&t, "Procter & Gamble", "P&G").unwrap();
        assert_eq!(out, SAMPLE.replace("Procter &amp; Gamble", "P&amp;G"));
    }

    #[test]
    fn replacements_are_escaped() {
        let t = parse(SAMPLE);
        let out = fixed(&t, "Today", "<Ada> & \"co\"").unwrap();
        assert!(out.contains("<p begin=\"00:00:01.000\" end=\"00:00:03.000\" style=\"s1\" ttm:agent=\"host\">&lt;Ada&gt; &amp; \"co\": Ada"), "{out}");
        let again = parse(&out);
        assert_eq!(texts(&again)[0], "<Ada> & \"co\": Ada Lovlace");
    }

    #[test]
    fn a_line_break_parts_a_cue_and_a_tag_in_a_word_freezes_it() {
        let t = parse(
            r#"<tt xmlns="http://www.w3.org/ns/ttml"><body><div><p>Ada<br/>Lovlace and Grace Hop<span>per</span>, Hop<!-- x -->per<br></br>x</p></div></body></tt>"#,
        );
        assert_eq!(texts(&t), ["Ada", "Lovlace and Grace", ",", "x"]);
        assert!(t.segments().iter().all(|s| s.cue == 0));
    }

    #[test]
    fn other_references_are_frozen_and_line_breaks_read_as_spaces() {
        let t = parse(
            "<tt xmlns='http://www.w3.org/ns/ttml'><body><p>Ada&#10;Lovlace &nbsp; Grace&#x1;Hopper &#9;x\r\ny</p></body></tt>",
        );
        assert_eq!(texts(&t), ["Ada Lovlace", "x", "y"]);
        assert_eq!(t.line_col(t.source().find("\ny").unwrap() + 1), (2, 1));
    }

    #[test]
    fn cdata_in_a_paragraph_is_spoken_and_written_raw() {
        let file = "<tt xmlns='http://www.w3.org/ns/ttml'><head><![CDATA[Ada Lovlace]]></head><body><p><![CDATA[Ada Lovlace & co]]></p></body></tt>";
        let t = parse(file);
        assert_eq!(texts(&t), ["Ada Lovlace & co"]);
        let out = fixed(&t, "Lovlace", "Love & Lace").unwrap();
        assert!(
            out.ends_with("<p><![CDATA[Ada Love & Lace & co]]></p></body></tt>"),
            "{out}"
        );
        assert!(fixed(&t, "Lovlace", "x]]>").is_err());
    }

    #[test]
    fn detection() {
        assert!(looks_like(SAMPLE));
        assert!(looks_like("\u{feff}\n<?xml version='1.0'?><whatever/>"));
        assert!(looks_like(
            "<!-- made by hand -->\n<tt:tt xmlns:tt=\"http://www.w3.org/ns/ttml\"><tt:body/></tt:tt>"
        ));
        assert!(looks_like(
            "<tt xmlns='http://www.w3.org/2006/10/ttaf1'><body/></tt>"
        ));
        assert!(
            !looks_like("<tt><body/></tt>"),
            "no namespace, no declaration"
        );
        assert!(!looks_like("<?xml-stylesheet href='a'?><tt/>"));
        assert!(!looks_like("<i>Ada</i> Lovlace\n"));
        assert!(!looks_like("1\n00:00:01,000 --> 00:00:02,000\n<i>hi</i>\n"));
        assert!(!has_ttml_root("<?xml version='1.0'?><html/>"));
    }

    #[test]
    fn ebu_tt_d_prefixes_are_read() {
        let file = r#"<?xml version="1.0"?>
<tt:tt xmlns:tt="http://www.w3.org/ns/ttml" xmlns:ttm="http://www.w3.org/ns/ttml#metadata" xml:lang="de"><tt:body><tt:div>
<tt:p xml:id="sub1" begin="00:00:01.000" end="00:00:02.000"><tt:span>Ada</tt:span><tt:br/><tt:span ttm:agent="a b">Lovlace</tt:span></tt:p>
</tt:div></tt:body></tt:tt>"#;
        let t = parse(file);
        assert_eq!(texts(&t), ["Ada", "Lovlace"]);
        assert_eq!(t.segments()[1].speaker.as_deref(), Some("a"));
        assert_eq!(t.language(), Some("de"));
    }

    #[test]
    fn malformed_xml_is_an_error_with_its_line_and_column() {
        let head = "<?xml version=\"1.0\"?>\n<tt xmlns=\"http://www.w3.org/ns/ttml\">\n<body>";
        let cases = [
            (
                "<p>Ada</span></p>",
                "line 3, column 13: not well-formed XML: expected `</p>`, but `</span>` was found",
            ),
            (
                "<p>Ada</p>",
                "line 3, column 1: not well-formed XML: <body> is never closed",
            ),
            (
                "<p begin=\"1s\" begin=\"2s\">Ada</p></body></tt>",
                "line 3, column 21: not well-formed XML: an attribute given twice",
            ),
            (
                "<p begin=1s>Ada</p></body></tt>",
                "line 3, column 16: not well-formed XML: an attribute value without quotes",
            ),
            (
                "<p>Procter & Gamble</p></body></tt>",
                "line 3, column 18: not well-formed XML: a `&` that starts no reference (`&amp;` writes one)",
            ),
            (
                "<p>x</p></body></tt>\ntrailing words",
                "line 4, column 1: not well-formed XML: text outside the root element",
            ),
            (
                "<p>x</p></body></tt><tt/>",
                "line 3, column 27: not well-formed XML: a second root element",
            ),
            (
                "<p>x&#xD800;</p></body></tt>",
                "line 3, column 11: not well-formed XML: `&#xD800;` stands for no character",
            ),
        ];
        for (rest, message) in cases {
            assert_eq!(error(&format!("{head}{rest}")), message, "{rest}");
        }
        assert_eq!(
            error("<?xml version='1.0'?>\n<html><p>x</p></html>"),
            "line 2, column 1: not TTML: the root element is <html>, not <tt>"
        );
        assert_eq!(
            error("<?xml version='1.0'?>\n"),
            "line 2, column 1: not TTML: no root element"
        );
        assert_eq!(
            error("\u{feff}<tt><p>"),
            "line 1, column 5: not well-formed XML: <p> is never closed"
        );
    }

    #[test]
    fn no_edit_gives_the_file_back_byte_for_byte() {
        for file in [
            SAMPLE.to_owned(),
            format!("\u{feff}{}", SAMPLE.replace('\n', "\r\n")),
            "<tt xmlns='http://www.w3.org/ns/ttml'><body><p>a&lt;b&gt;c&#233;&#xE9;&quot;&apos;<![CDATA[&amp;]]></p></body></tt>".to_owned(),
        ] {
            let t = parse(&file);
            assert_eq!(t.apply(&[]).unwrap(), file);
            assert_eq!(t.write(&[]).unwrap(), file.as_bytes());
        }
    }

    #[test]
    fn a_fix_that_would_break_the_file_is_refused() {
        let t = parse(
            "<tt xmlns='http://www.w3.org/ns/ttml'><body><p><![CDATA[Ada]]x>b]]></p></body></tt>",
        );
        assert_eq!(texts(&t), ["Ada]]x>b"]);
        // The section would end early, and `b]]>` be text, where `]]>` may not stand.
        let err = fixed(&t, "x", "").unwrap_err().to_string();
        assert!(
            err.starts_with("the corrected TTML would not be well-formed"),
            "{err}"
        );
    }
}
