"""Writes the ASR service fixtures of this directory, each in its service's layout.

Usage: python3 make_fixtures.py tests/cmd/asr.in

The same talk in every file: two speakers, "Ada Lovlace" and "Grace Hoper" mis-heard (with low
confidences), "Ada Love Lace" (an alias) said as three words, and "1952", which WhisperX leaves
unaligned. ASCII only and no escapes (trycmd compares files with `\\` rewritten as `/`), but
`deepgram-paragraphs.json`, whose paragraph text has line breaks (tests/asr.rs reads it).
"""
import json, sys

SPEECH = [
    (0, "Welcome back to the history of computing.", {}),
    (0, "Today we talk about Ada Lovlace and her notes.", {"Lovlace": 0.31, "Ada": 0.62}),
    (1, "Then Grace Hoper, who wrote the first compiler in 1952.", {"Hoper,": 0.42}),
    (1, "Later, Ada Love Lace wrote more notes.", {"Love": 0.52, "Lace": 0.47}),
]
STEP = 0.4


def words():
    """(sentence index, speaker, word with its punctuation, start, end, confidence)."""
    t = 0.0
    out = []
    for k, (speaker, sentence, low) in enumerate(SPEECH):
        for w in sentence.split(" "):
            out.append((k, speaker, w, round(t, 2), round(t + STEP - 0.05, 2), low.get(w, 0.97)))
            t += STEP
        t += 0.6
    return out


def bare(w):
    return w.strip(".,?!")


def whisperx():
    segments, flat = [], []
    for k, (speaker, sentence, _) in enumerate(SPEECH):
        ws = []
        for (j, spk, w, s, e, c) in words():
            if j != k:
                continue
            word = {"word": w, "start": s, "end": e, "score": c, "speaker": "SPEAKER_0%d" % spk}
            if bare(w).isdigit():
                word = {"word": w}  # whisperx aligns no number
            ws.append(word)
        segments.append({"start": ws[0]["start"], "end": ws[-1].get("end", ws[-2]["end"]),
                         "text": " " + sentence, "words": ws, "speaker": "SPEAKER_0%d" % speaker})
        flat.extend(ws)
    return {"segments": segments, "word_segments": flat, "language": "en"}


def aws():
    items, audio, n = [], [], 0
    for k, (speaker, sentence, _) in enumerate(SPEECH):
        ids = []
        for (j, spk, w, s, e, c) in words():
            if j != k:
                continue
            label = "spk_%d" % spk
            items.append({"id": n, "type": "pronunciation",
                          "alternatives": [{"confidence": "%.3f" % c, "content": bare(w)}],
                          "start_time": "%.3f" % s, "end_time": "%.3f" % e, "speaker_label": label})
            ids.append(n)
            n += 1
            if w[-1] in ".,":
                items.append({"id": n, "type": "punctuation",
                              "alternatives": [{"confidence": "0.0", "content": w[-1]}],
                              "speaker_label": label})
                ids.append(n)
                n += 1
        first = next(i for i in items if i["id"] == ids[0])
        last = [i for i in items if i["id"] in ids and "end_time" in i][-1]
        audio.append({"id": k, "transcript": sentence, "start_time": first["start_time"],
                      "end_time": last["end_time"], "speaker_label": "spk_%d" % speaker, "items": ids})
    return {"jobName": "asr-demo", "accountId": "123456789012", "status": "COMPLETED",
            "results": {"transcripts": [{"transcript": " ".join(s for _, s, _ in SPEECH)}],
                        "items": items, "audio_segments": audio}}


def deepgram(paragraphs):
    def word(spk, w, s, e, c):
        return {"word": bare(w).lower(), "start": s, "end": e, "confidence": c,
                "punctuated_word": w, "speaker": spk, "speaker_confidence": 0.85}
    all_words = [word(spk, w, s, e, c) for (_, spk, w, s, e, c) in words()]
    text = " ".join(s for _, s, _ in SPEECH)
    alternative = {"transcript": text, "confidence": 0.96, "words": all_words}
    if paragraphs:
        paras = []
        for speaker in (0, 1):
            mine = [(k, s) for k, (spk, s, _) in enumerate(SPEECH) if spk == speaker]
            sentences = [{"text": s, "start": 0.0, "end": 0.0} for _, s in mine]
            paras.append({"sentences": sentences, "speaker": speaker,
                          "num_words": sum(len(s.split()) for _, s in mine)})
        ptext = "".join("\n\nSpeaker %d: " % p["speaker"] + " ".join(s["text"] for s in p["sentences"])
                        for p in paras)
        alternative["paragraphs"] = {"transcript": ptext[1:], "paragraphs": paras}
    utterances = []
    for speaker in (0, 1):
        ws = [w for w in all_words if w["speaker"] == speaker]
        utterances.append({"start": ws[0]["start"], "end": ws[-1]["end"], "confidence": 0.95,
                           "channel": 0, "transcript": " ".join(w["punctuated_word"] for w in ws),
                           "words": ws, "speaker": speaker, "id": "utterance-%d" % speaker})
    return {"metadata": {"request_id": "asr-demo", "created": "2024-05-01T10:00:00.000Z",
                         "duration": 19.0, "channels": 1, "models": ["nova-2"]},
            "results": {"channels": [{"alternatives": [alternative]}], "utterances": utterances}}


def assemblyai():
    ws = [{"text": w, "start": int(s * 1000), "end": int(e * 1000), "confidence": c,
           "speaker": "AB"[spk]} for (_, spk, w, s, e, c) in words()]
    utterances = []
    for speaker in (0, 1):
        mine = [w for w in ws if w["speaker"] == "AB"[speaker]]
        utterances.append({"confidence": 0.95, "end": mine[-1]["end"], "speaker": "AB"[speaker],
                           "start": mine[0]["start"], "text": " ".join(w["text"] for w in mine),
                           "words": mine})
    return {"id": "asr-demo", "language_code": "en_us", "status": "completed",
            "audio_url": "https://example.com/talk.mp3",
            "text": " ".join(s for _, s, _ in SPEECH), "words": ws, "utterances": utterances,
            "confidence": 0.93, "audio_duration": 19, "speaker_labels": True}


def sure():
    """A mis-hearing the recogniser was sure of: evidence against the fix, shown by --explain."""
    sentence = "We spoke with Eda Lavlice yesterday."
    ws = [{"text": w, "start": 500 * k, "end": 500 * k + 450, "confidence": 0.97, "speaker": "A"}
          for k, w in enumerate(sentence.split(" "))]
    return {"id": "asr-sure", "language_code": "en_us", "status": "completed", "text": sentence,
            "words": ws, "confidence": 0.97}


d = sys.argv[1]
with open(d + "/whisperx.json", "w") as f:
    json.dump(whisperx(), f, ensure_ascii=False)
with open(d + "/aws.json", "w") as f:
    json.dump(aws(), f, separators=(",", ":"))
with open(d + "/deepgram.json", "w") as f:
    json.dump(deepgram(False), f, separators=(",", ":"))
with open(d + "/deepgram-paragraphs.json", "w") as f:
    json.dump(deepgram(True), f, indent=2)
with open(d + "/assemblyai.json", "w") as f:
    json.dump(assemblyai(), f, indent=2)
with open(d + "/sure.json", "w") as f:
    json.dump(sure(), f, indent=2)
