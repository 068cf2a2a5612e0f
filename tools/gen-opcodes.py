# Dumps the running CPython's own opcode definitions (Lib/opcode.py, _opcode_metadata.py, dis.py)
# as JSON on stdout. Run by tools/gen-opcodes.mjs inside each CPython 3.6-3.14 (pyenv or pyodide).
import dis
import json
import opcode
import sys


def main():
    d = {"version": "%d.%d" % sys.version_info[:2], "patch": "%d.%d.%d" % sys.version_info[:3]}
    # Pseudo-instructions (>= 256) never appear in marshalled bytecode.
    opmap = {k: v for k, v in opcode.opmap.items() if v < 256}
    d["opmap"] = opmap
    for k in ("hasconst", "hasname", "hasjrel", "hasjabs", "haslocal", "hascompare", "hasfree", "hasexc", "hasjump", "hasnargs"):
        v = getattr(opcode, k, None)
        if v is not None:
            d[k] = sorted(set(x for x in v if x < 256))
    if hasattr(opcode, "hasarg"):
        d["hasarg"] = sorted(set(x for x in opcode.hasarg if x < 256))
    else:
        d["hasarg"] = sorted(v for v in opmap.values() if v >= opcode.HAVE_ARGUMENT)
    d["EXTENDED_ARG"] = opcode.EXTENDED_ARG
    d["cmp_op"] = list(opcode.cmp_op)
    caches = getattr(opcode, "_inline_cache_entries", None)
    out = {}
    if isinstance(caches, dict):
        out = {name: n for name, n in caches.items() if n}
    elif caches is not None:
        out = {opcode.opname[i]: n for i, n in enumerate(caches) if n and not opcode.opname[i].startswith("<")}
    d["caches"] = {k: v for k, v in out.items() if k in opmap}
    nb = getattr(opcode, "_nb_ops", None)
    if nb:
        d["nb_ops"] = [sym for _name, sym in nb]
    for k, dk in (("_intrinsic_1_descs", "intrinsic1"), ("_intrinsic_2_descs", "intrinsic2")):
        v = getattr(opcode, k, None) or getattr(dis, k, None)
        if v:
            d[dk] = list(v)
    cc = getattr(dis, "_common_constants", None) or getattr(opcode, "_common_constants", None)
    if cc:
        d["common_constants"] = [getattr(c, "__name__", repr(c)) for c in cc]
    sm = getattr(dis, "_special_method_names", None) or getattr(opcode, "_special_method_names", None)
    if sm:
        d["special_methods"] = list(sm)
    # Backward jumps (3.11+): the argument counts backwards.
    d["backward"] = sorted(name for name in opmap if "JUMP_BACKWARD" in name)
    # Stack effects from the interpreter itself: (no-jump, jump) for arguments 0..3.
    eff = {}
    _se = getattr(opcode, "stack_effect", None) or getattr(dis, "stack_effect")
    jumps = set(d["hasjrel"]) | set(d["hasjabs"])
    for name, op in opmap.items():
        row = []
        for arg in (0, 1, 2, 3):
            pair = []
            for jump in (False, True):
                try:
                    a = arg if op in d["hasarg"] else None
                    pair.append(_se(op, a, jump=jump) if op in jumps else _se(op, a))
                except TypeError:
                    # 3.6/3.7: no jump= keyword (the effect is the larger of both branches)
                    try:
                        pair.append(_se(op, a))
                    except (ValueError, TypeError):
                        pair.append(None)
                except ValueError:
                    pair.append(None)
            row.append(pair)
        eff[name] = row
    d["stack_effect"] = eff
    import builtins
    d["builtins"] = sorted(dir(builtins))
    json.dump(d, sys.stdout, sort_keys=True)


main()
