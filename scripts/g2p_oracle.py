#!/usr/bin/env python3
"""Dev-only oracle for src/matcher/phonetic.rs: compares our readings with espeak-ng.

espeak-ng is GPL: it is only run here as an external program, never linked or shipped.
Usage: scripts/g2p_oracle.py [--worst N] [--common N] [--show WORD...]
Needs: apt-get install espeak-ng wfrench wamerican.
Word list: gold `terms` and fix `wrong`/`right` strings from eval/dev (fr files -> French,
en files -> English), plus a fixed random sample of dictionary words per language.
Reports the mean normalised Levenshtein distance (distance / longer length) per language.
"""
import argparse, concurrent.futures as cf, glob, json, os, random, re, subprocess, sys, tomllib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVAL = "/work/shared/eval/dev"
SEED = int(os.environ.get("G2P_SEED", "42"))
CACHE = "/tmp/g2p_oracle_cache2.json"

# IPA -> shared alphabet; longest match first.
MULTI = [
    # espeak en-us is not consistently rhotic: ɜː may lack its ɹ; ɚɹ doubles it.
    ("ɚɹ", "@R"), ("ɜːɹ", "@R"), ("ɜːɹ", "@R"), ("ɜː", "@R"), ("ɑːɹ", "aR"),
    ("ɛ̃", "1"), ("œ̃", "1"), ("ɔ̃", "3"), ("ɑ̃", "5"), ("tʃ", "tS"), ("dʒ", "dZ"),
    ("aɪ", "aj"), ("aʊ", "aw"), ("ɔɪ", "oj"), ("eɪ", "e"), ("oʊ", "o"), ("əʊ", "o"),
    ("ɚ", "@R"), ("ɝ", "@R"), ("ɜ", "@"),
]
SINGLE = {
    "p": "p", "b": "b", "t": "t", "d": "d", "k": "k", "ɡ": "g", "g": "g", "f": "f", "v": "v",
    "s": "s", "z": "z", "ʃ": "S", "ʒ": "Z", "m": "m", "n": "n", "ɲ": "N", "ŋ": "G", "l": "l",
    "ɫ": "l", "ʁ": "R", "ɹ": "R", "r": "R", "j": "j", "w": "w", "ɥ": "w", "h": "h", "θ": "T",
    "ð": "D", "i": "i", "ɪ": "i", "ᵻ": "i", "e": "e", "ɛ": "e", "a": "a", "ɑ": "a", "æ": "a",
    "o": "o", "ɔ": "o", "ɒ": "o", "u": "u", "ʊ": "u", "y": "y", "ø": "2", "œ": "2",
    "ə": "@", "ʌ": "@", "ɐ": "@", "ɾ": "t", "x": "k", "ç": "S", "ʎ": "j",
}
DROP = set("ˈˌː.ˑ‿ ʔ-_\u0329\u0361\u032f")


def ipa_to_alpha(ipa):
    ipa = re.sub(r"\([a-z-]+\)", "", ipa)  # language-switch markers like (en) ... (fr)
    out, i = [], 0
    while i < len(ipa):
        for src, dst in MULTI:
            if ipa.startswith(src, i):
                out.append(dst)
                i += len(src)
                break
        else:
            ch = ipa[i]
            if ch not in DROP:
                out.append(SINGLE.get(ch, ""))
            i += 1
    return "".join(out)


def espeak(lang_word):
    """French: one reading. English: US and British readings joined by '|' (best one counts)."""
    lang, word = lang_word
    voices = ["fr"] if lang == "fr" else ["en-us", "en"]
    outs = []
    for voice in voices:
        r = subprocess.run(["espeak-ng", "-q", "--ipa", "-v", voice, word],
                           capture_output=True, text=True)
        outs.append(" ".join(r.stdout.split()))
    return "|".join(outs)


def split_words(text):
    # Glue French elisions ("d'Agrain" -> "dagrain"), split on the rest.
    text = text.lower().replace("’", "'")
    text = re.sub(r"\b([a-z]{1,2}|jusqu|lorsqu|puisqu)'", r"\1", text)
    # Acronyms (no vowel) and single letters are spelled out by the caller, not read.
    return [t for t in re.split(r"[^\w]+", text)
            if len(t) > 1 and not re.search(r"[\d_]", t) and re.search(r"[aeiouyàâéèêëîïôûùü]", t)]


def gold_words():
    words = set()
    for path in glob.glob(f"{EVAL}/*.gold.toml"):
        lang = os.path.basename(path)[:2]
        with open(path, "rb") as f:
            g = tomllib.load(f)
        texts = list(g.get("terms", []))
        for fx in g.get("fix", []):
            texts += [fx.get("wrong", ""), fx.get("right", "")]
        for t in texts:
            words.update((lang, w) for w in split_words(t))
    return words


def common_words(n):
    words = set()
    for lang, path in (("fr", "/usr/share/dict/french"), ("en", "/usr/share/dict/american-english")):
        with open(path, encoding="utf-8") as f:
            cand = [w.strip() for w in f if re.fullmatch(r"[a-zàâäéèêëîïôöùûüÿçœ]{3,}", w.strip())]
        random.Random(SEED).shuffle(cand)
        words.update((lang, w) for w in cand[:n])
    return words


def ours(pairs):
    listing = "/tmp/g2p_oracle_words.txt"
    with open(listing, "w") as f:
        f.writelines(f"{l}\t{w}\n" for l, w in pairs)
    env = dict(os.environ, PHONETIC_WORDS=listing)
    env.setdefault("CARGO_TARGET_DIR", os.path.join(ROOT, "target"))
    r = subprocess.run(["cargo", "test", "-q", "--test", "phonetic_dump", "--", "--ignored",
                        "--nocapture", "dump_readings"], cwd=ROOT, env=env,
                       capture_output=True, text=True)
    res = {}
    for line in r.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) == 4 and parts[0] == "READING":
            res[(parts[1], parts[2])] = parts[3]
    if not res:
        sys.exit(r.stderr[-3000:])
    return res


def lev(a, b):
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--worst", type=int, default=25)
    ap.add_argument("--common", type=int, default=300)
    ap.add_argument("--lang", default=None)
    args = ap.parse_args()
    sets = {"gold": gold_words(), "common": common_words(args.common)}
    pairs = sorted(sets["gold"] | sets["common"])
    cache = json.load(open(CACHE)) if os.path.exists(CACHE) else {}
    todo = [p for p in pairs if "\t".join(p) not in cache]
    with cf.ThreadPoolExecutor(4) as ex:
        for p, ipa in zip(todo, ex.map(espeak, todo)):
            cache["\t".join(p)] = ipa
    json.dump(cache, open(CACHE, "w"))
    mine = ours(pairs)
    rows, switched = [], {}
    for lang, w in pairs:
        got = mine.get((lang, w), "")
        d, ref = min((lev(r, got) / max(len(r), len(got), 1), r)
                     for r in map(ipa_to_alpha, cache[f"{lang}\t{w}"].split("|")))
        rows.append((d, lang, w, ref, got))
        switched[(lang, w)] = "(" in cache[f"{lang}\t{w}"]
    for name, s in sets.items():
        for lang in ("fr", "en"):
            ds = [r[0] for r in rows if (r[1], r[2]) in s and r[1] == lang]
            if ds:
                print(f"{name:6} {lang}: n={len(ds):4} mean dist {sum(ds)/len(ds):.3f}  exact {sum(d == 0 for d in ds)/len(ds):.0%}")
    ds = [r[0] for r in rows if r[1] == "fr" and not switched[(r[1], r[2])]]
    print(f"fr words espeak reads as French: n={len(ds)} mean dist {sum(ds)/len(ds):.3f}")
    for lang in ("fr", "en"):
        ds = [r[0] for r in rows if r[1] == lang]
        print(f"ALL    {lang}: n={len(ds):4} mean dist {sum(ds)/len(ds):.3f}")
    for d, lang, w, ref, got in sorted(rows, reverse=True)[: args.worst]:
        if args.lang and lang != args.lang:
            continue
        print(f"{d:.2f} {lang} {w:22} ref={ref:16} ours={got}")
    with open("/tmp/g2p_oracle_rows.tsv", "w") as f:
        for d, lang, w, ref, got in sorted(rows, reverse=True):
            f.write(f"{d:.2f}\t{lang}\t{w}\t{ref}\t{got}\n")


if __name__ == "__main__":
    main()
