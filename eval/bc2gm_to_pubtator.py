#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# Converts a BioCreative II gene mention split (SENTENCE_ID text lines and
# GENE.eval, whose offsets count non-space characters, end inclusive) into
# PubTator text for eval_ner: one document a sentence, mentions typed Gene.
# Usage: eval/bc2gm_to_pubtator.py TEXT.in GENE.eval > OUT.PubTator
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: bc2gm_to_pubtator.py TEXT.in GENE.eval")
    sentences = {}
    order = []
    with open(sys.argv[1], encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            sid, _, text = line.partition(" ")
            sentences[sid] = text
            order.append(sid)
    mentions = {}
    with open(sys.argv[2], encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.rstrip("\n").split("|")
            if len(parts) < 3:
                continue
            sid, span, mention = parts[0], parts[1], "|".join(parts[2:])
            b, e = (int(x) for x in span.split())
            text = sentences.get(sid)
            if text is None:
                sys.exit(f"{sys.argv[2]}:{n}: unknown sentence {sid}")
            # Non-space character index -> character offset.
            pos = [i for i, c in enumerate(text) if c != " "]
            if e >= len(pos):
                sys.exit(f"{sys.argv[2]}:{n}: offsets past the sentence")
            start, end = pos[b], pos[e] + 1
            if text[start:end].replace(" ", "") != mention.replace(" ", ""):
                print(f"{sys.argv[2]}:{n}: offsets do not give {mention!r}; left out", file=sys.stderr)
                continue
            mentions.setdefault(sid, []).append((start, end, text[start:end]))
    out = sys.stdout
    for sid in order:
        out.write(f"{sid}|t|{sentences[sid]}\n{sid}|a|\n")
        for start, end, text in sorted(mentions.get(sid, [])):
            out.write(f"{sid}\t{start}\t{end}\t{text}\tGene\t-\n")
        out.write("\n")


if __name__ == "__main__":
    main()
