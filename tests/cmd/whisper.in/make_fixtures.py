"""Writes the Whisper JSON fixtures of this directory as openai-whisper does (json.dump).

Usage: python3 make_fixtures.py tests/cmd/whisper.in
"""
import json, sys
segs = [
  (0.0, 3.2, [(" Welcome",0.97),(" back",0.99),(" to",0.99),(" the",0.99),(" history",0.98),(" of",0.99),(" computing.",0.96)]),
  (3.2, 7.5, [(" Today",0.95),(" we",0.99),(" talk",0.98),(" about",0.99),(" Ada",0.91),(" Lovlace",0.31),(" and",0.97),(" her",0.98),(" notes.",0.93)]),
  (7.5, 11.0, [(" Then",0.96),(" Grace",0.88),(" Hoper,",0.42),(" who",0.99),(" wrote",0.97),(" the",0.99),(" first",0.98),(" compiler.",0.94)]),
  (11.0, 14.0, [(" A",0.9),(" caf\u00e9",0.86),(" in",0.97),(" Z\u00fcrich",0.8),(" named",0.95),(" after",0.97),(" \"Ada\"",0.7),(" \U0001F642.",0.6)]),
]
out = {"text": "", "segments": [], "language": "en"}
tok = 50364
for i,(s,e,words) in enumerate(segs):
    n = len(words); dur = (e - s) / n
    ws = [{"word": w, "start": round(s + k*dur, 2), "end": round(s + (k+1)*dur, 2), "probability": p} for k,(w,p) in enumerate(words)]
    text = "".join(w for w,_ in words)
    out["segments"].append({"id": i, "seek": 0, "start": s, "end": e, "text": text,
        "tokens": list(range(tok, tok + n)), "temperature": 0.0, "avg_logprob": -0.2512345678901234,
        "compression_ratio": 1.2345679012345678, "no_speech_prob": 0.0123456789, "words": ws})
    tok += n
    out["text"] += text
d = sys.argv[1]
with open(d + "/talk.json", "w") as f: json.dump(out, f)
with open(d + "/pretty.json", "w") as f: json.dump(out, f, indent=2)
with open(d + "/raw.json", "w", encoding="utf-8") as f: json.dump(out, f, indent=4, ensure_ascii=False)

# short.json / short-indented.json: ASCII only, no escapes (trycmd compares files with `\`
# rewritten as `/`, so the golden `fix` case uses these).
short = [
  (0.0, 2.6, [(" Our",0.98),(" guest",0.97),(" studies",0.95),(" Ada",0.9),(" Lovlace.",0.28)]),
  (2.6, 6.0, [(" She",0.97),(" wrote",0.96),(" about",0.99),(" Grace",0.85),(" Hoper",0.45),(" and",0.98),(" the",0.99),(" navy.",0.9)]),
  (6.0, 8.4, [(" Later,",0.93),(" Ada",0.9),(" Love",0.52),(" Lace",0.47),(" wrote",0.96),(" notes.",0.95)]),
]
doc = {"text": "", "segments": [], "language": "en"}
tok = 50364
for i,(s,e,words) in enumerate(short):
    n = len(words); dur = (e - s) / n
    ws = [{"word": w, "start": round(s + k*dur, 2), "end": round(s + (k+1)*dur, 2), "probability": p} for k,(w,p) in enumerate(words)]
    text = "".join(w for w,_ in words)
    doc["segments"].append({"id": i, "seek": 0, "start": s, "end": e, "text": text,
        "tokens": list(range(tok, tok + n)), "temperature": 0.0, "avg_logprob": -0.31,
        "compression_ratio": 1.1, "no_speech_prob": 0.02, "words": ws})
    tok += n
    doc["text"] += text
with open(d + "/short.json", "w") as f: json.dump(doc, f)
with open(d + "/short-indented.json", "w") as f: json.dump(doc, f, indent=2)
