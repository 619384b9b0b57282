//! Character encodings of transcript files: reading any of them into text, and writing the
//! corrected text back in the encoding it came in (BOM included).
//!
//! A byte order mark is never stripped: it is decoded as U+FEFF at the start of the text and
//! written back as the same bytes, like line endings. [`encode`] is the exact inverse of
//! [`decode`]: for every input `decode` accepts, `encode` of its text gives the same bytes.
//!
//! What is detected when no encoding is given: a UTF-8, UTF-16LE or UTF-16BE BOM; then
//! UTF-16 without a BOM (mostly-ASCII text with a NUL byte in every other position, which no
//! UTF-8 transcript has); then UTF-8. Windows-1252 and Latin-1 cannot be told apart from each
//! other (nor from some UTF-8) by their bytes, so they are read only when asked for.

use super::TranscriptError;

/// The encoding of a transcript file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without a BOM (a BOM stays in the text, as U+FEFF).
    #[default]
    Utf8,
    /// UTF-16 little-endian, with or without a BOM (kept as U+FEFF).
    Utf16Le,
    /// UTF-16 big-endian, with or without a BOM (kept as U+FEFF).
    Utf16Be,
    /// Windows code page 1252: Latin-1 with printable characters (€, ‘, ’, “, ”, œ, Š…) in
    /// 0x80-0x9F. The five bytes it leaves undefined (0x81, 0x8D, 0x8F, 0x90, 0x9D) are errors.
    Windows1252,
    /// ISO-8859-1 proper: every byte is the code point U+0000-U+00FF of the same value.
    Latin1,
}

impl Encoding {
    pub const ALL: [Encoding; 5] = [
        Encoding::Utf8,
        Encoding::Utf16Le,
        Encoding::Utf16Be,
        Encoding::Windows1252,
        Encoding::Latin1,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Utf16Le => "utf-16le",
            Encoding::Utf16Be => "utf-16be",
            Encoding::Windows1252 => "windows-1252",
            Encoding::Latin1 => "latin-1",
        }
    }

    pub fn is_utf16(self) -> bool {
        matches!(self, Encoding::Utf16Le | Encoding::Utf16Be)
    }

    /// Whether a text in this encoding can hold `c` (a fix writing one it cannot is refused
    /// by [`encode`]).
    pub fn can_hold(self, c: char) -> bool {
        encode(c.encode_utf8(&mut [0; 4]), self).is_ok()
    }

    /// The byte order mark of this encoding, for those that have one.
    fn bom(self) -> Option<&'static [u8]> {
        match self {
            Encoding::Utf8 => Some(UTF8_BOM),
            Encoding::Utf16Le => Some(UTF16LE_BOM),
            Encoding::Utf16Be => Some(UTF16BE_BOM),
            Encoding::Windows1252 | Encoding::Latin1 => None,
        }
    }
}

impl std::str::FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let wanted = s.to_ascii_lowercase().replace('_', "-");
        let alias = match wanted.as_str() {
            "utf8" => "utf-8",
            "cp1252" | "windows1252" => "windows-1252",
            "latin1" | "iso-8859-1" | "iso8859-1" => "latin-1",
            "utf16le" | "utf-16" => "utf-16le",
            "utf16be" => "utf-16be",
            other => other,
        };
        Encoding::ALL
            .into_iter()
            .find(|e| e.name() == alias)
            .ok_or_else(|| {
                format!("unknown encoding `{s}`: one of utf-8, utf-16le, utf-16be, windows-1252, latin-1")
            })
    }
}

/// Text read from a file, and how it was encoded.
#[derive(Debug)]
pub struct Decoded {
    pub text: String,
    pub encoding: Encoding,
    /// The encoding was guessed (no BOM, not given): say so.
    pub assumed: bool,
}

const UTF8_BOM: &[u8] = b"\xef\xbb\xbf";
const UTF16LE_BOM: &[u8] = b"\xff\xfe";
const UTF16BE_BOM: &[u8] = b"\xfe\xff";

/// Decodes a file's bytes: as `forced` if given, else by BOM, else as UTF-16 if the bytes
/// plainly are (see `sniff_utf16`), else as UTF-8.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, TranscriptError> {
    let (encoding, assumed) = match forced {
        Some(encoding) => {
            check_bom(bytes, encoding)?;
            (encoding, false)
        }
        None => match bom_encoding(bytes) {
            Some(encoding) => (encoding, false),
            None => match sniff_utf16(bytes) {
                Some(encoding) => (encoding, true),
                None => (Encoding::Utf8, false),
            },
        },
    };
    let text = match encoding {
        Encoding::Utf8 => decode_utf8(bytes)?,
        Encoding::Utf16Le => decode_utf16(bytes, encoding, u16::from_le_bytes)?,
        Encoding::Utf16Be => decode_utf16(bytes, encoding, u16::from_be_bytes)?,
        Encoding::Windows1252 => decode_windows1252(bytes)?,
        Encoding::Latin1 => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    Ok(Decoded {
        text,
        encoding,
        assumed,
    })
}

/// [`decode`] of bytes the caller gives up: UTF-8, the usual case, becomes the text without
/// a copy (a long transcript is read once, not twice).
pub fn decode_owned(bytes: Vec<u8>, forced: Option<Encoding>) -> Result<Decoded, TranscriptError> {
    let utf8 = match forced {
        Some(encoding) => {
            encoding == Encoding::Utf8 && bom_encoding(&bytes).is_none_or(|b| b == encoding)
        }
        None => looks_utf8(&bytes),
    };
    if !utf8 {
        return decode(&bytes, forced);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            encoding: Encoding::Utf8,
            assumed: false,
        }),
        Err(e) => decode(e.as_bytes(), forced), // for the error's position
    }
}

/// Whether [`decode`] without a forced encoding reads `start` (a file's first bytes) as UTF-8:
/// no BOM of another encoding, no UTF-16 pattern. (Whether the bytes are valid is another
/// matter, checked when they are decoded.)
pub fn looks_utf8(start: &[u8]) -> bool {
    matches!(bom_encoding(start), None | Some(Encoding::Utf8)) && sniff_utf16(start).is_none()
}

/// Encodes corrected text back into `encoding`: the exact inverse of [`decode`]. A character
/// the encoding cannot hold is an error naming it (never a `?` or a `&#...;`).
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, TranscriptError> {
    match encoding {
        Encoding::Utf8 => Ok(text.as_bytes().to_vec()),
        Encoding::Utf16Le => Ok(encode_utf16(text, u16::to_le_bytes)),
        Encoding::Utf16Be => Ok(encode_utf16(text, u16::to_be_bytes)),
        Encoding::Windows1252 => encode_windows1252(text),
        Encoding::Latin1 => text
            .char_indices()
            .map(|(i, c)| u8::try_from(c).map_err(|_| unencodable(text, i, c, encoding)))
            .collect(),
    }
}

/// The encoding a byte order mark at the start of `bytes` stands for.
fn bom_encoding(bytes: &[u8]) -> Option<Encoding> {
    [Encoding::Utf8, Encoding::Utf16Le, Encoding::Utf16Be]
        .into_iter()
        .find(|e| e.bom().is_some_and(|bom| bytes.starts_with(bom)))
}

/// Refuses a file whose BOM says it is in another encoding than the one given: decoding it
/// would only give mojibake.
fn check_bom(bytes: &[u8], forced: Encoding) -> Result<(), TranscriptError> {
    match bom_encoding(bytes) {
        Some(marked) if marked != forced => Err(TranscriptError::BomMismatch {
            marked,
            given: forced,
        }),
        _ => Ok(()),
    }
}

/// UTF-16 without a BOM, recognised by its NUL bytes: at least three quarters of the 16-bit
/// units are an ASCII character (one byte zero, the other not), with the zero on the same
/// side. Such bytes are never a UTF-8 transcript (it holds no NUL), so the guess costs
/// nothing; it is reported as assumed. An odd last byte is left out of the count, so that a
/// truncated file gets the UTF-16 error rather than "binary data".
fn sniff_utf16(bytes: &[u8]) -> Option<Encoding> {
    let units = bytes.len() / 2;
    if units == 0 || !bytes.contains(&0) {
        return None;
    }
    let (mut le, mut be) = (0usize, 0usize);
    for pair in bytes.chunks_exact(2) {
        match (pair[0], pair[1]) {
            (0, 0) => {}
            (_, 0) => le += 1,
            (0, _) => be += 1,
            _ => {}
        }
    }
    let mostly = |n: usize| n * 4 >= units * 3;
    if mostly(le) {
        Some(Encoding::Utf16Le)
    } else if mostly(be) {
        Some(Encoding::Utf16Be)
    } else {
        None
    }
}

fn decode_utf8(bytes: &[u8]) -> Result<String, TranscriptError> {
    let e = match std::str::from_utf8(bytes) {
        Ok(text) => return Ok(text.to_owned()),
        Err(e) => e,
    };
    if let Some((offset, what)) = binary_evidence(bytes) {
        // The bytes before may not be UTF-8 either: each bad sequence counts as one column.
        let before = String::from_utf8_lossy(&bytes[..offset]);
        let (line, column) = super::line_col(&before, before.len());
        return Err(TranscriptError::Binary { line, column, what });
    }
    let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
    let (line, column) = super::line_col(valid, valid.len());
    Err(TranscriptError::NotUtf8 {
        line,
        column,
        offset: e.valid_up_to(),
    })
}

/// How much of the start of a file is looked at to tell binary data from text.
const SNIFF_LEN: usize = 8192;

/// Signatures of binary files a transcript could be mistaken for (media, images, archives):
/// offset, bytes, what it is.
const SIGNATURES: &[(usize, &[u8], &str)] = &[
    (0, b"\x89PNG", "PNG image"),
    (0, b"\xff\xd8\xff", "JPEG image"),
    (0, b"GIF8", "GIF image"),
    (0, b"PK\x03\x04", "ZIP archive"),
    (0, b"\x1f\x8b", "gzip data"),
    (0, b"%PDF-", "PDF document"),
    (0, b"ID3", "MP3 audio"),
    (0, b"OggS", "Ogg media"),
    (0, b"fLaC", "FLAC audio"),
    (0, b"RIFF", "RIFF media (WAV, AVI, WebP)"),
    (0, b"\x1a\x45\xdf\xa3", "Matroska or WebM video"),
    (4, b"ftyp", "MP4 or QuickTime media"),
];

/// Why bytes that are not UTF-8 are binary data rather than text in another encoding, and at
/// which offset: a known file signature, or, in the first few KB, a control character that
/// text does not hold. Text in Windows-1252 or Latin-1 has tabs, line endings and form feeds,
/// and old DOS files end with Ctrl-Z (0x1A), but no other C0 control.
fn binary_evidence(bytes: &[u8]) -> Option<(usize, String)> {
    let signed = SIGNATURES
        .iter()
        .find(|(at, magic, _)| bytes.get(*at..).is_some_and(|rest| rest.starts_with(magic)));
    if let Some((_, _, what)) = signed {
        return Some((0, (*what).to_owned()));
    }
    let head = &bytes[..bytes.len().min(SNIFF_LEN)];
    let text_control = |b: u8| matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1A);
    let at = head.iter().position(|&b| b < 0x20 && !text_control(b))?;
    let what = match head[at] {
        0 => "NUL byte".to_owned(),
        b => format!("control byte 0x{b:02X}"),
    };
    Some((at, what))
}

/// UTF-16 by hand: surrogates must come in (high, low) pairs, and the length be even.
fn decode_utf16(
    bytes: &[u8],
    encoding: Encoding,
    unit: fn([u8; 2]) -> u16,
) -> Result<String, TranscriptError> {
    let mut text = String::with_capacity(bytes.len() / 2);
    let pairs = bytes.chunks_exact(2);
    if !pairs.remainder().is_empty() {
        let offset = bytes.len() - 1;
        return Err(malformed(
            &decode_utf16(&bytes[..offset], encoding, unit)?,
            offset,
            encoding,
            format!(
                "odd number of bytes ({}): a UTF-16 file has two bytes per unit",
                bytes.len()
            ),
        ));
    }
    let mut units = pairs.map(|p| unit([p[0], p[1]])).enumerate().peekable();
    while let Some((i, u)) = units.next() {
        let c = match u {
            0xD800..=0xDBFF => match units.peek() {
                Some(&(_, low @ 0xDC00..=0xDFFF)) => {
                    units.next();
                    let scalar =
                        0x10000 + ((u32::from(u) - 0xD800) << 10) + (u32::from(low) - 0xDC00);
                    char::from_u32(scalar)
                }
                _ => None,
            },
            _ => char::from_u32(u32::from(u)),
        };
        match c {
            Some(c) => text.push(c),
            None => {
                return Err(malformed(
                    &text,
                    2 * i,
                    encoding,
                    format!("unpaired surrogate 0x{u:04X}"),
                ));
            }
        }
    }
    Ok(text)
}

fn encode_utf16(text: &str, bytes: fn(u16) -> [u8; 2]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len() * 2);
    for unit in text.encode_utf16() {
        out.extend_from_slice(&bytes(unit));
    }
    out
}

/// The bytes Windows-1252 leaves undefined (encoding_rs, after WHATWG, maps them to C1
/// controls; Windows and Python refuse them). A file holding one is likely not Windows-1252.
const UNDEFINED_1252: [u8; 5] = [0x81, 0x8D, 0x8F, 0x90, 0x9D];

fn decode_windows1252(bytes: &[u8]) -> Result<String, TranscriptError> {
    if let Some(offset) = bytes.iter().position(|b| UNDEFINED_1252.contains(b)) {
        let before = decode_windows1252(&bytes[..offset])?;
        return Err(malformed(
            &before,
            offset,
            Encoding::Windows1252,
            format!(
                "byte 0x{:02X} is undefined in it; pass --encoding latin-1 to read every byte as is",
                bytes[offset]
            ),
        ));
    }
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| {
            TranscriptError::Edit("not valid windows-1252 (undecodable bytes)".to_owned())
        })
}

fn encode_windows1252(text: &str) -> Result<Vec<u8>, TranscriptError> {
    let undefined = |c: char| u8::try_from(c).is_ok_and(|b| UNDEFINED_1252.contains(&b));
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| undefined(c)) {
        return Err(unencodable(text, i, c, Encoding::Windows1252));
    }
    let mut encoder = encoding_rs::WINDOWS_1252.new_encoder();
    // A single-byte encoding: never more bytes out than in.
    let mut out = vec![0; text.len()];
    let (mut read, mut written) = (0, 0);
    loop {
        let (result, r, w) =
            encoder.encode_from_utf8_without_replacement(&text[read..], &mut out[written..], true);
        read += r;
        written += w;
        match result {
            encoding_rs::EncoderResult::InputEmpty => break,
            encoding_rs::EncoderResult::Unmappable(c) => {
                let at = read - c.len_utf8();
                return Err(unencodable(text, at, c, Encoding::Windows1252));
            }
            encoding_rs::EncoderResult::OutputFull => {
                out.resize(out.len() + text.len() - read + 1, 0);
            }
        }
    }
    out.truncate(written);
    Ok(out)
}

/// Bytes that are not valid in `encoding`, at byte `offset` of the file; `before` is the text
/// decoded up to there, for the line and column.
fn malformed(before: &str, offset: usize, encoding: Encoding, reason: String) -> TranscriptError {
    let (line, column) = super::line_col(before, before.len());
    TranscriptError::Malformed {
        encoding,
        line,
        column,
        offset,
        reason,
    }
}

/// A character of the corrected text (at byte `at`) that `encoding` cannot hold.
fn unencodable(text: &str, at: usize, character: char, encoding: Encoding) -> TranscriptError {
    let (line, column) = super::line_col(text, at);
    TranscriptError::Unencodable {
        character,
        encoding,
        line,
        column,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decoded(bytes: &[u8], forced: Option<Encoding>) -> (String, Encoding, bool) {
        let d = decode(bytes, forced).unwrap();
        (d.text, d.encoding, d.assumed)
    }

    fn error(bytes: &[u8], forced: Option<Encoding>) -> String {
        decode(bytes, forced).unwrap_err().to_string()
    }

    #[test]
    fn boms_choose_the_encoding_and_stay_in_the_text() {
        let le = b"\xff\xfeh\0i\0";
        assert_eq!(
            decoded(le, None),
            ("\u{feff}hi".into(), Encoding::Utf16Le, false)
        );
        let be = b"\xfe\xff\0h\0i";
        assert_eq!(
            decoded(be, None),
            ("\u{feff}hi".into(), Encoding::Utf16Be, false)
        );
        let utf8 = b"\xef\xbb\xbfhi";
        assert_eq!(
            decoded(utf8, None),
            ("\u{feff}hi".into(), Encoding::Utf8, false)
        );
        assert_eq!(
            decoded(le, Some(Encoding::Utf16Le)),
            ("\u{feff}hi".into(), Encoding::Utf16Le, false)
        );
        for bytes in [&le[..], be, utf8] {
            let d = decode(bytes, None).unwrap();
            assert_eq!(encode(&d.text, d.encoding).unwrap(), bytes);
        }
    }

    #[test]
    fn a_bom_contradicting_the_given_encoding_is_refused() {
        assert_eq!(
            error(b"\xfe\xff\0h", Some(Encoding::Utf16Le)),
            "line 1, column 1 (byte 0): starts with a utf-16be byte order mark, not utf-16le; pass --encoding utf-16be or leave --encoding out"
        );
        assert!(error(b"\xef\xbb\xbfhi", Some(Encoding::Windows1252)).contains("utf-8 byte"));
        assert!(error(b"\xff\xfeh\0", Some(Encoding::Utf8)).contains("utf-16le byte"));
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_nul_bytes() {
        assert_eq!(
            decoded(
                "hé\n"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<_>>()
                    .as_slice(),
                None
            ),
            ("hé\n".into(), Encoding::Utf16Le, true)
        );
        assert_eq!(
            decoded(b"\0h\0i", None),
            ("hi".into(), Encoding::Utf16Be, true)
        );
        // Not UTF-16: a lone NUL, an odd length, NULs everywhere.
        assert_eq!(sniff_utf16(b"ok\nab\0"), None);
        assert_eq!(sniff_utf16(b"\0binary"), None);
        assert_eq!(sniff_utf16(b"\0\0\0\0"), None);
        assert_eq!(sniff_utf16(b"abcd"), None);
        assert_eq!(sniff_utf16(b""), None);
        // Mostly non-ASCII UTF-16 is not guessed.
        let greek: Vec<u8> = "αβγδ a".encode_utf16().flat_map(u16::to_le_bytes).collect();
        assert_eq!(sniff_utf16(&greek), None);
    }

    #[test]
    fn utf16_errors_give_the_byte_offset() {
        assert_eq!(
            error(b"\xff\xfea\0\n\0b\0\x00\xd8c\0", None),
            "line 2, column 2 (byte 8): not valid utf-16le: unpaired surrogate 0xD800"
        );
        assert_eq!(
            error(b"a\0\x00\xdc", Some(Encoding::Utf16Le)),
            "line 1, column 2 (byte 2): not valid utf-16le: unpaired surrogate 0xDC00"
        );
        assert_eq!(
            error(b"\xd8\x00", Some(Encoding::Utf16Be)),
            "line 1, column 1 (byte 0): not valid utf-16be: unpaired surrogate 0xD800"
        );
        assert_eq!(
            error(b"a\0b\0c", None),
            "line 1, column 3 (byte 4): not valid utf-16le: odd number of bytes (5): a UTF-16 file has two bytes per unit"
        );
        assert_eq!(
            error(b"\xfe\xff\0a\0", None),
            "line 1, column 3 (byte 4): not valid utf-16be: odd number of bytes (5): a UTF-16 file has two bytes per unit"
        );
        // A pair: 😀 is D83D DE00.
        assert_eq!(
            decoded(b"\x3d\xd8\x00\xde", Some(Encoding::Utf16Le)).0,
            "😀"
        );
    }

    #[test]
    fn windows_1252_and_latin_1_differ_in_0x80_to_0x9f() {
        let bytes = b"\x80 \x93caf\xe9\x94 \x9c";
        assert_eq!(decoded(bytes, Some(Encoding::Windows1252)).0, "€ “café” œ");
        assert_eq!(
            decoded(bytes, Some(Encoding::Latin1)).0,
            "\u{80} \u{93}café\u{94} \u{9c}"
        );
        assert_eq!(encode("€ “café” œ", Encoding::Windows1252).unwrap(), bytes);
        assert_eq!(
            encode("\u{80} \u{93}café\u{94} \u{9c}", Encoding::Latin1).unwrap(),
            bytes
        );
        let all: Vec<u8> = (0..=255).collect();
        let latin1 = decode(&all, Some(Encoding::Latin1)).unwrap().text;
        assert!(
            latin1
                .chars()
                .enumerate()
                .all(|(i, c)| u32::from(c) == i as u32)
        );
        assert_eq!(encode(&latin1, Encoding::Latin1).unwrap(), all);
    }

    #[test]
    fn windows_1252_refuses_its_undefined_bytes() {
        assert_eq!(
            error(b"ok\n\xe9t\xe9 \x81", Some(Encoding::Windows1252)),
            "line 2, column 5 (byte 7): not valid windows-1252: byte 0x81 is undefined in it; pass --encoding latin-1 to read every byte as is"
        );
        assert!(encode("\u{81}", Encoding::Windows1252).is_err());
    }

    #[test]
    fn unencodable_characters_are_named() {
        assert_eq!(
            encode("Cemil\nŞanlı", Encoding::Latin1)
                .unwrap_err()
                .to_string(),
            "\"Ş\" (U+015E) cannot be written in latin-1 (line 2, column 1 of the corrected text)"
        );
        assert_eq!(
            encode("é€ Şanlı", Encoding::Windows1252)
                .unwrap_err()
                .to_string(),
            "\"Ş\" (U+015E) cannot be written in windows-1252 (line 1, column 4 of the corrected text)"
        );
        assert_eq!(
            encode("€", Encoding::Latin1).unwrap_err().to_string(),
            "\"€\" (U+20AC) cannot be written in latin-1 (line 1, column 1 of the corrected text)"
        );
        assert!(encode("\u{80}", Encoding::Windows1252).is_err());
        assert!(encode("😀", Encoding::Utf16Le).is_ok());
        let holds = |e: Encoding| ['é', '€', '\u{80}', '\u{81}', 'Ş', '😀'].map(|c| e.can_hold(c));
        assert_eq!(holds(Encoding::Utf8), [true; 6]);
        assert_eq!(holds(Encoding::Utf16Be), [true; 6]);
        assert_eq!(
            holds(Encoding::Latin1),
            [true, false, true, true, false, false]
        );
        assert_eq!(
            holds(Encoding::Windows1252),
            [true, true, false, false, false, false]
        );
    }

    #[test]
    fn binary_data_is_not_taken_for_another_encoding() {
        assert_eq!(
            decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR", None).unwrap_err(),
            TranscriptError::Binary {
                line: 1,
                column: 1,
                what: "PNG image".into()
            }
        );
        assert_eq!(
            error(b"ok\n\xff\xfe\x03x", None),
            "line 2, column 3: binary data (control byte 0x03), not a transcript"
        );
        assert_eq!(
            error(b"\0\0\0\x18ftypmp42\x80", None),
            "line 1, column 1: binary data (MP4 or QuickTime media), not a transcript"
        );
        assert!(error(b"\xe9t\xe9\0", Some(Encoding::Utf8)).contains("(NUL byte)"));
    }

    #[test]
    fn windows_1252_text_is_not_binary() {
        // Tabs, CRLF, a form feed and the Ctrl-Z that ends old DOS files are text.
        let text = b"caf\xe9\tnoir\r\n\x0cpage 2\r\n\x1a";
        assert!(matches!(
            decode(text, None).unwrap_err(),
            TranscriptError::NotUtf8 { offset: 3, .. }
        ));
        // A control byte past the first few KB is not looked at.
        let mut late = vec![b'a'; SNIFF_LEN];
        late.extend(b"\xe9\x03");
        assert!(matches!(
            decode(&late, None).unwrap_err(),
            TranscriptError::NotUtf8 { .. }
        ));
    }

    #[test]
    fn without_bom_nor_nul_bytes_it_is_utf8() {
        assert_eq!(
            decoded("été".as_bytes(), None),
            ("été".into(), Encoding::Utf8, false)
        );
        assert_eq!(
            decode(b"ok\n\xff", None).unwrap_err(),
            TranscriptError::NotUtf8 {
                line: 2,
                column: 1,
                offset: 3
            }
        );
        assert_eq!(
            decode(b"ok\n\xff", Some(Encoding::Utf8)).unwrap_err(),
            TranscriptError::NotUtf8 {
                line: 2,
                column: 1,
                offset: 3
            }
        );
    }
}
