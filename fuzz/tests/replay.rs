//! Runs the fuzz targets' checks on the committed corpus and on every fixed crash input
//! (`fuzz/artifacts-fixed/TARGET/*`), with a stable toolchain and no libFuzzer:
//! `cd fuzz && cargo test --release`. A regression of a fixed crash fails here.

use std::path::Path;
use std::time::Instant;

type Target = fn(&[u8]);

fn targets() -> Vec<(&'static str, Target)> {
    use transfix::Format;
    use transfix::transcript::ReadOptions;
    fn forced(format: Format) -> ReadOptions {
        ReadOptions {
            encoding: None,
            format: Some(format),
        }
    }
    vec![
        ("read_timed", |d| {
            transfix_fuzz::read_target(d, forced(Format::Timed))
        }),
        ("read_srt", |d| {
            transfix_fuzz::read_target(d, forced(Format::Srt))
        }),
        ("read_vtt", |d| {
            transfix_fuzz::read_target(d, forced(Format::Vtt))
        }),
        ("read_plain", |d| {
            transfix_fuzz::read_target(d, forced(Format::Plain))
        }),
        ("read_whisper", |d| {
            transfix_fuzz::read_target(d, forced(Format::WhisperJson))
        }),
        ("read_ass", |d| {
            transfix_fuzz::read_target(d, forced(Format::Ass))
        }),
        ("read_sbv", |d| {
            transfix_fuzz::read_target(d, forced(Format::Sbv))
        }),
        ("read_ttml", |d| {
            transfix_fuzz::read_target(d, forced(Format::Ttml))
        }),
        ("read_whisperx", |d| {
            transfix_fuzz::read_target(d, forced(Format::WhisperxJson))
        }),
        ("read_aws", |d| {
            transfix_fuzz::read_target(d, forced(Format::AwsJson))
        }),
        ("read_deepgram", |d| {
            transfix_fuzz::read_target(d, forced(Format::DeepgramJson))
        }),
        ("read_assemblyai", |d| {
            transfix_fuzz::read_target(d, forced(Format::AssemblyaiJson))
        }),
        ("read_any", transfix_fuzz::read_any_target),
        ("pipeline", transfix_fuzz::pipeline_target),
        ("import_dict", transfix_fuzz::import_target),
    ]
}

/// Runs every input of `dir/TARGET/*` through its target; a failing input does not stop the
/// others, and the test fails at the end naming every one.
fn replay(dir: &str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let mut failed = Vec::new();
    for (name, target) in targets() {
        let Ok(entries) = std::fs::read_dir(root.join(name)) else {
            continue;
        };
        let start = Instant::now();
        let mut n = 0;
        for entry in entries {
            let path = entry.unwrap().path();
            let data = std::fs::read(&path).unwrap();
            let one = Instant::now();
            if std::panic::catch_unwind(|| target(&data)).is_err() {
                failed.push(path.display().to_string());
            }
            let took = one.elapsed();
            if took.as_millis() > 200 {
                eprintln!("{}: slow: {took:?}", path.display());
            }
            n += 1;
        }
        eprintln!("{dir}/{name}: {n} inputs in {:?}", start.elapsed());
    }
    assert!(
        failed.is_empty(),
        "{} failing inputs:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn corpus() {
    replay("corpus");
}

#[test]
fn fixed_crashes() {
    replay("artifacts-fixed");
}
