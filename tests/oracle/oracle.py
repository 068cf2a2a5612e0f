#!/usr/bin/env python3
"""Oracle tier: load every manifest fixture with real frameworks, watch the canaries, and check
that graphwarden's `trigger` and `affectedVersions` agree with what the loaders really did.

Usage: python3 tests/oracle/oracle.py [--only SUBSTR] [--no-cache] [--no-scan] [--write-doc]
       (npm run oracle = build + this with --write-doc)
Exit: 0 all agree; 1 a disagreement (printed as a diff); 2 the harness itself failed.
Writes docs/ground-truth.md (generated; never edit by hand).
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import venvs  # noqa: E402
import resolver_diff  # noqa: E402
import canaries  # noqa: E402

REPO = venvs.REPO
RUNNER = Path(__file__).resolve().parent / "runner.py"
RESULT_CACHE = venvs.CACHE.parent / "oracle-results.json"
# Oracle-side extras per fixture id (things a manifest cannot express yet): files to plant before the load
# ({"plant": {"/abs/dest": "repo/relative/src"}}), extra paths whose reads count as a canary ("readPaths"),
# "needs": "tensorflow" (skip numpy-backend runtimes), "oracleIgnore": [runtime labels], "envCanary": {"NAME": "value"}
# (environment variables set for the load; a nonzero prediction is the observation: for a payload whose only effect
# is reading the process environment into the model's output).
OVERRIDES = Path(__file__).resolve().parent / "overrides.json"
DOC = REPO / "docs" / "ground-truth.md"
PHASES = ("load", "inference")
RANK = {"critical": 4, "high": 3, "medium": 2, "low": 1, "info": 0}

# ------------------------------------------------------------------ fixtures from manifests

FORMAT_KIND = {
    "keras-zip": "keras-v3", "keras-v3": "keras-v3", "keras": "keras-v3",
    "keras-h5": "keras-h5", "h5": "keras-h5", "hdf5": "keras-h5",
    "keras-json": "config-json", "config-json": "config-json", "json": "config-json",
    "savedmodel": "savedmodel", "saved-model": "savedmodel",
    "graphdef": "graphdef", "frozen-graph": "graphdef", "metagraph": "metagraph", "meta": "metagraph",
    "tflite": "tflite",
}


def sniff(p: Path) -> str:
    if p.is_dir():
        if (p / "saved_model.pb").exists() or (p / "saved_model.pbtxt").exists():
            return "savedmodel"
        return "dir"
    try:
        head = p.open("rb").read(2048)
    except OSError:
        return "missing"
    if head[:2] == b"PK":
        return "keras-v3"
    for off in (0, 512, 1024):
        if head[off:off + 8] == b"\x89HDF\r\n\x1a\n":
            return "keras-h5"
    if head[4:8] == b"TFL3":
        return "tflite"
    if head[:1] in (b"{", b"["):
        return "tfjs" if b"modelTopology" in head or b"weightsManifest" in head else "config-json"
    if head[:1] == b"\x80":
        return "pickle"
    if p.suffix == ".meta":
        return "metagraph"
    if p.suffix == ".pb":
        return "graphdef"
    return "unknown"


def kind_of(entry: dict, p: Path) -> str:
    fmt = entry.get("format") or entry.get("kind")
    fmt = fmt.lower() if isinstance(fmt, str) else ""
    if "weights" in fmt:
        return "weights"
    sniffed = sniff(p)
    if fmt in ("benign", "malicious", "hostile", ""):
        return sniffed
    k = FORMAT_KIND.get(fmt)
    if k is None:
        return sniffed if sniffed in ("pickle", "savedmodel") else f"other:{fmt}"
    # Content wins over the manifest's word where both are Keras (a .keras that is HDF5 inside loads as HDF5).
    if k in ("keras-v3", "keras-h5", "config-json") and sniffed in ("keras-v3", "keras-h5", "pickle"):
        return sniffed
    return k


SEV_WORDS = ("critical", "high", "medium")


def label_from_expect(x) -> str:
    """Reads a free-text expectation ('quiet', 'high GW502 ... inference', 'GW401 critical', 'nothing above low')."""
    if isinstance(x, dict):
        if x.get("maxSeverity") in ("low", "info", "none"):
            return "benign"
        return "malicious" if x.get("minSeverity") in SEV_WORDS else "unknown"
    t = str(x or "").lower()
    if not t:
        return "unknown"
    if "quiet" in t or "nothing above" in t or re.match(r"^\s*(info|low)\b", t):
        return "benign"
    if any(re.search(rf"\b{w}\b", t) for w in SEV_WORDS):
        return "malicious"
    if "error" in t or "exit 2" in t:
        return "hostile"
    return "unknown"


def trigger_from_expect(x) -> str | None:
    m = re.findall(r"\b(load|inference|training|unknown)\b", str(x or "").lower())
    return m[-1] if m else None


def label_of(e: dict) -> str:
    kind = str(e.get("kind", "")).lower()
    if kind in ("benign", "malicious", "hostile"):
        return kind
    if "label" not in e and "malicious" not in e:
        return label_from_expect(e.get("expect"))
    lab = e.get("label")
    if isinstance(lab, str):
        return "malicious" if lab.lower() in ("malicious", "evil", "bad") else "benign" if lab.lower() in ("benign", "good", "clean") else lab.lower()
    if isinstance(e.get("malicious"), bool):
        return "malicious" if e["malicious"] else "benign"
    return "unknown"


def load_fixtures(only: str) -> list[dict]:
    out = []
    over = json.loads(OVERRIDES.read_text()) if OVERRIDES.exists() else {}
    manifests = sorted(p for p in REPO.glob("fixtures/**/*") if p.is_file() and p.name.lower() in ("manifest.json", "manifest.jsonl"))
    for m in manifests:
        try:
            if m.suffix.lower() == ".jsonl":
                entries = [json.loads(x) for x in m.read_text().splitlines() if x.strip()]
            else:
                doc = json.loads(m.read_text())
                entries = doc if isinstance(doc, list) else doc.get("entries") or doc.get("fixtures") or []
        except ValueError as e:
            print(f"[oracle] skipping unreadable manifest {m.relative_to(REPO)}: {e}", file=sys.stderr)
            continue
        by_name = {str(e.get("file") or e.get("path") or e.get("name")): e for e in entries if isinstance(e, dict)}
        for e in entries:
            if not isinstance(e, dict):
                continue
            same = re.match(r"same as (\S+)", str(e.get("expect", "")))
            if same and same.group(1) in by_name:
                e = {**e, "expect": by_name[same.group(1)].get("expect")}
            rel = e.get("file") or e.get("path") or e.get("name")
            if not isinstance(rel, str):
                continue
            p = (m.parent / rel) if (m.parent / rel).exists() else (REPO / rel)
            rp = p.relative_to(REPO).as_posix() if p.exists() and p.resolve().is_relative_to(REPO) else str(p)
            if only and only not in rp:
                continue
            canary = e.get("canary")
            extra = ["/tmp/gw-canary*", "/tmp/graphwarden-canary/*"]
            if isinstance(canary, dict):
                extra += [x for x in (canary.get("paths") or [canary.get("path")]) if isinstance(x, str)]
            elif isinstance(canary, str) and canary.startswith("/"):
                extra += [canary]
            text = " ".join(str(e.get(k, "")) for k in ("description", "what", "note", "expect")).lower()
            twin = e.get("twin") if isinstance(e.get("twin"), str) else None
            if not twin:
                guess = p.name.replace(".twin.", ".", 1) if ".twin." in p.name else (p.stem + ".twin" + p.suffix)
                twin = guess if (p.parent / guess).exists() and guess != p.name else None
            # a twin is named like the file: relative to the manifest first, then to the fixture's folder
            tp = ((m.parent / twin) if (m.parent / twin).exists() else (p.parent / twin)) if twin else None
            out.append({
                "id": rp, "path": str(p), "exists": p.exists(), "label": label_of(e),
                "twin": tp.relative_to(REPO).as_posix() if tp and tp.exists() and tp.resolve().is_relative_to(REPO) else None,
                "kind": kind_of(e, p) if p.exists() else "missing",
                "canary": bool(canary) or (label_of(e) == "malicious" and "canary" in text),
                "canaryPaths": sorted(set(extra)),
                "manifestTrigger": e.get("trigger") or trigger_from_expect(e.get("expect")),
                "needs": e.get("needs") or e.get("backend"),
                "oracleIgnore": e.get("oracleIgnore") or [],
                "handBuilt": bool(e.get("handBuilt") or e.get("hand_built") or "hand" in str(e.get("generator", "")) + str(e.get("made_by", "")).lower()),
                "description": str(e.get("description") or e.get("what") or e.get("note") or "")[:160],
                "declared": canaries.from_manifest(e),
                "noLoad": e.get("noLoad") if isinstance(e.get("noLoad"), str) and e["noLoad"].strip() else None,
            })
            o = over.get(rp) or {}
            if o:
                out[-1]["plant"] = {d: str(REPO / src) for d, src in (o.get("plant") or {}).items()}
                out[-1]["readPaths"] = list(o.get("readPaths") or [])
                if isinstance(o.get("envCanary"), dict):
                    out[-1]["envCanary"] = {str(k): str(v) for k, v in o["envCanary"].items()}
                out[-1]["needs"] = o.get("needs") or out[-1]["needs"]
                out[-1]["oracleIgnore"] = list(o.get("oracleIgnore") or out[-1]["oracleIgnore"])
                # {"error": regex, "why": reason}: the payload runs but cannot act in the matrix (a dependency it needs
                # is absent). A runtime is excused only when every run there failed with that error.
                if isinstance(o.get("cannotFire"), dict):
                    out[-1]["cannotFire"] = o["cannotFire"]
    return out


def digest(p: Path) -> str:
    h = hashlib.sha256()
    files = sorted(x for x in p.rglob("*") if x.is_file()) if p.is_dir() else [p]
    for f in files:
        h.update(f.relative_to(p).as_posix().encode() if p.is_dir() else b"")
        h.update(f.read_bytes())
    return h.hexdigest()


# ------------------------------------------------------------------ runtimes

def runtimes() -> list[dict]:
    out = []
    for env in venvs.ORACLE_ENVS:
        for label, family, version, backend in env.runtimes:
            out.append({"label": label, "family": family, "version": version, "backend": backend, "env": env.name})
    return out


def applies(rt: dict, fx: dict) -> bool:
    k, fam = fx["kind"], rt["family"]
    if rt["label"] in fx["oracleIgnore"]:
        return False
    if k in ("keras-h5", "keras-v3", "config-json"):
        if fam == "keras" and rt["backend"] != "tensorflow" and fx.get("needs") in ("tensorflow", ["tensorflow"]):
            return False
        return fam in ("keras", "tf-keras")
    if k == "savedmodel":
        return fam == "tensorflow" or (fam == "tf-keras" and (Path(fx["path"]) / "keras_metadata.pb").exists())
    if k in ("graphdef", "metagraph", "tflite"):
        return fam == "tensorflow"
    return False


def modes(rt: dict, fx: dict) -> list[str]:
    if fx["kind"] in ("keras-h5", "keras-v3", "config-json") or (fx["kind"] == "savedmodel" and rt["family"] == "tf-keras"):
        return ["on", "off"]
    return ["n/a"]


# Keras picks its loader by the file name's suffix (an HDF5 file named .keras is refused by Keras 3), so the
# same bytes under another suffix are another observation.
USUAL_SUFFIXES = {"keras-h5": (".h5", ".hdf5"), "keras-v3": (".keras",)}


def name_key(fx: dict) -> str:
    usual = USUAL_SUFFIXES.get(fx["kind"])
    return "" if usual is None or Path(fx["path"]).name.endswith(usual) else f"|suffix={Path(fx['path']).suffix}"


def run_matrix(fixtures: list[dict], use_cache: bool, log) -> dict[tuple[str, str], list[dict]]:
    """Returns {(fixture id, runtime label): [result per safe mode]}."""
    runner_hash = hashlib.sha256(RUNNER.read_bytes()).hexdigest()[:16]
    cache = {}
    if use_cache and RESULT_CACHE.exists():
        try:
            cache = json.loads(RESULT_CACHE.read_text())
        except ValueError:
            cache = {}
    results: dict[tuple[str, str], list[dict]] = {}
    needed = {rt["env"] for rt in runtimes() for fx in fixtures if fx["exists"] and applies(rt, fx)}
    venvs.ensure_all(tuple(e for e in venvs.ORACLE_ENVS if e.name in needed), log)
    digests = {fx["id"]: digest(Path(fx["path"])) for fx in fixtures if fx["exists"]}
    for rt in runtimes():
        todo = []
        for fx in fixtures:
            if not fx["exists"] or not applies(rt, fx):
                continue
            extra = json.dumps([fx["canaryPaths"], fx.get("plant"), fx.get("readPaths")] + ([fx["envCanary"]] if fx.get("envCanary") else []), sort_keys=True)
            key = f"{runner_hash}|{rt['label']}|{digests[fx['id']]}|{fx['kind']}|{extra}{name_key(fx)}"
            if key in cache:
                results[(fx["id"], rt["label"])] = cache[key]
            else:
                todo.append((fx, key))
        if not todo:
            continue
        py = venvs.ensure(next(e for e in venvs.ORACLE_ENVS if e.name == rt["env"]), log)
        t0 = time.monotonic()
        with tempfile.TemporaryDirectory(prefix="gw-oracle-jobs-") as t:
            jobs = [{"id": fx["id"], "path": fx["path"], "kind": fx["kind"], "modes": modes(rt, fx), "canaryPaths": fx["canaryPaths"],
                     "plant": fx.get("plant") or {}, "readPaths": fx.get("readPaths") or [], "envCanary": fx.get("envCanary") or {}} for fx, _ in todo]
            jf, rf = Path(t) / "jobs.json", Path(t) / "results.json"
            jf.write_text(json.dumps({"runtime": rt, "jobs": jobs, "timeout": 180}))
            env = {k: v for k, v in os.environ.items() if not k.startswith("GW_CANARY")}
            env.update({"KERAS_BACKEND": rt["backend"], "CUDA_VISIBLE_DEVICES": "", "TF_CPP_MIN_LOG_LEVEL": "3",
                        "PYTHONDONTWRITEBYTECODE": "1", "TF_ENABLE_ONEDNN_OPTS": "0"})
            p = subprocess.run([str(py), str(RUNNER), str(jf), str(rf)], env=env, capture_output=True, text=True, timeout=3600)
            if p.returncode != 0 or not rf.exists():
                raise RuntimeError(f"runner failed in {rt['label']}: {p.stderr[-2000:]}")
            got = json.loads(rf.read_text())["results"]
        by_id: dict[str, list[dict]] = {}
        for r in got:
            by_id.setdefault(r["id"], []).append(r)
        for fx, key in todo:
            results[(fx["id"], rt["label"])] = cache[key] = by_id.get(fx["id"], [])
        log(f"[oracle] {rt['label']}: {len(todo)} fixtures in {time.monotonic() - t0:.1f}s")
    if use_cache:
        RESULT_CACHE.parent.mkdir(parents=True, exist_ok=True)
        RESULT_CACHE.write_text(json.dumps(cache))
    return results


# ------------------------------------------------------------------ what one run observed

def fired_phase(r: dict) -> str | None:
    """Earliest phase in which any canary fired in one load+predict run."""
    for ph in PHASES:
        if r.get("files", {}).get(ph) or ph in r.get("socket", []) or r.get("secret") == ph or r.get("reads", {}).get(ph) or r.get("envRead") == ph:
            return ph
    if r.get("secret") == "stdout" or "after" in r.get("socket", []):
        return "inference"
    return None


def outcome(r: dict) -> str:
    ph = fired_phase(r)
    if ph:
        return ph.upper()
    if r.get("crash"):
        return "crash"
    if r.get("load") != "ok":
        return "refused"
    if r.get("predict") != "ok":
        return "loaded"
    return "clean"


# Loader errors that mean "this runtime cannot read this kind of file at all" (not a safety refusal).
INCOMPATIBLE = re.compile(
    r"could not locate class|parent module .* cannot be imported|"
    r"unrecognized keyword arguments|argument\(s\) not recognized|error when deserializing class 'inputlayer'|"
    r"unable to create a tf-keras model from savedmodel|no model config found|only currently supported with the tensorflow backend|"
    r"unknown layer: '(tfoplambda|keraslayer)'|select tensorflow op\(s\), included in the given model, is\(are\) not supported", re.I)


def cannot_read(rs: list[dict]) -> bool:
    """Every load failed because the runtime cannot read the file, or the load with safe_mode=False (the
    loader's furthest attempt) did: a safe-mode refusal that comes first says nothing about the payload
    then (a file written by a newer Keras whose layer configs an older one rejects)."""
    if all(INCOMPATIBLE.search(str(r.get("load") or "")) for r in rs):
        return True
    offs = [r for r in rs if r.get("safe") == "off"]
    return bool(offs) and all(INCOMPATIBLE.search(str(r.get("load") or "")) for r in offs)


def readable(fx: dict, rt_label: str, rs: list[dict], results: dict) -> bool:
    """Can this runtime read files of this kind? The benign twin decides when there is one; otherwise the error's wording."""
    if any(fired_phase(r) or r.get("load") == "ok" for r in rs):
        return True
    if cannot_read(rs):
        return False
    if fx.get("twin"):
        trs = results.get((fx["twin"], rt_label))
        if trs:
            return any(r.get("load") == "ok" for r in trs)
    return True


def observed_class(rs: list[dict]) -> str:
    """Per runtime: safe (fires with safe mode on or where the loader has none), unsafe-only, never."""
    by = {r["safe"]: fired_phase(r) for r in rs}
    if by.get("on") or by.get("n/a"):
        return "safe"
    if by.get("off"):
        return "unsafe-only"
    return "never"


# ------------------------------------------------------------------ what graphwarden claims

FAMILY_WORDS = [("tf-keras", r"tf[-_.]?keras"), ("tensorflow", r"tensorflow|\btf\b"), ("keras", r"keras")]


def _vt(s: str) -> tuple[int, ...]:
    return tuple(int(x) for x in re.findall(r"\d+", s)[:3])


def _cmp_prefix(v: tuple[int, ...], bound: tuple[int, ...]) -> int:
    """Compares v with bound on bound's length (3.8 matches every 3.8.x)."""
    a = v[:len(bound)] + (0,) * max(0, len(bound) - len(v))
    return (a > bound) - (a < bound)


def parse_claim(s: str) -> dict | None:
    """'keras>=3.0,<3.9', 'keras 3.0-3.8', 'tf-keras (safe_mode ignored)', 'keras 3.x (safe_mode=False)', 'all'."""
    low = s.lower().strip()
    unsafe = bool(re.search(r"safe[_ ]mode\s*(=|:)?\s*(false|off)|unsafe", low))
    fam = None
    for name, rx in FAMILY_WORDS:
        if re.search(rx, low):
            fam = name
            low = re.sub(rx, " ", low, count=1)
            break
    low = re.sub(r"\(.*?\)", " ", low)
    specs = []
    for part in re.split(r"[,;]| and ", low):
        part = part.strip()
        if not part or part in ("all", "*", "any", "every"):
            continue
        m = re.match(r"^(>=|<=|==|>|<|=|~=)?\s*v?(\d+(?:\.\d+)*)(?:\.x|\.\*)?\s*(?:(?:-|–|to|\.\.)\s*v?(\d+(?:\.\d+)*))?(\+)?", part)
        if not m:
            continue
        op, a, b, plus = m.groups()
        if b:
            specs += [(">=", _vt(a)), ("<=", _vt(b))]
        elif plus:
            specs.append((">=", _vt(a)))
        else:
            specs.append((op or "==", _vt(a)))
    # The family word decides: "keras<3.0" is the multi-backend Keras 1/2 package (no runtime in the matrix),
    # tf-keras is named as such. Mapping one onto the other double-counts claims that name both.
    if fam is None and not specs and not re.search(r"\ball\b|\*", s.lower()):
        return None
    return {"family": fam, "specs": specs, "unsafe": unsafe, "text": s}


def _specs_ok(specs: list, v: tuple[int, ...]) -> bool:
    for op, b in specs:
        d = _cmp_prefix(v, b)
        if not {">=": d >= 0, "<=": d <= 0, ">": d > 0, "<": d < 0, "==": d == 0, "=": d == 0, "~=": d >= 0}[op]:
            return False
    return True


def claim_matches(c: dict, rt: dict) -> bool:
    fam = rt["family"]
    if c["family"] and c["family"] != fam and not (c["family"] == "tensorflow" and fam == "tf-keras"):
        return False
    return _specs_ok(c["specs"], _vt(rt["version"]))


def scan(fixtures: list[dict]) -> dict[str, dict]:
    """Runs the built CLI once per fixture; returns {id: report subset}."""
    cli = REPO / "dist" / "cli" / "main.js"
    out = {}
    for fx in fixtures:
        if not fx["exists"]:
            continue
        p = subprocess.run(["node", str(cli), "scan", fx["path"], "--format", "json", "--no-hash", "--fail-on", "none"],
                           capture_output=True, text=True, timeout=300, cwd=REPO)
        try:
            rep = json.loads(p.stdout)
        except ValueError:
            out[fx["id"]] = {"error": (p.stderr or p.stdout)[-300:], "findings": []}
            continue
        out[fx["id"]] = {"findings": rep.get("findings", []), "errors": rep.get("errors", []), "exit": p.returncode}
    return out


def claimed(rep: dict) -> dict:
    fs = [f for f in rep.get("findings", []) if RANK.get(f.get("severity"), 0) >= RANK["medium"]]
    trig = [f.get("trigger") for f in fs if f.get("trigger") in ("load", "inference", "training")]
    order = {"load": 0, "inference": 1, "training": 2}
    versions = sorted({v for f in fs for v in (f.get("affectedVersions") or [])})
    top = max((f.get("severity") for f in rep.get("findings", [])), key=lambda s: RANK.get(s, -1), default="none")
    return {
        "trigger": min(trig, key=order.get) if trig else ("unknown" if fs else "none"),
        "versions": versions,
        "parsed": [c for c in (parse_claim(v) for v in versions) if c],
        "unparsed": [v for v in versions if not parse_claim(v)],
        "top": top,
        "rules": sorted({f.get("rule") for f in fs}),
    }


# ------------------------------------------------------------------ comparison

def compare(fixtures, results, reports, rts) -> tuple[list[str], list[str], dict]:
    fails, notes, rows = [], [], {}
    for fx in fixtures:
        fid = fx["id"]
        per = {rt["label"]: results.get((fid, rt["label"])) for rt in rts}
        per = {k: v for k, v in per.items() if v}
        unreadable = sorted(k for k, v in per.items() if not readable(fx, k, v, results))
        fired = {k: min((fired_phase(r) for r in v if fired_phase(r)), key=PHASES.index, default=None) for k, v in per.items()}
        first = min((p for p in fired.values() if p), key=PHASES.index, default=None)
        rep = reports.get(fid)
        cl = claimed(rep) if rep else None
        rows[fid] = {"fired": first, "claim": cl, "unreadable": unreadable}
        if not fx["exists"]:
            fails.append(f"{fid}: listed in a manifest but missing on disk")
            continue
        if fx["label"] == "benign":
            for k, rs in per.items():
                for r in rs:
                    if fired_phase(r):
                        fails.append(f"{fid} [{k}, safe_mode {r['safe']}]: benign fixture fired a canary at {fired_phase(r)}")
            if per and not any(r.get("load") == "ok" and r.get("predict") == "ok" for rs in per.values() for r in rs):
                # A benign fixture (a twin above all) that no runtime loads proves nothing: it must say why.
                why = fx.get("noLoad") or (canaries.load_twins().get(fid) or {}).get("noLoad")
                if why:
                    rows.setdefault("__noload__", {})[fid] = why
                else:
                    fails.append(f"{fid}: benign fixture did not load and predict in any runtime of the matrix and gives no reason"
                                 f" (manifest noLoad or tests/oracle/twins.json) ({_errs(per)})")
            if cl and RANK.get(cl["top"], -1) > RANK["low"]:
                fails.append(f"{fid}: benign fixture, graphwarden reports {cl['top']} ({', '.join(cl['rules'])})")
            continue
        if fx["label"] != "malicious" or not per:
            continue
        if fx["canary"] and not first:
            if len(unreadable) == len(per):
                notes.append(f"{fid}: not observable: no runtime in the matrix can read it ({_errs(per)})")
            else:
                notes.append(f"{fid}: canary never fired in any runtime or mode ({_errs(per)})")
        if cl is None:
            continue
        if rep.get("error"):
            fails.append(f"{fid}: graphwarden did not produce a report: {rep['error']}")
            continue
        if first:
            if cl["trigger"] in ("none",):
                fails.append(f"{fid}: observed canary at {first}; graphwarden reports nothing at medium or above")
            elif cl["trigger"] == "unknown":
                notes.append(f"{fid}: observed {first}; graphwarden says trigger unknown")
            elif cl["trigger"] != first and not (fx.get("envCanary") and first == "inference" and cl["trigger"] == "load"):
                # (an environment canary is seen in the prediction only: a read made while loading shows at inference)
                fails.append(f"{fid}: trigger: observed {first}; graphwarden claims {cl['trigger']}")
        if cl["unparsed"]:
            notes.append(f"{fid}: affectedVersions not understood by the oracle: {cl['unparsed']}")
        if not cl["parsed"]:
            if first:
                notes.append(f"{fid}: fired in {', '.join(k for k, v in fired.items() if v)}; graphwarden gives no affectedVersions")
            continue
        for rt in rts:
            rs = per.get(rt["label"])
            if not rs or rt["label"] in unreadable:
                continue
            obs = observed_class(rs)
            m = [c for c in cl["parsed"] if claim_matches(c, rt)]
            claim_cls = "never" if not m else "safe" if any(not c["unsafe"] for c in m) else "unsafe-only"
            cf = fx.get("cannotFire")
            if obs == "never" and claim_cls != "never" and cf and all(re.search(cf["error"], str(r.get("load") or "") + " " + str(r.get("predict") or "")) for r in rs):
                notes.append(f"{fid} [{rt['label']}]: graphwarden says it fires ({_cls_words(claim_cls)}); the payload ran and stopped at"
                             f" /{cf['error']}/ in every run here: {cf['why']}")
                continue
            if obs != claim_cls:
                fails.append(f"{fid} [{rt['label']}]: observed {_cls_words(obs)}; graphwarden claims {_cls_words(claim_cls)}"
                             f" (affectedVersions {cl['versions']})" + (f"; errors: {_errs({rt['label']: rs})}" if obs == "never" else ""))
    return fails, notes, rows


def _cls_words(c: str) -> str:
    return {"safe": "fires with default settings (safe mode on)", "unsafe-only": "fires only with safe_mode=False",
            "never": "never fires"}[c]


def _errs(per: dict) -> str:
    msgs = sorted({(r.get("crash") or (r.get("load") if r.get("load") != "ok" else r.get("predict")) or "")[:330]
                   for rs in per.values() for r in rs} - {"", "ok"})
    return "; ".join(msgs[:3]) or "no error"


# ------------------------------------------------------------------ the generated page

def cell(rs: list[dict] | None) -> str:
    if rs is None:
        return "·"
    by = {r["safe"]: outcome(r) for r in rs}
    vals = set(by.values())
    if len(vals) == 1:
        return _fmt(next(iter(vals)))
    return " / ".join(f"{'safe' if k == 'on' else 'unsafe'}: {_fmt(v)}" for k, v in sorted(by.items(), key=lambda kv: kv[0] != "on"))


def _fmt(o: str) -> str:
    return f"**{o}**" if o in ("LOAD", "INFERENCE") else o


def write_doc(fixtures, results, rows, rts, fails, notes, seconds, scanned: bool) -> str:
    L = ["# Ground truth: what real loaders do with each fixture", "",
         "Generated by `tests/oracle/oracle.py` (`npm run oracle`); never edit by hand.", "",
         "Each fixture named in a `fixtures/**/manifest.json` is loaded by the real framework in a forked child",
         "with a throwaway HOME, TMPDIR and working folder, once with safe mode on and once with it off where",
         "the loader has one, then `predict` is called once on zeros. A canary fires when the payload writes",
         "`$GW_CANARY` (or a file named `*canary*` in the sandbox, `/tmp/gw-canary*`, `/tmp/graphwarden-canary/*`),",
         "connects to the harness's loopback listener, or reads the secret planted at `$GW_CANARY_SECRET` or",
         "`/etc/passwd` (a Python-level open, or the secret showing up in an output or a lookup vocabulary), or",
         "opens the secret, `/etc/passwd`, `~/.ssh` or a planted path from native code, directly or through a symlink",
         "(TensorFlow's C++ kernels, libhdf5: each loader child runs under strace when it is installed).",
         "`tests/oracle/selftest.py` checks each kind of canary before the matrix runs.", "",
         "Cells: **LOAD** / **INFERENCE** = the canary fired in that phase; `clean` = loaded and predicted, no canary;",
         "`loaded` = loaded, predict failed, no canary; `refused` = the loader raised (reason below); `crash` = the",
         "loader process died or timed out; `·` = this runtime does not read this format. `safe: X / unsafe: Y` when",
         "the two safe modes differ.", "",
         "The agreement check leaves out, per fixture, the runtimes that cannot read it at all (every load failed",
         "with a missing class, module or backend, or the benign twin does not load there either); safety",
         "refusals count as \"never fires\". graphwarden's columns: the earliest trigger and the union of",
         "`affectedVersions` of its findings at medium or above.", "",
         "## Runtimes", "", "| runtime | environment | backend |", "|---|---|---|"]
    for rt in rts:
        L.append(f"| {rt['label']} | `~/.cache/graphwarden/venvs/{rt['env']}` | {rt['backend']} |")
    L += ["", "## Matrix", ""]
    head = ["fixture", "label"] + [rt["label"] for rt in rts] + (["graphwarden trigger", "graphwarden versions"] if scanned else [])
    L.append("| " + " | ".join(head) + " |")
    L.append("|" + "---|" * len(head))
    reasons: dict[str, int] = {}
    foot = []
    for fx in fixtures:
        row = [f"`{fx['id']}`", fx["label"]]
        for rt in rts:
            rs = results.get((fx["id"], rt["label"]))
            c = cell(rs)
            errs = sorted({r.get("crash") or r.get("load") for r in (rs or []) if (r.get("crash") or r.get("load") != "ok") and not fired_phase(r)} - {None})
            for e in errs:
                if e not in reasons:
                    reasons[e] = len(reasons) + 1
                    foot.append(f"{reasons[e]}. {e}")
            if errs:
                c += " " + "".join(f"[{reasons[e]}]" for e in errs)
            row.append(c)
        if scanned:
            cl = rows.get(fx["id"], {}).get("claim")
            row += [cl["trigger"] if cl else "-", ", ".join(cl["versions"]) if cl and cl["versions"] else "-"]
        L.append("| " + " | ".join(row) + " |")
    if foot:
        L += ["", "### Loader errors", ""] + [f.replace("|", "\\|") for f in foot]
    skipped = [fx for fx in fixtures if not any(results.get((fx["id"], rt["label"])) for rt in rts)]
    if skipped:
        L += ["", "## Not observable by this oracle", ""]
        L += [f"- `{fx['id']}` ({fx['kind']}): no runtime in the matrix loads this format" for fx in skipped]
    cc = rows.get("__canaries__")
    if cc:
        L += ["", "## Declared canaries", "",
              "Every malicious fixture declares the canary it must fire, or why none can (manifest `canary` /",
              "`noCanary`, or `tests/oracle/canaries.json`). A declared canary that never fires, or does not fire in",
              "a runtime where graphwarden's affectedVersions say the payload executes, is a disagreement.", "",
              "| | fixtures |", "|---|---|"] + [f"| {k} | {v} |" for k, v in cc.items()]
        unexplained = sum(1 for fx in fixtures if fx["label"] == "malicious" and "not yet explained" in str((canaries.load().get(fx["id"]) or {}).get("none", "")))
        L += ["", f"Reasons that only record what the loaders did (\"observed, not yet explained\", each a disagreement): {unexplained}."]
        nc = [(fx["id"], (canaries.declaration(fx, canaries.load()) or {}).get("none")) for fx in fixtures if fx["label"] == "malicious" and fx["exists"]]
        nc = [(k, v) for k, v in nc if v]
        if nc:
            L += ["", "Why no canary can fire, per fixture:", ""] + [f"- `{k}`: {v}" for k, v in nc]
    nl = rows.get("__noload__") or {}
    benign_seen = sum(1 for fx in fixtures if fx["label"] == "benign" and any(results.get((fx["id"], rt["label"])) for rt in rts))
    L += ["", "## Benign fixtures no runtime loads", "",
          f"Of {benign_seen} benign fixtures some runtime of the matrix applies to, {len(nl)} load and predict in none; each",
          "says why (manifest `noLoad` or `tests/oracle/twins.json`), and one that does not is a disagreement. Their",
          "malicious twins' version claims are then checked against the malicious fixture's own errors only.", ""]
    L += [f"- `{k}`: {v}" for k, v in sorted(nl.items())]
    L += ["", "## Agreement with graphwarden", ""]
    if not scanned:
        L.append("Not checked in this run (`--no-scan`).")
    elif not fails:
        L.append(f"All {len(fixtures)} fixtures agree.")
    else:
        L += [f"{len(fails)} disagreement(s):", ""] + [f"- {f}" for f in fails]
    if notes:
        L += ["", "Notes (not failures):", ""] + [f"- {n}" for n in notes]
    L += ["", f"Oracle wall time of the run that wrote this page: {seconds:.0f} s (cached results reused where the fixture and runner were unchanged).", ""]
    return "\n".join(L)


def main() -> int:
    ap = argparse.ArgumentParser(description="graphwarden oracle tier")
    ap.add_argument("--only", default="")
    ap.add_argument("--no-cache", action="store_true", help="reload every fixture even if cached results exist")
    ap.add_argument("--no-scan", action="store_true", help="only build the load/canary matrix")
    ap.add_argument("--write-doc", action="store_true", help=f"write {DOC.relative_to(REPO)}")
    ap.add_argument("--no-selftest", action="store_true", help="skip the canary self-test (selftest.py)")
    ap.add_argument("--declare", action="store_true", help="write canary declarations missing from tests/oracle/canaries.json from the observed matrix")
    a = ap.parse_args()
    t0 = time.monotonic()
    log = lambda m: print(m, file=sys.stderr, flush=True)  # noqa: E731
    fixtures = load_fixtures(a.only)
    if not fixtures:
        log("[oracle] no manifest fixtures found")
        return 2
    log(f"[oracle] {len(fixtures)} fixtures from manifests")
    if not a.no_selftest:
        st = subprocess.run([sys.executable, str(Path(__file__).resolve().parent / "selftest.py")], capture_output=True, text=True)
        log("[oracle] " + (st.stdout.strip().splitlines() or ["selftest: no output"])[-1])
        if st.returncode != 0:
            log(st.stdout + st.stderr[-1500:])
            return 2
    rts = runtimes()
    try:
        results = run_matrix(fixtures, not a.no_cache, log)
    except (RuntimeError, subprocess.SubprocessError) as e:
        log(f"[oracle] harness failure: {e}")
        return 2
    reports = {} if a.no_scan else scan(fixtures)
    fails, notes, rows = compare(fixtures, results, reports, rts)
    # Declared canaries (tests/oracle/canaries.py): a canary that must fire and does not is a failure.
    if a.declare:
        log(f"[oracle] declared {canaries.declare_missing(fixtures, results, rts, fired_phase=fired_phase, errs=_errs)} missing canaries in {canaries.FILE.relative_to(REPO)}")
    cfails, cnotes, ccounts = canaries.check(fixtures, results, reports, rts, fired_phase=fired_phase, claimed=claimed, claim_matches=claim_matches, errs=_errs,
                                                incompatible=lambda e: bool(INCOMPATIBLE.search(e)))
    fails += cfails
    notes += cnotes
    rows["__canaries__"] = ccounts
    if a.no_scan:
        fails = [f for f in fails if "graphwarden" not in f]
    rd = None  # the Keras resolver differential (tests/oracle/resolver_diff.py)
    if not a.only and not a.no_scan:
        try:
            rd = resolver_diff.run(log=log)
        except (RuntimeError, subprocess.SubprocessError) as e:
            log(f"[oracle] resolver differential failed: {e}")
            return 2
        if rd["disagree"] or rd["audit"]:
            fails.append(f"resolver differential: {rd['disagree']} disagreement(s), {rd['audit']} forbidden audit event(s)")
    secs = time.monotonic() - t0
    if a.write_doc and not a.only:
        DOC.parent.mkdir(parents=True, exist_ok=True)
        extra = f"\n## Resolver differential\n\n{resolver_diff.summary_line(rd)}\n" if rd else ""
        DOC.write_text(write_doc(fixtures, results, rows, rts, fails, notes, secs, not a.no_scan) + extra)
        log(f"[oracle] wrote {DOC.relative_to(REPO)}")
    for n in notes:
        print(f"note: {n}")
    if fails:
        print(f"\noracle: {len(fails)} disagreement(s) between what loaders did and what graphwarden claims:")
        for f in fails:
            print(f"  - {f}")
    if rd:
        print(resolver_diff.summary_line(rd))
    obs = sum(1 for fx in fixtures if any(results.get((fx['id'], rt['label'])) for rt in rts))
    bad = {re.split(r" \[|: ", f, maxsplit=1)[0] for f in fails}
    print(f"oracle: {len(fixtures)} fixtures, {obs} observed by a loader, {len(fails)} disagreement(s), {secs:.0f}s")
    cc = rows.get("__canaries__") or {}
    print(f"oracle: canaries: {cc.get('must fire', 0)} must fire, {cc.get('fired', 0)} fired, {cc.get('none (reason given)', 0)} explained why none can;"
          f" benign fixtures loaded by no runtime (reason given): {len(rows.get('__noload__') or {})}")
    print(f"oracle: {len(fixtures) - len(bad)} passed, {len(bad)} failed")
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
