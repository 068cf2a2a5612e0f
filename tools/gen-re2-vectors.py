#!/usr/bin/env python3
"""Differential vectors for the RE2 folding of RegexReplace (src/tf/re2.ts): what real TensorFlow's
tf.strings.regex_replace (RE2::Replace / GlobalReplace) returns for tricky patterns, rewrites and inputs,
or that it raises. Run with the fixture venv (TensorFlow):
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-re2-vectors.py -> tests/tf/vectors/re2.json"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "re2.json"

PATTERNS = [
    r"\A", r"\z", r"^", r"$", r"\Atmp", r"A", r"\s", r"\S+", r".", r".*", r"x*", r"a*", r"a|", r"|a",
    r"[]a]", r"[^]a]", r"[[:alpha:]]+", r"[a-z]+", r"\d+", r"\w+", r"\W", r"\b", r"\B", r"(?i)TMP", r"(?P<x>t)",
    r"(t)(m)?", r"\x2f", r"\x{2f}", r"\/", r"/+", r"a{2}", r"a{,2}", r"a{2,}", r"\Q.\E", r"\pL", r"\C", r"(a|ab)(c|bcd)",
    r"\v", r"\r", r"[\s]", r"[\d/]", r"\.", r"a+?", r"(?:/tmp)", r"\1", r"(", r"[", r"{", r"}", r"]", r"a**", r"\z|\A",
    # captures inside repeated groups (RE2 keeps an earlier iteration's capture, JavaScript resets it)
    r"(a|(b))+", r"(?:a|(b))*", r"((a)|b){2}", r"(a?)*", r"(?:x|(/tmp/))+", r"^(?:x|(/tmp/))+$", r"(?:(a)|b)+", r"((?:a|b)(c)?)+",
    # POSIX classes inside brackets (RE2's, ASCII), negated forms and names RE2 refuses
    r"[[:digit:]]+", r"[[:alnum:]]", r"[[:lower:]]+", r"[[:upper:]]", r"[[:space:]]", r"[[:punct:]]+", r"[[:word:]]+",
    r"[[:xdigit:]]+", r"[[:blank:]]", r"[[:cntrl:]]", r"[[:graph:]]+", r"[[:print:]]+", r"[[:ascii:]]+", r"[^[:digit:]]+",
    r"[[:^digit:]]+", r"[x[:digit:]/]+", r"[[:nope:]]", r"[[:digit:]", r"[:digit:]",
]
REWRITES = [r"", r"X", r"\0", r"\1", r"\\", r"\2", r"$1", r"\n", "/tmp/canary"]
INPUTS = ["", "abc", "/tmp/a", "aab", "A\r\nb", "tmp/x\n", "ab cd", "a\x0bb", "TMP/a", "abcd", "ba", "/tmp/xx", "abcbac",
          "/d/.ba0000shrc", "x_9F-{}[]:!\t\x7f"]


def main() -> None:
    vectors = []
    for p in PATTERNS:
        for rw in REWRITES:
            for g in (True, False):
                try:
                    outs = tf.strings.regex_replace(tf.constant(INPUTS), p, rw, replace_global=g).numpy().tolist()
                    res = [o.decode("latin-1") for o in outs]
                except Exception as e:  # noqa: BLE001 - TensorFlow refuses the pattern or rewrite
                    res = None
                    err = type(e).__name__
                v = {"pattern": p, "rewrite": rw, "global": g}
                if res is None:
                    v["error"] = err
                else:
                    v["outputs"] = res
                vectors.append(v)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-re2-vectors.py", "tensorflow": tf.__version__, "inputs": INPUTS, "vectors": vectors}) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
