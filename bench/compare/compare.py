#!/usr/bin/env python3
"""Side-by-side comparison: graphwarden vs modelscan vs modelaudit (vs saved_model_cli scan on SavedModels).

Usage: python3 bench/compare/compare.py [--corpus DIR --labels FILE]... [--no-doc] [--skip-fixtures]
       (npm run compare [-- --corpus DIR --labels FILE] builds first)
Writes docs/comparison.md (generated; never edit by hand) and prints the same tables.

Corpus: fixtures named in fixtures/**/manifest.json(l) (labels from the manifests), examples/
(labels from a manifest there, else from the name), ../shared/corpus/realworld/ (all benign), and any
--corpus DIR with a labels file (JSON {"relpath": "malicious|benign"}, a JSON list of {path, label},
or lines "relpath,label"). Every sample is copied into one temporary tree and each tool scans that
tree ONCE, as a user scanning the corpus would, so wall times are comparable; findings are given
back to samples by path. Tools are pinned, each in its own venv (tests/oracle/venvs.py).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "tests" / "oracle"))
import oracle  # noqa: E402
import venvs  # noqa: E402

DOC = REPO / "docs" / "comparison.md"
RAW = venvs.CACHE.parent / "compare-last.json"  # the last run's per-sample results (--rerender)
MERGED: list[str] = []  # tools rerun with --merge (said on the page)
REALWORLD = Path(os.environ.get("GW_REALWORLD", REPO.parent / "shared" / "corpus" / "realworld"))
SEV = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}
FLAG_AT = SEV["medium"]
TOOLS = ("graphwarden", "modelscan", "modelaudit", "modelaudit-notf", "saved_model_cli")
# modelaudit-notf: the same modelaudit release installed without its TensorFlow extra (as `pip install modelaudit`
# gives it): the comparison shows which verdicts the extra changes.
QUIET_ENV = {"PROMPTFOO_DISABLE_TELEMETRY": "1", "NO_ANALYTICS": "1", "TF_CPP_MIN_LOG_LEVEL": "3",
             "CUDA_VISIBLE_DEVICES": "", "PYTHONDONTWRITEBYTECODE": "1"}


# ------------------------------------------------------------------ corpus

def read_labels(path: Path) -> dict[str, str]:
    text = path.read_text()
    try:
        doc = json.loads(text)
        if isinstance(doc, dict):
            return {str(k): str(v).lower() for k, v in doc.items()}
        return {str(e.get("path") or e.get("file")): str(e.get("label")).lower() for e in doc if isinstance(e, dict)}
    except ValueError:
        out = {}
        for line in text.splitlines():
            if line.strip() and not line.startswith("#"):
                p, _, lab = line.rpartition(",")
                out[p.strip()] = lab.strip().lower()
        return out


def name_label(name: str) -> str:
    return "malicious" if re.search(r"malicious|evil|attack|canary|payload|exploit", name, re.I) else "benign"


def collect(args) -> list[dict]:
    samples: list[dict] = []
    if args.only_corpus:
        args.skip_fixtures = True
    if not args.skip_fixtures:
        for fx in oracle.load_fixtures(""):
            if fx["exists"]:
                samples.append({"group": "fixtures", "rel": fx["id"], "src": Path(fx["path"]), "label": fx["label"], "kind": fx["kind"]})
    ex = REPO / "examples"
    if ex.is_dir() and not args.only_corpus:
        man = {}
        for m in ex.glob("*"):
            if m.name.lower() in ("manifest.json", "manifest.jsonl", "labels.json", "labels.txt"):
                man.update(read_labels(m) if m.suffix != ".jsonl" else {json.loads(x).get("path") or json.loads(x).get("file"): oracle.label_of(json.loads(x)) for x in m.read_text().splitlines() if x.strip()})
        for p in sorted(ex.iterdir()):
            if p.name.startswith(".") or p.name.lower() in ("manifest.json", "manifest.jsonl", "labels.json", "labels.txt", "readme.md"):
                continue
            samples.append({"group": "examples", "rel": f"examples/{p.name}", "src": p, "label": man.get(p.name) or name_label(p.name), "kind": oracle.sniff(p)})
    if REALWORLD.is_dir() and not args.only_corpus:
        for p in sorted(REALWORLD.iterdir()):
            if p.is_dir():
                samples.append({"group": "realworld", "rel": f"realworld/{p.name}", "src": p, "label": "benign", "kind": _kind_in(p)})
    for i, (d, lab) in enumerate(zip(args.corpus, args.labels + [None] * len(args.corpus))):
        root = Path(d)
        labels = read_labels(Path(lab)) if lab else {p.name: "unknown" for p in root.iterdir()}
        for rel, label in sorted(labels.items()):
            src = root / rel
            if src.exists():
                samples.append({"group": f"corpus{i + 1}", "rel": f"corpus{i + 1}/{rel}", "src": src, "label": label, "kind": oracle.sniff(src)})
    return samples


def _kind_in(folder: Path) -> str:
    k = oracle.sniff(folder)
    if k != "dir":
        return k
    files = [p for p in folder.rglob("*") if p.is_file() and not p.name.lower().startswith("readme")]
    if any(p.name in ("saved_model.pb", "saved_model.pbtxt") for p in files):
        return "savedmodel"
    return oracle.sniff(files[0]) if len(files) == 1 else "dir"


def materialise(samples: list[dict], root: Path) -> None:
    for s in samples:
        dst = root / s["rel"]
        dst.parent.mkdir(parents=True, exist_ok=True)
        if s["src"].is_dir():
            shutil.copytree(s["src"], dst, symlinks=True)
        else:
            shutil.copy2(s["src"], dst, follow_symlinks=False)
        s["path"] = dst


def owner(samples_by_rel: list[tuple[str, dict]], rel: str) -> dict | None:
    """Longest sample whose relative path is a prefix of rel (rel may carry ':member' or ' (pos 40)' suffixes)."""
    for srel, s in samples_by_rel:
        if rel == srel or rel.startswith(srel + "/") or rel.startswith(srel + ":") or rel.startswith(srel + " ") or rel.startswith(srel + "!"):
            return s
    return None


# ------------------------------------------------------------------ tools

def timed(cmd: list[str], env: dict | None = None, timeout: int = 3600, cwd: Path | None = None) -> tuple[subprocess.CompletedProcess, float]:
    t0 = time.monotonic()
    p = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env={**os.environ, **QUIET_ENV, **(env or {})}, cwd=cwd)
    return p, time.monotonic() - t0


def new_result() -> dict:
    return {"sev": [], "errors": [], "scanned": False}


def run_graphwarden(root: Path, paths: list[Path] | None = None) -> tuple[dict[str, dict], float, str]:
    cli = REPO / "dist" / "cli" / "main.js"
    args = [str(p) for p in paths] if paths else [str(root)]
    p, secs = timed(["node", str(cli), "scan", *args, "--format", "json", "--no-hash", "--fail-on", "none"])
    try:
        rep = json.loads(p.stdout)
    except ValueError:
        return {}, secs, f"no JSON report (exit {p.returncode}): {(p.stderr or p.stdout)[-300:]}"
    out: dict[str, dict] = {}

    def rel(path: str) -> str:
        try:
            return Path(path).resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            return path

    for t in rep.get("targets", []):
        r = out.setdefault(rel(t["path"]), new_result())
        r["scanned"] = r["scanned"] or t.get("status") == "scanned"
        if t.get("status") == "error":
            r["errors"].append("target error")
    for f in rep.get("findings", []):
        loc = f.get("location", {})
        out.setdefault(rel(loc.get("path", "")), new_result())["sev"].append(f.get("severity", "info"))
    for e in rep.get("errors", []):
        out.setdefault(rel(e.get("path", "")), new_result())["errors"].append(str(e.get("message", ""))[:120])
    return out, secs, ""


def run_modelscan(py: Path, root: Path) -> tuple[dict[str, dict], float, str]:
    ms = py.parent / "modelscan"
    with tempfile.TemporaryDirectory(prefix="gw-cmp-ms-") as t:
        outf = Path(t) / "ms.json"
        p, secs = timed([str(ms), "-p", str(root), "-r", "json", "-o", str(outf), "--show-skipped", "-l", "ERROR"], cwd=Path(t))
        if not outf.exists():
            return {}, secs, f"no JSON report (exit {p.returncode}): {p.stderr[-300:]}"
        rep = json.loads(outf.read_text())
    base = Path(rep.get("summary", {}).get("absolute_path") or root)

    def rel(src: str) -> str:
        s = src.split(":")[0] if not Path(src).exists() else src
        q = (base / s) if not os.path.isabs(s) else Path(s)
        try:
            return q.resolve().relative_to(root.resolve()).as_posix() + src[len(s):]
        except ValueError:
            return src

    out: dict[str, dict] = {}
    for f in rep.get("summary", {}).get("scanned", {}).get("scanned_files", []):
        out.setdefault(rel(f), new_result())["scanned"] = True
    for i in rep.get("issues", []):
        out.setdefault(rel(i.get("source", "")), new_result())["sev"].append(str(i.get("severity", "medium")).lower())
    for e in rep.get("errors", []):
        if e.get("category") == "DEPENDENCY":
            continue
        out.setdefault(rel(e.get("source", "")), new_result())["errors"].append(str(e.get("description", ""))[:120])
    return out, secs, ""


MA_SEV = {"critical": "critical", "high": "high", "warning": "medium", "medium": "medium", "low": "low", "info": "info", "debug": "info"}
MA_ERR = re.compile(r"unable to|failed to|could not|cannot|error|corrupt|invalid|truncat|timed? ?out|too large|exceed", re.I)


def _modelaudit_once(ma: Path, target: Path, root: Path) -> tuple[dict[str, dict] | None, float, str]:
    with tempfile.TemporaryDirectory(prefix="gw-cmp-ma-") as t:
        outf = Path(t) / "ma.json"
        p, secs = timed([str(ma), "scan", str(target), "--format", "json", "--no-cache", "-o", str(outf), "-q"], env={"HOME": t}, cwd=Path(t))
        if not outf.exists():
            sig = f"signal {-p.returncode}" if p.returncode < 0 else f"exit {p.returncode}"
            return None, secs, f"no JSON report ({sig})"
        rep = json.loads(outf.read_text())
    rr = str(root.resolve())

    def rel(loc: str) -> str:
        loc = loc or ""
        if loc.startswith(rr + "/"):
            return loc[len(rr) + 1:]
        if loc.startswith(str(root) + "/"):
            return loc[len(str(root)) + 1:]
        return loc

    out: dict[str, dict] = {}
    for f in (rep.get("file_metadata") or {}):
        out.setdefault(rel(f), new_result())["scanned"] = True
    for i in rep.get("issues", []):
        sev = MA_SEV.get(str(i.get("severity", "")).lower(), "medium")
        r = out.setdefault(rel(str(i.get("location", ""))), new_result())
        if sev == "info" and MA_ERR.search(str(i.get("message", ""))):
            r["errors"].append(str(i.get("message", ""))[:120])
        else:
            r["sev"].append(sev)
    return out, secs, ""


def run_modelaudit(py: Path, root: Path, samples: list[dict] | None = None) -> tuple[dict[str, dict], float, str]:
    """One scan of the whole tree; if modelaudit dies without a report (TensorFlow 2.21 has crashed it with
    SIGSEGV), the tree is scanned folder by folder, and a folder that still crashes sample by sample: the
    sample that crashes it is recorded as an error of modelaudit, the others keep their verdicts."""
    ma = py.parent / "modelaudit"
    got, secs, err = _modelaudit_once(ma, root, root)
    if got is not None or not samples:
        return got or {}, secs, err
    out: dict[str, dict] = {}
    crashed: list[str] = []
    paths = {s["path"].resolve(): s for s in samples}

    def walk(d: Path) -> None:
        nonlocal secs
        part, t, e = _modelaudit_once(ma, d, root)
        secs += t
        if part is not None:
            out.update(part)
            return
        for child in sorted(d.iterdir()):
            s = paths.get(child.resolve())
            if s is not None:
                one, t2, e2 = _modelaudit_once(ma, child, root)
                secs += t2
                if one is None:
                    crashed.append(s["rel"])
                    out.setdefault(s["rel"], new_result())["errors"].append(f"modelaudit died: {e2}")
                else:
                    out.update(one)
            elif child.is_dir():
                walk(child)

    for child in sorted(root.iterdir()):
        if child.is_dir():
            walk(child)
    return out, secs, f"whole-tree scan died ({err}); rescanned folder by folder, samples that crash it: {', '.join(crashed) or 'none'}"


def run_saved_model_cli(py: Path, dirs: list[tuple[str, Path]]) -> tuple[dict[str, dict], float, str]:
    cli = py.parent / "saved_model_cli"
    out: dict[str, dict] = {}
    total = 0.0
    for rel, d in dirs:
        p, secs = timed([str(cli), "scan", "--dir", str(d)], timeout=600)
        total += secs
        r = out.setdefault(rel, new_result())
        text = p.stdout + p.stderr
        if p.returncode != 0:
            r["errors"].append(text.strip().splitlines()[-1][:120] if text.strip() else f"exit {p.returncode}")
            continue
        r["scanned"] = True
        for m in re.finditer(r"contains the following denylisted ops: (.*)", text):
            r["sev"].append("high")
            r.setdefault("ops", []).append(m.group(1)[:120])
    return out, total, ""


# ------------------------------------------------------------------ verdicts and tables

def verdict(r: dict | None) -> tuple[str, str]:
    """(verdict, top severity)."""
    if r is None:
        return "not scanned", "-"
    top = max(r["sev"], key=lambda s: SEV.get(s, -1), default="-")
    if top != "-" and SEV.get(top, 0) >= FLAG_AT:
        return "flagged", top
    if r["errors"]:
        return "error", top
    if not r["scanned"] and not r["sev"]:
        return "not scanned", "-"
    return "quiet", top


def attribute(samples: list[dict], raw: dict[str, dict]) -> dict[str, dict]:
    by_rel = sorted(((s["rel"], s) for s in samples), key=lambda x: -len(x[0]))
    out: dict[str, dict] = {}
    for rel, r in raw.items():
        s = owner(by_rel, rel)
        if not s:
            continue
        acc = out.setdefault(s["rel"], new_result())
        acc["sev"] += r["sev"]
        acc["errors"] += r["errors"]
        acc["scanned"] = acc["scanned"] or r["scanned"] or bool(r["sev"])
    return out


def cell(v: tuple[str, str]) -> str:
    verdict_, top = v
    if verdict_ == "flagged":
        return f"**flagged** ({top})"
    if verdict_ == "quiet":
        return "quiet" + (f" ({top})" if top != "-" else "")
    return verdict_


def main() -> int:
    ap = argparse.ArgumentParser(description="graphwarden vs other scanners")
    ap.add_argument("--corpus", action="append", default=[], help="extra folder of samples")
    ap.add_argument("--labels", action="append", default=[], help="labels file for the matching --corpus")
    ap.add_argument("--skip-fixtures", action="store_true")
    ap.add_argument("--only-corpus", action="store_true", help="scan only the --corpus folders (not fixtures, examples, realworld)")
    ap.add_argument("--no-doc", action="store_true", help=f"do not write {DOC.relative_to(REPO)}")
    ap.add_argument("--tools", default=",".join(TOOLS))
    ap.add_argument("--rerender", action="store_true", help=f"render the last run again from {RAW} (no tool is run)")
    ap.add_argument("--merge", action="store_true", help=f"run only --tools and merge their results into the last run ({RAW})")
    a = ap.parse_args()
    tools = [t for t in a.tools.split(",") if t in TOOLS]
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    samples = collect(a)
    log(f"[compare] {len(samples)} samples: " + ", ".join(f"{g} {sum(1 for s in samples if s['group'] == g)}" for g in dict.fromkeys(s["group"] for s in samples)))
    envs = {e.name: e for e in venvs.COMPARE_ENVS + venvs.ORACLE_ENVS}
    results: dict[str, dict[str, dict]] = {}
    times: dict[str, float] = {}
    failures: dict[str, str] = {}
    if a.rerender:
        last = json.loads(RAW.read_text())
        results, times, failures, tools = last["results"], last["times"], last["failures"], last["tools"]
        MERGED[:] = last.get("merged") or []
        return finish(a, samples, results, times, failures, tools, log)
    with tempfile.TemporaryDirectory(prefix="gw-compare-") as t:
        root = Path(t) / "corpus"
        root.mkdir()
        materialise(samples, root)
        sm_dirs = [(s["rel"], s["path"]) for s in samples if s["kind"] == "savedmodel" and s["path"].is_dir()]
        for tool in tools:
            log(f"[compare] running {tool} ...")
            if tool == "graphwarden":
                raw, secs, err = run_graphwarden(root)
                if sm_dirs and "saved_model_cli" in tools:
                    _, times["graphwarden@savedmodel"], _ = run_graphwarden(root, [p for _, p in sm_dirs])
            elif tool == "modelscan":
                raw, secs, err = run_modelscan(venvs.ensure(envs["compare-modelscan"], log), root)
            elif tool == "modelaudit":
                raw, secs, err = run_modelaudit(venvs.ensure(envs["compare-modelaudit"], log), root, samples)
            elif tool == "modelaudit-notf":
                raw, secs, err = run_modelaudit(venvs.ensure(envs["compare-modelaudit-notf"], log), root, samples)
            else:
                raw, secs, err = run_saved_model_cli(venvs.ensure(envs["gen"], log), sm_dirs)
                raw = {rel: r for rel, r in raw.items()}
            results[tool] = attribute(samples, raw)
            times[tool] = secs
            if err:
                failures[tool] = err
            log(f"[compare] {tool}: {secs:.1f}s{' (' + err + ')' if err else ''}")
    if a.merge and RAW.exists():
        last = json.loads(RAW.read_text())
        for k in ("results", "times", "failures"):
            last[k].update(locals()[k])
        for tl in tools:
            if tl not in failures:
                last["failures"].pop(tl, None)
        results, times, failures = last["results"], last["times"], last["failures"]
        last["merged"] = sorted(set(last.get("merged", [])) | set(tools))
        tools = [tl for tl in TOOLS if tl in last["tools"] or tl in tools]
    RAW.parent.mkdir(parents=True, exist_ok=True)
    merged = last.get("merged", []) if a.merge and RAW.exists() else []
    RAW.write_text(json.dumps({"results": results, "times": times, "failures": failures, "tools": tools, "merged": merged}))
    MERGED[:] = merged
    return finish(a, samples, results, times, failures, tools, log)


def finish(a, samples, results, times, failures, tools, log) -> int:
    text = render(samples, results, times, failures, tools)
    print(text)
    if not a.no_doc:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        DOC.write_text(text)
        log(f"[compare] wrote {DOC.relative_to(REPO)}")
    return 0


def summary(samples, results, times, tools) -> list[dict]:
    rows = []
    for tool in tools:
        applicable = [s for s in samples if tool != "saved_model_cli" or s["kind"] == "savedmodel"]
        v = {s["rel"]: verdict(results.get(tool, {}).get(s["rel"])) for s in applicable}
        mal = [s for s in applicable if s["label"] == "malicious"]
        ben = [s for s in applicable if s["label"] == "benign"]
        host = [s for s in applicable if s["label"] == "hostile"]
        base = times.get("graphwarden@savedmodel" if tool == "saved_model_cli" else "graphwarden") or 0
        rows.append({
            "tool": tool, "n": len(applicable),
            "caught": sum(1 for s in mal if v[s["rel"]][0] == "flagged"), "mal": len(mal),
            "quiet": sum(1 for s in ben if v[s["rel"]][0] != "flagged"), "ben": len(ben),
            "hostile": sum(1 for s in host if v[s["rel"]][0] in ("flagged", "error")), "hostn": len(host),
            "errors": sum(1 for s in applicable if (results.get(tool, {}).get(s["rel"]) or {}).get("errors")),
            "unscanned": sum(1 for s in applicable if v[s["rel"]][0] == "not scanned"),
            "secs": times.get(tool, 0.0), "ratio": (times.get(tool, 0.0) / base) if base else float("nan"),
        })
    return rows


def category(s: dict) -> str:
    return s["rel"].split("/")[0] + "/" + s["rel"].split("/")[1] if s["group"] == "fixtures" else s["group"]


def extra_sections(samples, results, tools) -> list[str]:
    """What modelaudit's TensorFlow extra changes, and agreement with the labels per category."""
    L: list[str] = []
    v = {t: {x["rel"]: verdict(results.get(t, {}).get(x["rel"]))[0] for x in samples} for t in tools}
    flagged = lambda t, x: v[t][x["rel"]] == "flagged"  # noqa: E731
    if "modelaudit" in tools and "modelaudit-notf" in tools:
        changed = [x for x in samples if v["modelaudit"][x["rel"]] != v["modelaudit-notf"][x["rel"]]]
        flips = [x for x in changed if flagged("modelaudit", x) != flagged("modelaudit-notf", x)]
        def cnt(pred):
            return sum(1 for x in samples if pred(x))
        L += ["", "## What modelaudit's TensorFlow extra changes", "",
              f"modelaudit with `[tensorflow]` vs the same release without it, on the same {len(samples)} samples: "
              f"{len(changed)} verdicts differ ({len(flips)} of them between flagged and not flagged; the rest between quiet, error and not scanned).",
              f"Malicious caught: {cnt(lambda x: x['label'] == 'malicious' and flagged('modelaudit-notf', x))} without, "
              f"{cnt(lambda x: x['label'] == 'malicious' and flagged('modelaudit', x))} with; benign flagged: "
              f"{cnt(lambda x: x['label'] == 'benign' and flagged('modelaudit-notf', x))} without, {cnt(lambda x: x['label'] == 'benign' and flagged('modelaudit', x))} with.", ""]
        if changed:
            L += ["| sample | label | without the extra | with the extra |", "|---|---|---|---|"]
            for x in changed:
                L.append(f"| `{x['rel']}` | {x['label']} | {cell(verdict(results.get('modelaudit-notf', {}).get(x['rel'])))} | {cell(verdict(results.get('modelaudit', {}).get(x['rel'])))} |")
    cats = list(dict.fromkeys(category(x) for x in samples))
    L += ["", "## Agreement with the labels, by category", "",
          "Per category: malicious caught / malicious, benign kept quiet / benign (hostile and unlabelled samples left out;",
          "saved_model_cli only on SavedModels).", "",
          "| category | " + " | ".join(tools) + " |", "|---|" + "---|" * len(tools)]
    for c in cats:
        row = [c]
        for t in tools:
            sub = [x for x in samples if category(x) == c and (t != "saved_model_cli" or x["kind"] == "savedmodel")]
            mal = [x for x in sub if x["label"] == "malicious"]
            ben = [x for x in sub if x["label"] == "benign"]
            if not mal and not ben:
                row.append("·")
                continue
            parts = []
            if mal:
                parts.append(f"{sum(1 for x in mal if flagged(t, x))}/{len(mal)} caught")
            if ben:
                parts.append(f"{sum(1 for x in ben if not flagged(t, x))}/{len(ben)} quiet")
            row.append(", ".join(parts))
        L.append("| " + " | ".join(row) + " |")
    if "graphwarden" in tools:
        peers = [t for t in tools if t != "graphwarden" and t != "saved_model_cli"]
        mal_gw_only = [x for x in samples if x["label"] == "malicious" and flagged("graphwarden", x) and not any(flagged(t, x) for t in peers)]
        mal_missed_gw = [x for x in samples if x["label"] == "malicious" and not flagged("graphwarden", x)]
        ben_peer = [x for x in samples if x["label"] == "benign" and any(flagged(t, x) for t in peers)]
        L += ["", f"Malicious samples that graphwarden flags and no other scanner here ({', '.join(peers)}) flags: {len(mal_gw_only)}."
              f" Malicious samples graphwarden misses: {len(mal_missed_gw)}" + (" (" + ", ".join(f"`{x['rel']}`" + (" - flagged by " + ", ".join(t for t in peers if flagged(t, x)) if any(flagged(t, x) for t in peers) else "") for x in mal_missed_gw) + ")" if mal_missed_gw else "") + ".",
              "", f"Benign samples (twins, examples, real-world models) flagged by at least one other scanner: {len(ben_peer)}"
              f" ({sum(1 for x in ben_peer if x['group'] == 'realworld')} of them real-world models)."]
    return L


def render(samples, results, times, failures, tools) -> str:
    import importlib.metadata  # noqa: F401  (versions come from the pins)
    pins = {e.name: " ".join(e.pins) for e in venvs.COMPARE_ENVS}
    L = ["# graphwarden next to other scanners", "",
         "Generated by `bench/compare/compare.py` (`npm run compare`); never edit by hand.", "",
         "Every sample is copied into one temporary tree and each tool scans that tree once (saved_model_cli: once per",
         "SavedModel folder, the only input it takes), so wall times come from the same run on the same machine.",
         f"A sample counts as **flagged** when a tool reports something at medium or above (modelaudit `warning` = medium;",
         "saved_model_cli: any denylisted op = high). `not scanned` = the tool skipped the sample or does not read its format.", "",
         "Tools: graphwarden (this repository, `node dist/cli/main.js scan --format json --no-hash`); "
         f"modelscan (`{pins.get('compare-modelscan', '')}`, `modelscan -p DIR -r json`); "
         f"modelaudit (`{pins.get('compare-modelaudit', '')}`, `modelaudit scan DIR --format json --no-cache`, telemetry off); "
         f"modelaudit-notf (the same release without the TensorFlow extra: `{pins.get('compare-modelaudit-notf', '')}`); "
         "saved_model_cli (tensorflow-cpu 2.20.0, `saved_model_cli scan --dir`, SavedModels only).", "",
         "## Totals", "",
         "| tool | samples | malicious caught | benign kept quiet | hostile flagged or errored | samples with errors | not scanned | wall time | vs graphwarden |",
         "|---|---|---|---|---|---|---|---|---|"]
    for r in summary(samples, results, times, tools):
        ratio = "1.00x" if r["tool"] == "graphwarden" else (f"{r['ratio']:.2f}x" if r["ratio"] == r["ratio"] else "-")
        if r["tool"] == "saved_model_cli":
            ratio += " (vs graphwarden on the same SavedModels)"
        L.append(f"| {r['tool']} | {r['n']} | {r['caught']}/{r['mal']} | {r['quiet']}/{r['ben']} | {r['hostile']}/{r['hostn']} | {r['errors']} | {r['unscanned']} | {r['secs']:.1f} s | {ratio} |")
    groups = list(dict.fromkeys(s["group"] for s in samples))
    if len(groups) > 1:
        L += ["", "By corpus (the fixtures were written alongside graphwarden's rules, so they favour it; `realworld` is an",
              "independent set of published models, all benign, and measures false alarms only):", "",
              "| corpus | tool | malicious caught | benign kept quiet | samples with errors | not scanned |", "|---|---|---|---|---|---|"]
        for g in groups:
            sub = [x for x in samples if x["group"] == g]
            for r in summary(sub, results, times, tools):
                if r["n"]:
                    L.append(f"| {g} | {r['tool']} | {r['caught']}/{r['mal']} | {r['quiet']}/{r['ben']} | {r['errors']} | {r['unscanned']} |")
    if failures:
        L += ["", "Tool failures in this run:", ""] + [f"- {k}: {v}" for k, v in failures.items()]
    if MERGED:
        L += ["", f"Some tools of this page were rerun later and merged (`--merge`: {', '.join(MERGED)}); their wall times come from",
              "a different moment on a shared machine, so the time ratios are indicative only; the verdicts are per sample."]
    L += extra_sections(samples, results, tools)
    L += ["", "## Misses and false alarms", ""]
    for tool in tools:
        applicable = [x for x in samples if tool != "saved_model_cli" or x["kind"] == "savedmodel"]
        miss = [x["rel"] for x in applicable if x["label"] == "malicious" and verdict(results.get(tool, {}).get(x["rel"]))[0] != "flagged"]
        fa = [x["rel"] for x in applicable if x["label"] == "benign" and verdict(results.get(tool, {}).get(x["rel"]))[0] == "flagged"]
        for what, lst in (("malicious not flagged", miss), ("benign flagged", fa)):
            shown = ", ".join(f"`{r}`" for r in lst)
            L.append(f"- {tool}, {what} ({len(lst)}): {shown or 'none'}")
    for group in dict.fromkeys(s["group"] for s in samples):
        L += ["", f"## {group}", "", "| sample | label | " + " | ".join(tools) + " |", "|---|---|" + "---|" * len(tools)]
        for s in (x for x in samples if x["group"] == group):
            cells = []
            for tool in tools:
                if tool == "saved_model_cli" and s["kind"] != "savedmodel":
                    cells.append("·")
                    continue
                cells.append(cell(verdict(results.get(tool, {}).get(s["rel"]))))
            L.append(f"| `{s['rel']}` | {s['label']} | " + " | ".join(cells) + " |")
    L.append("")
    return "\n".join(L)


if __name__ == "__main__":
    sys.exit(main())
