#!/usr/bin/env python3
"""How often ``sverka check`` finds each planted defect, and how often it raises a number
or name alarm on an untouched translation, per split.

    python scripts/build_check_cases.py /work/check-cases      # once
    python scripts/evaluate_check.py /work/check-cases [--split tune] [--level paragraph]
        [--jobs 2] [--no-lexicon] [--json figures.json] [--show-misses]

Each case is aligned as ``sverka check ru.txt en.txt --src-lang ru --tgt-lang en`` does
(the installed dictionaries included, none with ``--no-lexicon``) and checked. A defect
counts as found when:

* ``number``: a numbers flag (error or warning) on a link holding the paragraph;
* ``drop-paragraph``, ``drop-start``: an omission flag (error or warning) on a link
  holding the paragraph, or naming it; ``near`` also counts a neighbouring paragraph;
* ``drop-sentence``: an omission flag (error or warning) on a link holding the paragraph
  that quotes the dropped sentence's first words;
* ``misspelt-name``: a names warning or error on a link holding the paragraph that shows
  both the original's name and the misspelt word;
* ``replaced-name``: a names error on a link holding the paragraph naming the name.

Untouched translations (``clean``): the share of documents with no numbers or names
error or warning (the goal is 90 % or more), and the shares with no omission error, and
with no omission error or warning.
A case the pair reading refuses (the one WMT23 document whose "reference" is in Russian)
is left out and named. Tune on ``tune``; quote ``report``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from align.fileio import write_text_atomic  # noqa: E402

SPLITS = ("tune", "report")
SERIOUS = ("error", "warning")


def _quote_start(text: str) -> str:
    """The first words of a sentence as a flag quotes it (whitespace squeezed)."""
    return " ".join(text.split())[:25]


def judge(case: dict[str, Any], flags: list[dict[str, Any]], level: str = "paragraph"
          ) -> dict[str, bool]:
    """Whether the planted defect was found (``found``; ``near`` for omissions one
    paragraph off), or for a clean case whether it raised an alarm. At sentence level a
    flag's link holds sentences, not the paragraph: a dropped sentence is found by an
    omission flag whose link's source or message holds it."""
    kind, k = case["kind"], case["paragraph"]
    here = [f for f in flags if k is not None and (k + 1) in f["src"]]
    if level == "sentence" and kind == "drop-sentence":
        start = _quote_start(case["detail"]["sentence"])
        found = any(f["code"] == "omission" and f["severity"] in SERIOUS
                    and (start in " ".join(f["message"].split())
                         or start in " ".join(f["source"].split())) for f in flags)
        return {"found": found, "near": found}
    if level == "sentence" and kind != "clean":
        raise ValueError("at sentence level only clean and drop-sentence cases are judged")
    if kind == "clean":
        return {"alarm": any(f["code"] in ("numbers", "names") and f["severity"] in SERIOUS
                             for f in flags),
                "omission": any(f["code"] == "omission" and f["severity"] == "error"
                                for f in flags),
                "omission warning": any(f["code"] == "omission" and f["severity"] in SERIOUS
                                        for f in flags)}
    if kind == "number":
        return {"found": any(f["code"] == "numbers" and f["severity"] in SERIOUS for f in here)}
    if kind in ("drop-paragraph", "drop-start"):
        omissions = [f for f in flags if f["code"] == "omission" and f["severity"] in SERIOUS]
        named = re.compile(rf"paragraph {k + 1}\b")
        found = any((k + 1) in f["src"] or named.search(f["message"]) for f in omissions)
        near = found or any({k, k + 1, k + 2} & set(f["src"]) for f in omissions)
        return {"found": found, "near": near}
    if kind == "drop-sentence":
        start = _quote_start(case["detail"]["sentence"])
        return {"found": any(f["code"] == "omission" and f["severity"] in SERIOUS
                             and start in " ".join(f["message"].split()) for f in here),
                "near": any(f["code"] == "omission" and f["severity"] in SERIOUS for f in here)}
    name, wrong = case["detail"]["name"], case["detail"]["to"]
    if kind == "misspelt-name":
        return {"found": any(f["code"] == "names" and f["severity"] in SERIOUS
                             and name in f["message"] and wrong in f["message"] for f in here)}
    if kind == "replaced-name":
        return {"found": any(f["code"] == "names" and f["severity"] == "error"
                             and name in f["message"] for f in here)}
    raise ValueError(f"unknown kind {kind}")


def run_case(job: tuple[Path, dict[str, Any], str, bool]) -> dict[str, Any]:
    """Align and check one case; its flags as ``check --format json`` gives them."""
    folder, case, level, no_lexicon = job
    from align.check import CheckSettings, check_alignment
    from align.check.report import records
    from align.options import PairOptions
    from align.pairing import PairRequest, align_request

    from align.errors import InputError

    options = PairOptions("ru", "en", level=level, no_lexicon=no_lexicon)
    try:
        alignment = align_request(PairRequest(folder / "ru.txt", folder / "en.txt", options))
    except InputError as error:  # refused (e.g. a reference in the original's language)
        return {"case": case, "result": None, "refused": str(error), "flags": []}
    flags = records(alignment, check_alignment(alignment, CheckSettings(no_lexicon=no_lexicon)))
    return {"case": case, "result": judge(case, flags, level),
            "flags": [{k: f[k] for k in ("src", "code", "severity", "message", "source")}
                      for f in flags]}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("cases", type=Path, help="the folder build_check_cases.py wrote")
    parser.add_argument("--split", choices=SPLITS, help="one split only (default: both)")
    parser.add_argument("--level", choices=("paragraph", "sentence"), default="paragraph",
                        help="align at this level (sentence: judge only the clean and "
                        "drop-sentence cases)")
    parser.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--no-lexicon", action="store_true",
                        help="align and check without dictionaries, not even the installed ones")
    parser.add_argument("--json", type=Path, help="write the figures and every result here")
    parser.add_argument("--show-misses", action="store_true",
                        help="print each missed defect and each alarm on a clean case")
    args = parser.parse_args(argv)
    if args.level == "sentence":
        judged = ("clean", "drop-sentence")
        if args.kind and set(args.kind) - set(judged):
            parser.error("at sentence level only clean and drop-sentence cases are judged")
        args.kind = args.kind or list(judged)
    index = json.loads((args.cases / "index.json").read_text(encoding="utf-8"))
    cases = [c for c in index if (args.split is None or c["split"] == args.split)
             and (not args.kind or c["kind"] in args.kind)]
    jobs = [(args.cases / c["id"], c, args.level, args.no_lexicon) for c in cases]
    with ProcessPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(run_case, jobs, chunksize=4))
    table: dict[tuple[str, str], list[dict[str, bool]]] = defaultdict(list)
    refused = [result for result in results if result["result"] is None]
    for result in results:
        if result["result"] is not None:
            table[result["case"]["split"], result["case"]["kind"]].append(result["result"])
    figures: dict[str, dict[str, str]] = {}
    print(f"level {args.level}")
    for split in SPLITS:
        rows = {kind: table[split, kind] for split_, kind in table if split_ == split}
        if not rows:
            continue
        print(f"{split}:")
        figures[split] = {}
        for kind in sorted(rows):
            found = rows[kind]
            if kind == "clean":
                quiet = sum(not r["alarm"] for r in found)
                no_omission = sum(not r["omission"] for r in found)
                no_warning = sum(not r["omission warning"] for r in found)
                line = (f"no number/name alarm in {quiet}/{len(found)} "
                        f"({quiet / len(found):.0%}); no omission error in "
                        f"{no_omission}/{len(found)} ({no_omission / len(found):.0%}), "
                        f"nor warning in {no_warning}/{len(found)}")
            else:
                hits = sum(r["found"] for r in found)
                line = f"found in {hits}/{len(found)} ({hits / len(found):.0%})"
                if "near" in found[0]:
                    near = sum(r["near"] for r in found)
                    line += f"; with a neighbour or unquoted {near}/{len(found)}"
            print(f"  {kind:<15} {line}")
            figures[split][kind] = line
    for result in refused:
        print(f"refused, left out: {result['case']['id']}: {result['refused']}")
    if args.show_misses:
        for result in results:
            r, case = result["result"] or {}, result["case"]
            if r.get("found") is False or r.get("alarm") or r.get("omission warning"):
                shown = [f"{f['src']} {f['code']} {f['severity']}: {f['message'][:110]}"
                         for f in result["flags"] if f["severity"] in SERIOUS
                         and f["code"] not in ("low-confidence", "long-segment")]
                print(f"- {case['id']} ({case['split']}) paragraph {case['paragraph']} "
                      f"{case['detail']}")
                for line in shown[:6]:
                    print(f"    {line}")
    if args.json:
        write_text_atomic(args.json, json.dumps({"level": args.level, "figures": figures,
                                                 "results": results}, ensure_ascii=False,
                                                indent=1) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
