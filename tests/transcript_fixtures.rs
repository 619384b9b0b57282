//! Every development transcript (and the seed) reads as its expected format, round-trips, and
//! every annotated error lies inside one editable segment (none in headers, tags or timings).

use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};
use transfix::{Format, Transcript};

fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/transcripts")
}

/// Transcripts in the fixture folder with the format their slug announces.
fn fixtures() -> Vec<(PathBuf, Format)> {
    let mut out: Vec<(PathBuf, Format)> = fs::read_dir(data_dir())
        .expect("fixture folder")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| !path.to_string_lossy().ends_with(".gold.toml"))
        .map(|path| {
            let format = expected_format(&path);
            (path, format)
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

fn expected_format(path: &Path) -> Format {
    let name = path.file_name().unwrap().to_string_lossy();
    if name.contains("-srt-") {
        Format::Srt
    } else if name.contains("-vtt-") {
        Format::Vtt
    } else if name.contains("-plain-") {
        Format::Plain
    } else {
        Format::Timed
    }
}

fn read(path: &Path) -> Transcript {
    let bytes = fs::read(path).expect("fixture");
    Transcript::parse(&bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn fixtures_are_all_there() {
    assert_eq!(fixtures().len(), 41);
}

#[test]
fn every_fixture_reads_as_its_format_and_round_trips() {
    for (path, format) in fixtures() {
        let t = read(&path);
        assert_eq!(t.format(), format, "{}", path.display());
        assert_eq!(t.apply(&[]).unwrap().as_bytes(), fs::read(&path).unwrap());
        assert!(t.segments().len() > 5, "{}", path.display());
    }
}

#[test]
fn segments_hold_only_spoken_text() {
    for (path, format) in fixtures() {
        let t = read(&path);
        for seg in t.segments() {
            let text = t.text(seg);
            let at = format!(
                "{} {:?} {text:?}",
                path.display(),
                t.line_col(seg.span.start)
            );
            assert!(!text.is_empty() && text.trim() == text, "{at}");
            assert!(!text.contains(['\r', '\n', '<', '>', '\u{feff}']), "{at}");
            assert!(!text.contains("-->") && !text.starts_with("WEBVTT"), "{at}");
            assert!(!starts_with_timestamp(text), "{at}");
            // Only a plain transcript's title comes before any timestamp.
            let title = format == Format::Plain && seg.cue == 0;
            assert!(seg.timestamp.is_some() || title, "{at}");
        }
    }
}

fn starts_with_timestamp(text: &str) -> bool {
    let text = text.trim_start_matches('[');
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && text[digits..].starts_with(':')
}

/// The page lines of a caption page (up to the `Transcript` line) are never editable.
#[test]
fn caption_page_headers_are_frozen() {
    for (path, format) in fixtures() {
        if format != Format::Timed {
            continue;
        }
        let t = read(&path);
        let marker = t.source().find("\nTranscript").expect("a Transcript line");
        let first = &t.segments()[0];
        assert!(first.span.start > marker, "{}", path.display());
        assert_eq!(first.cue, 0);
    }
}

#[test]
fn cue_text_and_timestamps_as_written() {
    let t = read(&data_dir().join("fr-srt-bleus-conference-clairefontaine.srt"));
    let first: Vec<&str> = t.segments()[..2].iter().map(|s| t.text(s)).collect();
    assert_eq!(
        first,
        ["bonsoir à tous on est en direct", "de Claire Fontaine"]
    );
    assert_eq!(t.segments()[1].timestamp.as_deref(), Some("00:00:01,229"));

    let t = read(&data_dir().join("en-vtt-morning-markets-fed.vtt"));
    let seg = &t.segments()[0];
    assert_eq!(
        t.text(seg),
        "good morning markets are flat ahead of the Fed decision this afternoon"
    );
    assert_eq!(seg.speaker.as_deref(), Some("Anchor"));
    assert_eq!(seg.timestamp.as_deref(), Some("00:00:01.505"));

    let t = read(&data_dir().join("en-plain-deep-field-cern.txt"));
    assert_eq!(t.segments()[0].timestamp, None);
    assert_eq!(t.segments()[1].timestamp.as_deref(), Some("00:00:03"));

    let t = read(&data_dir().join("seed-000_026bc8296a878d12.txt"));
    let seg = &t.segments()[0];
    assert_eq!(t.text(seg), "L'idée est de monter en puissance.");
    assert_eq!(seg.timestamp.as_deref(), Some("00:00"));
    let last = t.segments().last().unwrap();
    assert_eq!(t.text(last), "[SILENCE]", "the page footer is frozen");
}

/// Byte span of the `n`th (1-based, overlapping) occurrence of `needle`.
fn occurrence(haystack: &str, needle: &str, n: usize) -> Option<Range<usize>> {
    let starts = haystack.char_indices().map(|(i, _)| i);
    let mut found = starts.filter(|&i| haystack[i..].starts_with(needle));
    found.nth(n - 1).map(|i| i..i + needle.len())
}

#[test]
fn every_annotated_error_is_inside_one_segment() {
    for (path, _) in fixtures() {
        let gold_path = path.with_extension("gold.toml");
        let gold: toml::Table = toml::from_str(&fs::read_to_string(&gold_path).unwrap()).unwrap();
        let t = read(&path);
        for fix in gold["fix"].as_array().unwrap() {
            let wrong = fix["wrong"].as_str().unwrap();
            let n = fix["occurrence"].as_integer().unwrap() as usize;
            let span = occurrence(t.source(), wrong, n).expect("occurrence exists");
            let inside = t
                .segments()
                .iter()
                .any(|s| s.span.start <= span.start && span.end <= s.span.end);
            assert!(inside, "{}: {wrong:?} #{n} not editable", path.display());
        }
    }
}

/// Reader edge cases (`tests/data/readers`): line endings (CR only, mixed), inline tags,
/// WebVTT blocks, cues without the blank line between them, unusual and malformed timings.
/// Each file's segments, with their `line:col` positions, or its error, are compared with its
/// `.expected` listing (rewrite the listings with `TRANSFIX_BLESS=1`, then check them by eye).
#[test]
fn reader_edge_cases_match_their_listings() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/readers");
    let mut inputs: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("reader fixtures")
        .map(|entry| entry.expect("fixture entry").path())
        .filter(|path| {
            let name = path.file_name().unwrap().to_string_lossy();
            !name.starts_with('.') && !name.ends_with(".expected")
        })
        .collect();
    inputs.sort();
    assert_eq!(inputs.len(), 9);
    let bless = std::env::var_os("TRANSFIX_BLESS").is_some();
    let mut stale = Vec::new();
    for path in inputs {
        let bytes = fs::read(&path).unwrap();
        let listing = match Transcript::parse(&bytes) {
            Ok(t) => {
                assert_eq!(
                    t.apply(&[]).unwrap().as_bytes(),
                    bytes,
                    "{}",
                    path.display()
                );
                listing(&t)
            }
            Err(e) => format!("error: {e}\n"),
        };
        let expected_path = PathBuf::from(format!("{}.expected", path.display()));
        if bless {
            fs::write(&expected_path, &listing).unwrap();
        } else if fs::read_to_string(&expected_path).ok().as_deref() != Some(&listing) {
            stale.push(format!("{}:\n{listing}", path.display()));
        }
    }
    assert!(stale.is_empty(), "{}", stale.join("\n"));
}

/// The format, then one line per segment: `line:col cue timestamp speaker | text`.
fn listing(t: &Transcript) -> String {
    let mut out = format!("format: {}\n", t.format().name());
    for seg in t.segments() {
        let (line, column) = t.line_col(seg.span.start);
        let text = t.text(seg);
        assert!(
            !text.contains(['<', '>', '{', '}', '\r', '\n']) && !text.contains("-->"),
            "{text:?}"
        );
        out.push_str(&format!(
            "{line}:{column} {} {} {} | {text}\n",
            seg.cue,
            seg.timestamp.as_deref().unwrap_or("-"),
            seg.speaker.as_deref().unwrap_or("-"),
        ));
    }
    out
}

/// What the golden cases `tests/cmd/readers-*.toml` cannot check, since trycmd normalises line
/// endings and backslashes: `fix` keeps CR and CRLF endings and ASS overrides byte for byte,
/// and writes nothing for a malformed input.
#[test]
fn fix_keeps_line_endings_and_tags_byte_for_byte() {
    let cmd = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd");
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("readers-bytes");
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    for entry in fs::read_dir(cmd.join("readers.in")).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let ass =
        "1\r00:00:01,000 --> 00:00:02,000\r{\\an8}<i>Ada Lovlace</i> and {\\i1}Grace Hoper{\\i0}\r";
    fs::write(dir.join("ass.srt"), ass).unwrap();
    let fix = |files: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_transfix"))
            .args(["--dict", "names.toml", "fix"])
            .args(files)
            .current_dir(&dir)
            .env("XDG_CONFIG_HOME", "/nonexistent/transfix-tests")
            .output()
            .unwrap()
    };

    let out = fix(&["broken.srt"]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        !dir.join("corrected/broken.srt").exists(),
        "nothing written"
    );

    let out = fix(&["tags.srt", "mac.txt", "ass.srt"]);
    assert!(out.status.success(), "{out:?}");
    let written = |name: &str| fs::read(dir.join("corrected").join(name)).unwrap();
    for (name, case) in [
        ("tags.srt", "readers-fix-tags"),
        ("mac.txt", "readers-fix-cr"),
    ] {
        let expected = fs::read(cmd.join(format!("{case}.out/corrected/{name}"))).unwrap();
        assert_eq!(
            String::from_utf8(written(name)).unwrap(),
            String::from_utf8(expected).unwrap()
        );
    }
    assert!(!written("mac.txt").contains(&b'\n'), "CR endings kept");
    assert_eq!(
        String::from_utf8(written("ass.srt")).unwrap(),
        ass.replace("Lovlace", "Lovelace")
            .replace("Hoper", "Hopper")
    );
}
