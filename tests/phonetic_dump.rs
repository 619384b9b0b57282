//! Dev helper for `scripts/g2p_oracle.py`: reads `lang<TAB>word` lines from the file named by
//! `PHONETIC_WORDS` and prints `lang<TAB>word<TAB>reading`. Ignored in normal test runs.

use transfix::matcher::phonetic;

#[test]
#[ignore = "dev oracle helper; run via scripts/g2p_oracle.py"]
fn dump_readings() {
    let Ok(path) = std::env::var("PHONETIC_WORDS") else {
        return;
    };
    let text = std::fs::read_to_string(path).expect("word list");
    for line in text.lines() {
        let Some((lang, word)) = line.split_once('\t') else {
            continue;
        };
        let reading = if lang == "fr" {
            phonetic::french(word)
        } else {
            phonetic::english(word)
        };
        println!("READING\t{lang}\t{word}\t{reading}");
    }
}

#[test]
fn readings_use_the_shared_alphabet() {
    const ALPHABET: &str = "pbtdkgfvszSZmnNGlRjwhTDieaouy2@135";
    for word in [
        "château", "œuvre", "naïve", "x", "", "ñandú", "straße", "日本", "e'",
    ] {
        for r in [phonetic::french(word), phonetic::english(word)] {
            assert!(r.chars().all(|c| ALPHABET.contains(c)), "{word} -> {r}");
        }
    }
    assert_eq!(phonetic::french("g7"), "");
    assert_eq!(phonetic::english("2024"), "");
}

/// Rough speed check: `cargo test --release --test phonetic_dump -- --ignored speed --nocapture`.
#[test]
#[ignore = "timing; run by hand in release mode"]
fn speed() {
    let words = [
        "technopolice",
        "quadrature",
        "levain",
        "châtelet",
        "darmanin",
        "kubernetes",
        "powell",
        "streeting",
        "vidéosurveillance",
        "mcilroy",
        "grenouille",
        "binoche",
    ];
    let rounds = 100_000;
    let start = std::time::Instant::now();
    let mut total = 0;
    for _ in 0..rounds {
        for w in words {
            total += phonetic::french(std::hint::black_box(w)).len();
            total += phonetic::english(std::hint::black_box(w)).len();
        }
    }
    let per_word = start.elapsed().as_secs_f64() * 1e9 / (rounds * words.len() * 2) as f64;
    println!("{per_word:.0} ns per word ({total})");
}
