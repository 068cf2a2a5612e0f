"""Generates tests/python/vectors/format-fields.json: the attribute and item lookups that real CPython's
str.format, str.format_map and string.Formatter().format make for format strings, recorded by running
them on objects that log every lookup. The scanner's format-field reader (src/python/format-fields.ts)
must name the same lookups, in the same order, and stop where CPython raises.

    python3 tools/gen-format-vectors.py            # writes the vectors (CPython 3.11 here)
    python3.8 tools/gen-format-vectors.py --check  # another CPython: the recorded lookups must agree

No model content is involved: the strings are generated here (random over the characters the parser
treats specially, plus Unicode decimal digits, which CPython reads as indexes).
"""
import json
import random
import string
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "python" / "vectors" / "format-fields.json"
# characters with a meaning to the parser, ordinary ones, and decimal digits outside ASCII
ALPHABET = list("{}[].!:012ars_x ") + ["\u0660", "\u0661", "\U0001D7CE", "\u0967", "\uff11"]
POSITIONAL = 12


class Blank(str):
    """What a conversion (!r, !s, !a) of a recorder gives: a string that accepts any format spec, so
    the only errors recorded are the parser's and the lookups', never the format mini-language's."""

    def __format__(self, spec):
        return ""


class Rec:
    """Logs each lookup made on it; every lookup returns another recorder."""

    __slots__ = ("_path", "_log")

    def __init__(self, path, log):
        object.__setattr__(self, "_path", path)
        object.__setattr__(self, "_log", log)

    def __getattribute__(self, name):
        path = object.__getattribute__(self, "_path")
        log = object.__getattribute__(self, "_log")
        log.append(path + "." + name)
        return Rec(path + "." + name, log)

    def __getitem__(self, key):
        path = object.__getattribute__(self, "_path")
        log = object.__getattribute__(self, "_log")
        p = path + ("[%d]" % key if isinstance(key, int) else "[" + json.dumps(key) + "]")
        log.append(p)
        return Rec(p, log)

    def __format__(self, spec):
        return ""

    def __repr__(self):
        return Blank("")

    def __str__(self):
        return Blank("")


class RecMap:
    """A mapping for format_map and keyword arguments: logs the key it is asked for."""

    def __init__(self, log):
        self.log = log

    def __getitem__(self, key):
        self.log.append("kw:" + json.dumps(key))
        return Rec("kw:" + json.dumps(key), self.log)


def keys_of(fmt, depth=0):
    """Every keyword a field could name (a superset), read with the real parser: str.format needs them in a dict."""
    import _string

    out = set()
    if depth > 3:
        return out
    try:
        for _lit, field, spec, _conv in _string.formatter_parser(fmt):
            if field is not None:
                try:
                    first, _rest = _string.formatter_field_name_split(field)
                    if isinstance(first, str):
                        out.add(first)
                except ValueError:
                    pass
            if spec:
                out |= keys_of(spec, depth + 1)
    except ValueError:
        pass
    return out


class KwDict(dict):
    pass


def run(fmt, flavor):
    log = []
    pos = [Rec("#%d" % i, log) for i in range(POSITIONAL)]
    try:
        if flavor == "str":
            # the keyword dict is a plain dict (str.format copies **kwargs): a logging Rec per possible key,
            # with the key lookup logged when the value is first touched (its path starts with kw:)
            kw = {k: Rec("kw:" + json.dumps(k), log) for k in keys_of(fmt)}
            fmt.format(*pos, **kw)
        elif flavor == "format_map":
            fmt.format_map(RecMap(log))
        else:
            kw = {k: Rec("kw:" + json.dumps(k), log) for k in keys_of(fmt)}
            string.Formatter().format(fmt, *pos, **kw)
        err = None
    except (ValueError, IndexError, KeyError, TypeError, RecursionError) as e:
        err = type(e).__name__
    return {"lookups": log, "error": err}


def samples(seed, n):
    rnd = random.Random(seed)
    fixed = [
        "{0.a}", "{\u0660.a}", "{0[\u0661].b}", "{[0].a}", "{.a}", "{a.b[c]}", "{0!r:{1.a}}", "{0:{1:{2.a}}}",
        "{0[a}b].c}", "{0:[}", "{0]x}", "{a{b}", "x}}y{{", "{0!}", "{0!r}", "{0!rx}", "{0.}", "{0[]}", "{0[a]b}",
        "{}{}{0}", "{0}{}", "{}.{}", "{:{}}{}", "{0[\U0001D7CE]}", "{\uff11.a}", "{99999999999999999999999}",
        "{0.a!s:>{1[x]}}", "{0.__globals__[sys].modules}", "{a[b][c].d.e}", "{!r}", "{:}", "{0:{}}",
    ]
    firsts = ["", "", "0", "1", "11", "a", "b_c", "\u0660", "\u0661\u0660", "\U0001D7CF", "\uff10", "0]x", "a b", "\u00b2", "00"]
    steps = [".a", ".__globals__", ".__class__", "[0]", "[\u0661]", "[x]", "[a}b]", "[a:b]", "[!]", "[]", ".", "[1", "]", "[{]", ".b.c"]

    def field(depth):
        f = rnd.choice(firsts) + "".join(rnd.choice(steps) for _ in range(rnd.randint(0, 3)))
        if rnd.random() < 0.25:
            f += "!" + rnd.choice("rsax")
        if rnd.random() < 0.35:
            f += ":" + rnd.choice(["", ">", "x", "{{"]) + (field(depth + 1) if depth < 3 and rnd.random() < 0.6 else "")
        return "{" + f + "}"

    def mutate(s):
        if not s or rnd.random() < 0.6:
            return s
        i = rnd.randrange(len(s))
        op = rnd.random()
        if op < 0.4:
            return s[:i] + s[i + 1 :]
        if op < 0.8:
            return s[:i] + rnd.choice(ALPHABET) + s[i:]
        return s[:i]

    out = list(fixed)
    while len(out) < n:
        if rnd.random() < 0.25:
            k = rnd.randint(1, 14)
            s = "".join(rnd.choice(ALPHABET) for _ in range(k))
            if rnd.random() < 0.7:
                s = "{" + s
        else:
            s = "".join(rnd.choice(["", "x", "}}", "{{", " "]) + field(0) for _ in range(rnd.randint(1, 3)))
            s = mutate(s)
        out.append(s)
    return out


def main():
    check = "--check" in sys.argv
    vectors = []
    seen = set()
    for fmt in samples(20261207, 3500):
        if fmt in seen:
            continue
        seen.add(fmt)
        v = {"fmt": fmt}
        for flavor in ("str", "format_map", "formatter"):
            v[flavor] = run(fmt, flavor)
        # every keyword a field names is in the keyword dict (keys_of reads with the same parser)
        assert v["str"]["error"] != "KeyError" and v["formatter"]["error"] != "KeyError", fmt
        vectors.append(v)
    doc = {
        "about": "GENERATED by tools/gen-format-vectors.py: lookups real CPython makes for format strings. Do not edit.",
        "python": sys.version.split()[0],
        "vectors": vectors,
    }
    if check:
        old = json.loads(OUT.read_text())
        bad = [(a["fmt"], f) for a, b in zip(old["vectors"], vectors) for f in ("str", "format_map", "formatter") if a[f] != b[f]]
        print(f"python {doc['python']} vs {old['python']}: {len(vectors)} strings, {len(bad)} differ")
        for b in bad[:20]:
            print("  ", json.dumps(b[0]), b[1])
        sys.exit(1 if bad else 0)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    head = json.dumps({k: v for k, v in doc.items() if k != "vectors"}, ensure_ascii=False)
    body = ",\n".join(json.dumps(v, ensure_ascii=False, separators=(",", ":")) for v in vectors)
    OUT.write_text(head[:-1] + ',"vectors":[\n' + body + "\n]}\n")
    print(f"{len(vectors)} strings -> {OUT}")


if __name__ == "__main__":
    main()
