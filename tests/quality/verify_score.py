#!/usr/bin/env python3
"""Check the Rust port of score.py (tests/quality/score.rs, difflib.rs) against score.py.

Dev tool, not run by `cargo test`. From the repository root:

    python3 tests/quality/verify_score.py [path/to/score.py]

It has the ignored `synthetic_dump` test write synthetic tool outputs with the Rust
scores, rescored each with score.py's own `spans` and `score_text`, and compared every
field (gold, hit, tp, fp, per-level counts, miss/false details), the raw tokens, and
the opcodes of random sequences with difflib's.
"""
import difflib, json, os, subprocess, sys, tempfile, tomllib
from pathlib import Path

score_py = Path(sys.argv[1] if len(sys.argv) > 1 else "/work/shared/eval/score.py")
sys.path.insert(0, str(score_py.parent))
import score  # noqa: E402

with tempfile.TemporaryDirectory() as tmp:
    env = dict(os.environ, TRANSFIX_QUALITY_DUMP=tmp)
    subprocess.run(["cargo", "test", "-q", "--test", "quality", "--", "--ignored",
                    "--exact", "synthetic_dump"], check=True, env=env)
    bad = n = 0
    for line in open(Path(tmp) / "cases.jsonl", encoding="utf-8"):
        rec = json.loads(line); n += 1
        raw = Path(rec["transcript"]).read_text(encoding="utf-8")
        gd = tomllib.loads(Path(rec["gold"]).read_text(encoding="utf-8"))
        fixes = score.spans(raw, gd)
        want = score.score_text(raw, fixes, Path(rec["out"]).read_text(encoding="utf-8"))
        want["details"] = [list(d) for d in want["details"]]
        got = rec["score"]
        if rec["raw_tokens"] is not None and rec["raw_tokens"] != [t[0] for t in score.tokens(raw)]:
            bad += 1; print("TOKENS differ:", rec["transcript"])
        for k in ("gold", "hit", "tp", "fp", "level_hits", "level_tot", "details"):
            if got[k] != want[k]:
                bad += 1; print(f"{rec['out']} {k}: rust {got[k]!r} python {want[k]!r}")
    m = 0
    for line in open(Path(tmp) / "difflib.jsonl", encoding="utf-8"):
        rec = json.loads(line); m += 1
        sm = difflib.SequenceMatcher(a=rec["a"], b=rec["b"], autojunk=False)
        want = [[i1, i2, j1, j2] for op, i1, i2, j1, j2 in sm.get_opcodes() if op != "equal"]
        if want != rec["ops"]:
            bad += 1; print("OPCODES differ:", rec, want)
    print(f"compared {n} synthetic outputs and {m} opcode lists: {bad} differences")
    sys.exit(1 if bad else 0)
