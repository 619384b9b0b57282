#!/usr/bin/env python3
"""Dev loop: score the probe example on the dev set with score.py's own functions.
Usage: scripts/devscore.py [MIN_SCORE] [-v]"""
import sys, subprocess, tomllib, glob, os, tempfile
sys.path.insert(0, os.path.join(os.path.dirname(__file__), '..', '..', 'shared', 'eval'))
import score
min_score = next((a for a in sys.argv[1:] if not a.startswith('-')), '0.8')
verbose = '-v' in sys.argv
probe = 'target/release/examples/probe'
tot = dict(gold=0, hit=0, tp=0, fp=0)
lv = {}
for g in sorted(glob.glob('../shared/eval/dev/*.gold.toml')) + ['../shared/eval/000_026bc8296a878d12.gold.toml']:
    stem = g[:-len('.gold.toml')]
    txt = [p for p in glob.glob(stem + '.*') if not p.endswith('.toml')]
    txt = txt[0] if txt else 'seeds/000_026bc8296a878d12.txt'
    gd = tomllib.load(open(g, 'rb'))
    raw = open(txt, encoding='utf-8').read()
    fixes = score.spans(raw, gd)
    out = tempfile.mktemp()
    subprocess.run([probe, txt, g, out, min_score], check=True, capture_output=True)
    r = score.score_text(raw, fixes, open(out, encoding='utf-8').read())
    for k in tot: tot[k] += r[k]
    for k, v in r['level_tot'].items():
        lv.setdefault(k, [0, 0]); lv[k][1] += v; lv[k][0] += r['level_hits'].get(k, 0)
    if verbose and r['details']:
        print(os.path.basename(txt), f"gold {r['gold']} hit {r['hit']} fp {r['fp']}")
        for kind, rs, gs, ts in r['details']:
            print(f"   {kind:5} raw[{rs}] gold[{gs}] out[{ts}]")
p = tot['tp'] / max(1, tot['tp'] + tot['fp']); rc = tot['hit'] / max(1, tot['gold'])
print(f"min {min_score}: gold {tot['gold']} hit {tot['hit']} fp {tot['fp']} precision {p:.3f} recall {rc:.3f} levels {lv}")
