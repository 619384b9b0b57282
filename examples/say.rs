//! Dev probe: print the French and English readings of words. `cargo run --example say -- WORD...`
fn main() {
    for w in std::env::args().skip(1) {
        let l = w.to_lowercase();
        println!(
            "{w}: fr={} en={}",
            transfix::matcher::phonetic::french(&l),
            transfix::matcher::phonetic::english(&l)
        );
    }
}
