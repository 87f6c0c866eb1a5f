#!/usr/bin/env python3
"""Score claimscan against hand-annotated real articles kept outside the repository.

The articles are third-party text, so they and their annotations live in a folder of the
user's (for example /work/eval, never committed): `articles/NAME.txt` and `gold/NAME.json`
in the format of `tools/EVAL_FORMAT.md`. This script runs the binary on each article and
reports, per beat and in total, the figures issue 7 asks for.

    python3 tools/score_eval.py --eval /work/eval --bin target/release/claimscan --split test
    python3 tools/score_eval.py --eval /work/eval --split tune --show quotes,statements

Matching: dates, percentages, quotes and statements by overlapping byte spans (the gold
`text` located in the article, the n-th listing of a text at its n-th occurrence); actors
per article by name (canonical or alias, case-insensitive); speakers by name or alias of the
gold speaker, or by a name that ends with the gold speaker's surname.
"""
import argparse
import collections
import json
import pathlib
import subprocess
import sys


def occurrences(text: bytes, needle: bytes):
    out, start = [], 0
    while needle:
        i = text.find(needle, start)
        if i < 0:
            break
        out.append((i, i + len(needle)))
        start = i + 1
    return out


def locate(article: bytes, items):
    """Byte span of each gold item: the n-th listing of a text at its n-th occurrence."""
    seen = collections.Counter()
    spans = []
    for item in items:
        needle = item["text"].encode()
        occ = occurrences(article, needle)
        k = seen[item["text"]]
        seen[item["text"]] += 1
        if not occ:
            spans.append(None)
        else:
            spans.append(occ[min(k, len(occ) - 1)])
    return spans


def overlap(a, b):
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def norm(name):
    if name is None:
        return ""
    n = name.replace("’", "'").strip().lower()
    for prefix in ("the ",):
        if n.startswith(prefix):
            n = n[len(prefix):]
    if n.endswith("'s"):
        n = n[:-2]
    return " ".join(n.replace(".", "").split())


def match_spans(gold_spans, claims, article=None, items=None):
    """Greedy one-to-one: each gold span takes the first unused overlapping claim; failing
    that, one overlapping any other occurrence of the same text (an annotator may list a
    repeated figure once, or skip its copy in a caption)."""
    used = set()
    pairs = []
    for gi, gs in enumerate(gold_spans):
        spans = [gs]
        if article is not None and items is not None:
            spans += [o for o in occurrences(article, items[gi]["text"].encode()) if o != gs]
        hit = None
        for span in spans:
            hit = next((ci for ci, c in enumerate(claims) if ci not in used and overlap(span, tuple(c["span"]))), None)
            if hit is not None:
                break
        if hit is not None:
            used.add(hit)
            pairs.append((gi, hit))
    return pairs


def same_value(gold, found, kind):
    if gold is None:
        return None
    if kind == "percentage":
        try:
            return abs(float(gold) - float(found)) < 1e-9
        except (TypeError, ValueError):
            return False
    return str(gold) == str(found)


class Names:
    """The gold actors of one article: canonical names and aliases."""

    def __init__(self, actors):
        self.by_form = {}
        for a in actors:
            forms = [a["name"]] + list(a.get("aliases", []))
            for f in forms:
                self.by_form.setdefault(norm(f), a["name"])

    def canonical(self, name):
        return self.by_form.get(norm(name))

    def learn(self, claims):
        """The tool's canonical names for gold actors, from its mentions: a speaker given as
        "World Health Organization" is right for the article's "World Health Organisation"."""
        for c in claims:
            if c.get("kind") == "actor" and c.get("value") and norm(c["value"]) not in self.by_form:
                canon = self.canonical(c.get("text", ""))
                if canon is not None:
                    self.by_form[norm(c["value"])] = canon

    def speaker_right(self, gold_speaker, found):
        if not gold_speaker:
            return found in (None, "")
        if not found:
            return False
        g, f = norm(gold_speaker), norm(found)
        if g == f:
            return True
        cg, cf = self.canonical(gold_speaker) or gold_speaker, self.canonical(found)
        if cf is not None and norm(cf) == norm(cg):
            return True
        # "Fernando" for "Fernando Reges", "Jane Roe" for "Secretary Jane Roe"
        gw, fw = g.split(), f.split()
        return bool(gw and fw) and (gw[-1] == fw[-1]) and (len(gw) == 1 or len(fw) == 1 or g in f or f in g)


def run(binary, path):
    out = subprocess.run(
        [binary, "extract", str(path), "--no-compare", "--format", "jsonl", "-q"],
        capture_output=True,
    )
    claims = []
    for line in out.stdout.decode("utf-8", "replace").splitlines():
        try:
            rec = json.loads(line)
        except json.JSONDecodeError:
            continue
        if rec.get("type") == "claim":
            claims.append(rec)
    return claims


class Tally:
    def __init__(self):
        self.c = collections.Counter()

    def add(self, **kw):
        for k, v in kw.items():
            self.c[k] += v

    def f(self, tp, gold, pred):
        g, p, t = self.c[gold], self.c[pred], self.c[tp]
        return (2 * t / (g + p)) if g + p else float("nan")

    def row(self):
        c = self.c
        ratio = lambda a, b: f"{c[a]}/{c[b]}" + (f" ({c[a] / c[b]:.2f})" if c[b] else "")
        return {
            "dates F": f"{self.f('date_tp', 'date_gold', 'date_pred'):.2f}",
            "date values": ratio("date_val_ok", "date_val_n"),
            "pct F": f"{self.f('pct_tp', 'pct_gold', 'pct_pred'):.2f}",
            "actors F": f"{self.f('act_tp', 'act_gold', 'act_pred'):.2f}",
            "quotes F": f"{self.f('q_tp', 'q_gold', 'q_pred'):.2f}",
            "speaker right": ratio("q_spk", "q_gold"),
            "stmt found": ratio("s_tp", "s_gold"),
            "stmt speaker": ratio("s_spk", "s_tp"),
            "stmt pred": str(c["s_pred"]),
        }


def score_article(article, gold, claims, show, name):
    t = Tally()
    names = Names(gold.get("actors", []))
    names.learn(claims)
    by_kind = collections.defaultdict(list)
    for c in claims:
        by_kind[c["kind"]].append(c)
    lines = []

    for kind, key, pre in (("date", "dates", "date"), ("percentage", "percentages", "pct")):
        items = gold.get(key, [])
        spans = locate(article, items)
        found = by_kind[kind]
        pairs = match_spans(spans, found, article, items)
        t.add(**{f"{pre}_gold": len(items), f"{pre}_pred": len(found), f"{pre}_tp": len(pairs)})
        matched_g = {g for g, _ in pairs}
        matched_c = {c for _, c in pairs}
        if kind == "date":
            for gi, ci in pairs:
                ok = same_value(items[gi].get("value"), found[ci].get("value"), kind)
                if ok is not None:
                    t.add(date_val_n=1, date_val_ok=int(ok))
                    if not ok and kind in show:
                        lines.append(f"  date value {items[gi]['text']!r}: gold {items[gi]['value']} got {found[ci].get('value')}")
        if kind in show or key in show:
            for gi, it in enumerate(items):
                if gi not in matched_g:
                    lines.append(f"  {kind} MISSED {it['text']!r}")
            for ci, c in enumerate(found):
                if ci not in matched_c:
                    lines.append(f"  {kind} EXTRA {c['text']!r}")

    gold_actors = {a["name"] for a in gold.get("actors", [])}
    # One predicted entity per canonical value; it is right when its value or the words of any
    # of its mentions name a gold actor ("AP" shown as "Associated Press").
    pred = collections.defaultdict(set)
    for c in by_kind["actor"]:
        if c.get("actor_type") == "place":
            continue
        v = c.get("value") or c.get("text")
        pred[norm(v)].update({v, c.get("text") or v})
    hit, extra = set(), []
    for forms in pred.values():
        canon = next((names.canonical(f) for f in sorted(forms) if names.canonical(f)), None)
        if canon is not None:
            hit.add(canon)
        else:
            extra.append(min(forms, key=len))
    t.add(act_gold=len(gold_actors), act_tp=len(hit), act_pred=len(hit) + len(extra))
    if "actors" in show:
        for a in sorted(gold_actors - hit):
            lines.append(f"  actor MISSED {a!r}")
        for v in extra:
            lines.append(f"  actor EXTRA {v!r}")

    for kind, key, pre in (("quote", "quotes", "q"), ("statement", "statements", "s")):
        items = gold.get(key, [])
        spans = locate(article, items)
        found = by_kind[kind]
        if kind == "quote":
            # The gold lists quotations of four words or more; shorter quoted phrases are terms.
            found = [c for c in found if len(c["text"].split()) >= 4]
        pairs = match_spans(spans, found, article, items)
        t.add(**{f"{pre}_gold": len(items), f"{pre}_pred": len(found), f"{pre}_tp": len(pairs)})
        matched_g = {g: c for g, c in pairs}
        matched_c = {c for _, c in pairs}
        for gi, it in enumerate(items):
            if gi in matched_g:
                c = found[matched_g[gi]]
                ok = names.speaker_right(it.get("speaker", ""), c.get("speaker"))
                t.add(**{f"{pre}_spk": int(ok)})
                if not ok and key in show:
                    lines.append(f"  {kind} SPEAKER {it['text'][:50]!r}: gold {it.get('speaker')!r} got {c.get('speaker')!r}")
            elif key in show:
                lines.append(f"  {kind} MISSED {it['text'][:60]!r} ({it.get('speaker')!r})")
        if key in show:
            for ci, c in enumerate(found):
                if ci not in matched_c:
                    lines.append(f"  {kind} EXTRA {c['text'][:60]!r} ({c.get('speaker')!r})")
    if lines:
        print(f"{name}:")
        print("\n".join(lines))
    return t


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", required=True, help="folder with articles/ and gold/")
    ap.add_argument("--bin", default="target/release/claimscan")
    ap.add_argument("--split", default="test", choices=["tune", "test", "all"])
    ap.add_argument("--show", default="", help="comma list: dates,percentages,actors,quotes,statements")
    ap.add_argument("--only", default="", help="only articles whose name contains this")
    args = ap.parse_args()
    show = set(filter(None, args.show.split(",")))
    show |= {"date" if s == "dates" else "percentage" if s == "percentages" else s for s in show}
    root = pathlib.Path(args.eval)
    beats = collections.defaultdict(Tally)
    total = Tally()
    n = 0
    for gpath in sorted((root / "gold").glob("*.json")):
        if args.only and args.only not in gpath.stem:
            continue
        try:
            gold = json.loads(gpath.read_text())
        except (OSError, json.JSONDecodeError) as e:
            print(f"skipped {gpath}: {e}", file=sys.stderr)
            continue
        if args.split != "all" and gold.get("split") != args.split:
            continue
        apath = root / "articles" / (gpath.stem + ".txt")
        article = apath.read_bytes()
        claims = run(args.bin, apath)
        t = score_article(article, gold, claims, show, gpath.stem)
        beats[gold.get("beat", "?")].c.update(t.c)
        total.c.update(t.c)
        n += 1
    header = None
    for beat in sorted(beats) + ["TOTAL"]:
        row = (total if beat == "TOTAL" else beats[beat]).row()
        if header is None:
            header = list(row)
            print(f"{'beat':<10} " + " | ".join(header))
        print(f"{beat:<10} " + " | ".join(row[h] for h in header))
    print(f"({n} articles, split {args.split})")


if __name__ == "__main__":
    main()
