//! The review journal: every decision appended to a file and flushed to disk as it is made,
//! so a killed review loses nothing and the next one resumes where it stopped.
//!
//! JSON lines: a header naming the transcript and a fingerprint of its bytes, then one
//! `Record` a line. A journal whose fingerprint no longer matches the transcript is set
//! aside (renamed `*.stale`): its spans would point at other words.

use serde::{Deserialize, Serialize};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use super::Record;

const VERSION: u32 = 1;

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    transfix_review: u32,
    transcript: String,
    fingerprint: String,
}

#[derive(Debug, thiserror::Error)]
#[error("{path}: {message}")]
pub struct JournalError {
    pub path: PathBuf,
    pub message: String,
}

/// How the journal was found when the review started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Start {
    New,
    /// Records to replay.
    Resumed(Vec<Record>),
    /// The transcript changed since: the old journal was moved to this path.
    Stale(PathBuf),
}

/// An open journal, appending.
#[derive(Debug)]
pub struct Journal {
    file: File,
    path: PathBuf,
}

impl Journal {
    /// Opens (or starts) the journal at `path` for the transcript `name` with these bytes.
    pub fn open(path: &Path, name: &str, transcript: &[u8]) -> Result<(Self, Start), JournalError> {
        let fingerprint = fingerprint(transcript);
        let start = match std::fs::read(path) {
            Ok(bytes) => match read(&bytes, &fingerprint) {
                Some(records) => Start::Resumed(records),
                None => {
                    let stale = path.with_extension("jsonl.stale");
                    std::fs::rename(path, &stale).map_err(|e| error(path, &e))?;
                    Start::Stale(stale)
                }
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Start::New,
            Err(e) => return Err(error(path, &e)),
        };
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| error(dir, &e))?;
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| error(path, &e))?;
        let mut journal = Journal {
            file,
            path: path.to_owned(),
        };
        if !matches!(start, Start::Resumed(_)) {
            let header = Header {
                transfix_review: VERSION,
                transcript: name.to_owned(),
                fingerprint,
            };
            journal.write_line(&serde_json::to_string(&header).unwrap_or_default())?;
        }
        Ok((journal, start))
    }

    /// Appends one record and waits until it is on disk.
    pub fn append(&mut self, record: &Record) -> Result<(), JournalError> {
        let line = serde_json::to_string(record).map_err(|e| JournalError {
            path: self.path.clone(),
            message: e.to_string(),
        })?;
        self.write_line(&line)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn write_line(&mut self, line: &str) -> Result<(), JournalError> {
        // One write per line: a crash leaves at most a torn last line, which `read` drops.
        let mut buf = Vec::with_capacity(line.len() + 1);
        buf.extend_from_slice(line.as_bytes());
        buf.push(b'\n');
        (self.file.write_all(&buf))
            .and_then(|()| self.file.sync_data())
            .map_err(|e| error(&self.path, &e))
    }
}

/// The records of a journal for the transcript with `fingerprint`; `None` if it is another's.
fn read(bytes: &[u8], fingerprint: &str) -> Option<Vec<Record>> {
    let mut lines = BufReader::new(bytes).lines();
    let header: Header = serde_json::from_str(&lines.next()?.ok()?).ok()?;
    if header.transfix_review != VERSION || header.fingerprint != fingerprint {
        return None;
    }
    // A line that does not parse can only be the torn end of an interrupted write.
    Some(
        lines
            .map_while(Result::ok)
            .map_while(|l| serde_json::from_str(&l).ok())
            .collect(),
    )
}

/// FNV-1a, 64 bits: tells an edited transcript from the one reviewed (not a security check).
pub fn fingerprint(bytes: &[u8]) -> String {
    let hash = bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    });
    format!("{hash:016x}-{}", bytes.len())
}

fn error(path: &Path, e: &std::io::Error) -> JournalError {
    JournalError {
        path: path.to_owned(),
        message: e.to_string(),
    }
}
