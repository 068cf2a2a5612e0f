#!/usr/bin/env python3
"""Generates src/catalog/tf-op-registry.data.ts: every op name TensorFlow has registered.

graphwarden calls an op that is in none of these lists "unknown: needs a custom kernel library"
(THREATS.md section 4). The list is the union of:

  * the ops registered by the TensorFlow installed in the running Python (read through the C API
    TF_GetAllOpList, so hidden and internal ops are included, not only tf.raw_ops);
  * for every TensorFlow source checkout given with --tf-checkout (any version; several allowed):
      tensorflow/core/ops/compat/ops_history.v0.pbtxt   ops of the 0.x line
      tensorflow/core/ops/compat/ops_history.v1.pbtxt   every op of the 1.x line (up to ~TF 2.1)
      tensorflow/core/ops/compat/ops_history_v1/*.pbtxt the same, one file per op (TF >= 2.1)
      tensorflow/core/ops/compat/ops_history.v2.pbtxt   ops of the 2.x line (single-file form)
      tensorflow/core/ops/compat/ops_history_v2/*.pbtxt the same, one file per op
      tensorflow/core/ops/ops.pbtxt                     the ops of that checkout
    The history files keep every op that ever existed in that line, removed ones included.
  * with --tfjs-checkout (a tensorflow/tfjs checkout), the op names the TF.js graph-model runtime
    executes (tfjs-converter/python/tensorflowjs/op_list/*.json, "tfOpName"): a separate list of
    the few that TensorFlow itself does not register (Conv1D, FusedDepthwiseConv2dNative, ...);
  * the TFLite builtin operator enum (BuiltinOperator) of the installed TensorFlow, written as a
    separate table for the TFLite reader.

With --classes, it also (or, without --tf-checkout, only) writes src/catalog/tf-op-classes.data.ts:
every op of the TensorFlow wheels listed in tools/tf_op_classes.py (VERSIONS, one venv each under
~/.cache/graphwarden/venvs/, VENVS; each venv's Python dumps its wheel's op facts) and every op name
of the committed registry, classified by tools/tf_op_classes.py (wrapper module, statefulness,
kernels, string/function operands, the wheels that register the op, where its signature changed,
class and the rule that decided it), and docs/tf-op-coverage.json (classified / total per wheel and
per source). Ops that only older wheels register are added to the registry data as 2.x ops. See
docs/tf-ops.md.

A checkout needs only those paths; from a bare mirror, extract them with e.g.
  git --git-dir=<mirror> archive HEAD tensorflow/core/ops tensorflow/core/public/version.h \
      | tar -x -C /tmp/tfsrc
Usage (from the repository root, with the fixture venv):
  /root/.cache/graphwarden/venvs/gen/bin/python tools/gen-op-registry.py \
      --tf-checkout /tmp/tfsrc [--tf-checkout other] --tfjs-checkout /tmp/tfjssrc \
      [--out src/catalog/tf-op-registry.data.ts]
  (tfjs: git --git-dir=<mirror> archive HEAD tfjs-converter/python/tensorflowjs/op_list | tar -x -C /tmp/tfjssrc)
The committed data was made from TensorFlow 2.20.0 (installed; the wheels of VERSIONS for --classes) and a checkout at TF 2.0.0
(commit e08079463bf43e5963acc41da1f57e95603f8080 of a tensorflow fork, history files intact) and
tensorflow/tfjs at commit 0fc04d958ea592f3b8db79a8b3b497b5c8904097 (2025-06-06).
"""
import argparse
import glob
import json
import os
import re
import sys

OP_RE = re.compile(r'^op \{\s*\n\s*name: "([A-Za-z0-9_>.]+)"', re.M)
SOURCES = ["v0", "v1", "v2", "live"]  # bit 0..3 in the generated source masks


def names_in_pbtxt(path):
    with open(path, encoding="utf-8") as f:
        return set(OP_RE.findall(f.read()))


def checkout_version(root):
    p = os.path.join(root, "tensorflow/core/public/version.h")
    if not os.path.exists(p):
        return "unknown"
    text = open(p, encoding="utf-8").read()
    parts = [re.search(r"#define TF_%s_VERSION (\d+)" % k, text) for k in ("MAJOR", "MINOR", "PATCH")]
    return ".".join(m.group(1) if m else "?" for m in parts)


def from_checkout(root, ops):
    compat = os.path.join(root, "tensorflow/core/ops/compat")
    if not os.path.isdir(compat):
        sys.exit(f"{root}: no tensorflow/core/ops/compat (not a TensorFlow checkout)")
    found = 0

    def add(names, source):
        nonlocal found
        for n in names:
            ops.setdefault(n, set()).add(source)
            found += 1

    for name, source in (("ops_history.v0.pbtxt", "v0"), ("ops_history.v1.pbtxt", "v1"), ("ops_history.v2.pbtxt", "v2")):
        p = os.path.join(compat, name)
        if os.path.exists(p):
            add(names_in_pbtxt(p), source)
    for d, source in (("ops_history_v1", "v1"), ("ops_history_v2", "v2")):
        for p in sorted(glob.glob(os.path.join(compat, d, "*.pbtxt"))):
            add(names_in_pbtxt(p), source)
    ops_pbtxt = os.path.join(root, "tensorflow/core/ops/ops.pbtxt")
    if os.path.exists(ops_pbtxt):
        version = checkout_version(root)
        add(names_in_pbtxt(ops_pbtxt), "v2" if version.startswith("2.") else "v1")
    if found == 0:
        sys.exit(f"{root}: no op history files found")


def from_installed(ops):
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    import tensorflow as tf
    from tensorflow.core.framework import op_def_pb2
    from tensorflow.python.client import pywrap_tf_session as c

    buf = c.TF_GetAllOpList()
    data = buf if isinstance(buf, bytes) else c.TF_GetBuffer(buf)
    op_list = op_def_pb2.OpList()
    op_list.ParseFromString(data)
    for op in op_list.op:
        ops.setdefault(op.name, set()).add("live")
    return tf.__version__


def tfjs_ops(root):
    files = sorted(glob.glob(os.path.join(root, "tfjs-converter/python/tensorflowjs/op_list/*.json")))
    if not files:
        sys.exit(f"{root}: no tfjs-converter/python/tensorflowjs/op_list/*.json (not a tfjs checkout)")
    names = set()
    for p in files:
        with open(p, encoding="utf-8") as f:
            names.update(e["tfOpName"] for e in json.load(f))
    return names


def tflite_builtins():
    from tensorflow.lite.python import schema_py_generated as s

    table = {v: k for k, v in vars(s.BuiltinOperator).items() if not k.startswith("_") and isinstance(v, int)}
    return [table.get(i, "") for i in range(max(table) + 1)]


def registry_names(path):
    """Op names of the committed registry data (to classify names only older TensorFlow registers)."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"TF_OP_NAMES_TEXT =\n(.*?);\n", text, re.S)
    return " ".join(re.findall(r'"([^"]*)"', m.group(1))).split() if m else []


def names_and_masks_lines(names, masks):
    """The TF_OP_NAMES_TEXT and TF_OP_SOURCE_MASKS declarations (lines) of the registry data."""
    lines = ["/** Op names, sorted, separated by single spaces. */", "export const TF_OP_NAMES_TEXT ="]
    text = " ".join(names)
    pos = 0
    while pos < len(text):
        end = text.find(" ", pos + 90)
        end = len(text) if end < 0 else end + 1
        lines.append(f'  "{text[pos:end]}"' + (" +" if end < len(text) else ";"))
        pos = end
    lines += [
        "",
        "/** One hex digit per op (same order): bit 0 = 0.x history, 1 = 1.x history, 2 = 2.x history, 3 = installed. */",
        "export const TF_OP_SOURCE_MASKS =",
    ]
    for i in range(0, len(masks), 96):
        end = " +" if i + 96 < len(masks) else ";"
        lines.append(f'  "{masks[i:i + 96]}"{end}')
    return lines


def registry_masks(path):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"TF_OP_SOURCE_MASKS =\n(.*?);\n", text, re.S)
    return "".join(re.findall(r'"([^"]*)"', m.group(1))) if m else ""


def add_wheel_names(registry_path, facts, newest):
    """Adds to the committed registry the ops that only older wheels of VERSIONS register (as 2.x
    history, bit 2): without them such an op would be called unknown although TensorFlow <= that
    version runs it. Rewrites only the name and mask declarations and the header's source line."""
    names = registry_names(registry_path)
    masks = registry_masks(registry_path)
    if len(names) != len(masks):
        sys.exit(f"{registry_path}: {len(names)} names but {len(masks)} masks")
    ops = {n: int(m, 16) for n, m in zip(names, masks)}
    added = []
    for v, f in facts.items():
        for n in f["ops"]:
            if v != newest and n not in ops:
                ops[n] = 0
                added.append(n)
            if v != newest and n not in facts[newest]["ops"]:
                ops[n] |= 4
    names = sorted(ops)
    masks = "".join("0123456789abcdef"[ops[n]] for n in names)
    with open(registry_path, encoding="utf-8") as f:
        text = f.read()
    a = text.index("/** Op names, sorted")
    b = text.index("/** Ops the TF.js graph-model runtime")
    text = text[:a] + "\n".join(names_and_masks_lines(names, masks)) + "\n\n" + text[b:]
    wheels = ", ".join(v for v in facts if v != newest)
    text = re.sub(r"^// \(installed TensorFlow .*$", lambda m: re.sub(r"; wheels [^)]*", "", m.group(0)).replace(")", f"; wheels {wheels})", 1) if wheels else m.group(0), text, count=1, flags=re.M)
    with open(registry_path, "w", encoding="utf-8") as f:
        f.write(text)
    return sorted(set(added))


def write_classes(registry_path, out, coverage_out, facts_dir=None):
    import tempfile

    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import tf_op_classes as t

    with tempfile.TemporaryDirectory() as tmp:
        facts = t.collect(facts_dir or tmp)
    versions = [v for v in t.VERSIONS if v in facts]
    newest = versions[-1]
    added = add_wheel_names(registry_path, facts, newest)
    rows, modules, coverage, differs = t.build(facts, "src/catalog/tf-ops.ts", registry_names(registry_path))
    with open("src/catalog/tf-ops.ts", encoding="utf-8") as f:
        catalogued = set(re.findall(r"^\s{2}(\w+): ", f.read(), re.M))
    rules = sorted({r[4] for r in rows})
    rule_index = {r: i for i, r in enumerate(rules)}
    js = lambda v: json.dumps(v, ensure_ascii=True)
    venvs = ", ".join(f"{v} ({t.VENVS[v]})" for v in versions)
    lines = [
        "// GENERATED by tools/gen-op-registry.py --classes (rules in tools/tf_op_classes.py): do not edit.",
        f"// Every op of the TensorFlow wheels {', '.join(versions)} and every older op name of the registry, classified.",
        f"// Made from the venvs under ~/.cache/graphwarden/venvs/: {venvs}.",
        "// Regenerate: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-op-registry.py --classes (docs/tf-ops.md).",
        "",
        f"export const TF_OP_CLASS_SOURCE = {{ tensorflow: {js(newest)}, versions: {js(versions)}, coverage: {js(coverage)} }} as const;",
        "",
        "/** Class codes (index = code). */",
        f"export const TF_OP_CLASS_CODES = {js(t.CLASSES)} as const;",
        "",
        "/** Generated Python wrapper modules (index = module code; 0 = none). */",
        "export const TF_OP_MODULES: readonly string[] = [",
        '  "",',
    ]
    lines += [f"  {js(m)}," for m in modules]
    lines += ["];", "", "/** The rule that decided each class (index = rule code). */", "export const TF_OP_CLASS_RULES: readonly string[] = ["]
    lines += [f"  {js(r)}," for r in rules]
    lines += [
        "];",
        "",
        "/**",
        " * One row per op, sorted: name, class code, module code, flags (s stateful, k kernel registered,",
        " * c CPU kernel, f function attr, h history only; - none), rule code, path-like string inputs",
        " * (position:name, position -1 when a list input precedes it; - none), path-like string attrs (- none),",
        " * the wheels that register it (hex mask, bit i = TF_OP_CLASS_SOURCE.versions[i]; 0 = history only),",
        " * and where its signature changed (<version>:<parts>, comma-separated, against the previous wheel",
        " * that registers it: i inputs, o outputs, a attrs, t allowed types, s statefulness; - never).",
        " * Facts (module, flags, path operands) are those of the newest wheel that registers the op, path",
        " * operands and flags merged over all of them.",
        " */",
        "export const TF_OP_CLASS_ROWS: readonly string[] = [",
    ]
    for name, cls, mod, flags, rule, pin, pattr, mask, changes in rows:
        row = f"{name} {t.CLASSES.index(cls)} {mod} {flags or '-'} {rule_index[rule]} {','.join(pin) or '-'} {','.join(pattr) or '-'} {mask:x} {','.join(changes) or '-'}"
        lines.append(f"  {js(row)},")
    lines += ["];", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    by_class = {}
    for r in rows:
        by_class[r[1]] = by_class.get(r[1], 0) + 1
    only_older = [r for r in rows if r[7] and not r[7] & (1 << t.VERSIONS.index(newest))]
    report = {
        "tensorflow": newest,
        "versions": versions,
        "venvs": {v: t.VENVS[v] for v in versions},
        "venv_python": {v: t.VENV_PYTHON[v] for v in versions},
        "coverage": coverage,
        "classes": dict(sorted(by_class.items())),
        "unreviewed": [r[0] for r in rows if r[1] == "unreviewed"],
        "only_in_older_wheels": {r[0]: [v for i, v in enumerate(t.VERSIONS) if r[7] & (1 << i)] for r in only_older},
        "not_in_older_wheels": {v: sum(1 for r in rows if r[7] and not r[7] & (1 << t.VERSIONS.index(v))) for v in versions},
        "signature_changed": sum(1 for r in rows if r[8]),
        "class_differs_between_wheels": differs,
        "catalogue_operands_differ_between_wheels": t.operand_changes(facts, catalogued),
    }
    with open(coverage_out, "w", encoding="utf-8") as f:
        json.dump(report, f, indent=1)
        f.write("\n")
    write_coverage_table("docs/tf-ops.md", report)
    print(f"{len(rows)} ops classified -> {out}; coverage {coverage} -> {coverage_out}; {len(added)} wheel ops added to {registry_path}")


def write_coverage_table(doc, report):
    """Rewrites the per-version coverage table between the coverage markers of docs/tf-ops.md."""
    begin, end = "<!-- coverage table: generated by tools/gen-op-registry.py --classes -->", "<!-- end of coverage table -->"
    with open(doc, encoding="utf-8") as f:
        text = f.read()
    if begin not in text or end not in text:
        sys.exit(f"{doc}: no coverage markers")
    cov = report["coverage"]
    lines = ["| TensorFlow wheel | venv | ops | classified | unreviewed | ops the newest wheel lacks |", "|---|---|---|---|---|---|"]
    newest_bit = report["versions"][-1]
    for v in report["versions"]:
        c = cov["versions"][v]
        lacks = sum(1 for vs in report["only_in_older_wheels"].values() if v in vs)
        lines.append(f"| {v} | `{report['venvs'][v]}` (Python {report['venv_python'][v]}) | {c['total']} | {c['classified']} | {c['total'] - c['classified']} | {lacks if v != newest_bit else '-'} |")
    i, h = cov["installed"], cov["history"]
    lines.append(f"| all wheels (union) | | {i['total']} | {i['classified']} | {i['total'] - i['classified']} | {len(report['only_in_older_wheels'])} |")
    lines.append(f"| older op history (names in no wheel) | | {h['total']} | {h['classified']} | {h['total'] - h['classified']} | |")
    lines += ["", f"Unreviewed: {', '.join('`' + n + '`' for n in report['unreviewed']) or 'none'}. "
              f"Ops only older wheels register: {', '.join('`' + n + '` (' + ', '.join(vs) + ')' for n, vs in report['only_in_older_wheels'].items()) or 'none'}. "
              f"Ops whose signature changed between wheels: {report['signature_changed']}. "
              f"Ops the wheels classify differently: {', '.join('`' + n + '` (' + '/'.join(sorted(set(d.values()))) + ')' for n, d in report['class_differs_between_wheels'].items()) or 'none'}. "
              f"Ops of the hand catalogue (`src/catalog/tf-ops.ts`) whose inputs or path-like attrs differ between wheels: "
              f"{', '.join('`' + n + '`' for n in report['catalogue_operands_differ_between_wheels']) or 'none'}."]
    a, b = text.index(begin) + len(begin), text.index(end)
    text = text[:a] + "\n" + "\n".join(lines) + "\n" + text[b:]
    with open(doc, "w", encoding="utf-8") as f:
        f.write(text)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--classes", action="store_true", help="write the op class table (tools/tf_op_classes.py)")
    ap.add_argument("--classes-out", default="src/catalog/tf-op-classes.data.ts")
    ap.add_argument("--coverage-out", default="docs/tf-op-coverage.json")
    ap.add_argument("--facts-dir", help="keep (and reuse) the per-wheel op facts here instead of a temporary directory")
    ap.add_argument("--tf-checkout", action="append", default=[], help="root of a TensorFlow source checkout")
    ap.add_argument("--tfjs-checkout", help="root of a tensorflow/tfjs checkout (TF.js op list)")
    ap.add_argument("--out", default="src/catalog/tf-op-registry.data.ts")
    args = ap.parse_args()
    if args.classes and not args.tf_checkout:
        write_classes(args.out, args.classes_out, args.coverage_out, args.facts_dir)
        return
    if not args.tf_checkout:
        sys.exit("give at least one --tf-checkout (see the docstring)")
    ops = {}
    checkouts = []
    for root in args.tf_checkout:
        from_checkout(root, ops)
        checkouts.append(checkout_version(root))
    live = from_installed(ops)
    builtins = tflite_builtins()
    tfjs_only = sorted(tfjs_ops(args.tfjs_checkout) - set(ops)) if args.tfjs_checkout else []
    names = sorted(ops)
    masks = "".join("0123456789abcdef"[sum(1 << SOURCES.index(s) for s in ops[n])] for n in names)
    lines = [
        "// GENERATED by tools/gen-op-registry.py: do not edit. Every op name TensorFlow registers",
        f"// (installed TensorFlow {live}; op history of checkouts at {', '.join(checkouts)}).",
        "",
        f'export const TF_REGISTRY_SOURCES = {{ live: "{live}", checkouts: {checkouts!r} }} as const;'.replace("'", '"'),
        "",
    ]
    lines += names_and_masks_lines(names, masks)
    lines += [
        "",
        "/** Ops the TF.js graph-model runtime executes that TensorFlow does not register. */",
        "export const TFJS_ONLY_OP_NAMES: readonly string[] = [" + ", ".join(f'"{n}"' for n in tfjs_only) + "];",
    ]
    lines += [
        "",
        f"/** TFLite BuiltinOperator enum of TensorFlow {live} (index = code; \"\" = unused code). */",
        "export const TFLITE_BUILTIN_NAMES: readonly string[] = [",
    ]
    for i in range(0, len(builtins), 6):
        lines.append("  " + " ".join(f'"{b}",' for b in builtins[i:i + 6]))
    lines += ["];", ""]
    with open(args.out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    print(f"{len(names)} ops ({sum(1 for n in names if 'live' in ops[n])} installed), {len(builtins)} TFLite builtin codes -> {args.out}")
    if args.classes:
        write_classes(args.out, args.classes_out, args.coverage_out, args.facts_dir)


if __name__ == "__main__":
    main()
