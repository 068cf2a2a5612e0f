"""Declared canaries: every malicious fixture says which canary it must fire, or why none can.

A declaration comes from the fixture's manifest entry ("canary": {...} fires; "noCanary": "reason")
or, for manifests written before this rule, from tests/oracle/canaries.json
({"<fixture id>": {"fires": true} | {"none": "reason"}}; `python3 tests/oracle/oracle.py
--declare` fills in missing ones from the observed matrix, never overwriting a written one).
The oracle FAILS when
  - a malicious fixture declares nothing, or declares "observed, not yet explained" (no reason);
  - a fixture that must fire never fired in any runtime or safe mode;
  - graphwarden says a fixture executes in a runtime (its affectedVersions match that runtime) and
    the declared canary did not fire there, whatever the benign twin did (a twin that loads nowhere
    no longer switches this check off). Only the fixture's own errors can excuse a runtime: when
    every load there failed because the runtime cannot read this kind of file at all (a class or
    module of another Keras generation, a missing backend), the claim is an over-claim and a note.
"""
from __future__ import annotations

import json
from pathlib import Path

FILE = Path(__file__).resolve().parent / "canaries.json"
# Benign fixtures that no runtime of the matrix can load, and why ({"<fixture id>": {"noLoad": "reason"}}).
TWINS = Path(__file__).resolve().parent / "twins.json"


def load_twins() -> dict[str, dict]:
    try:
        return json.loads(TWINS.read_text())
    except (OSError, ValueError):
        return {}


def load() -> dict[str, dict]:
    try:
        return json.loads(FILE.read_text())
    except (OSError, ValueError):
        return {}


def from_manifest(entry: dict) -> dict | None:
    if isinstance(entry.get("noCanary"), str) and entry["noCanary"].strip():
        return {"none": entry["noCanary"].strip()}
    c = entry.get("canary")
    if isinstance(c, (dict, str)) and c:
        return {"fires": True}
    return None


def declaration(fx: dict, table: dict[str, dict]) -> dict | None:
    d = fx.get("declared") or table.get(fx["id"])
    if not isinstance(d, dict):
        return None
    if d.get("fires") is True:
        return {"fires": True}
    if isinstance(d.get("none"), str) and d["none"].strip():
        return {"none": d["none"].strip()}
    return None


def check(fixtures, results, reports, rts, *, fired_phase, claimed, claim_matches, errs, incompatible) -> tuple[list[str], list[str], dict]:
    """Returns (fails, notes, counts) for the declared-canary rules."""
    table = load()
    fails: list[str] = []
    notes: list[str] = []
    counts = {"malicious": 0, "must fire": 0, "fired": 0, "none (reason given)": 0, "undeclared": 0}
    for fx in fixtures:
        if fx["label"] != "malicious" or not fx["exists"]:
            continue
        fid = fx["id"]
        counts["malicious"] += 1
        d = declaration(fx, table)
        per = {rt["label"]: results.get((fid, rt["label"])) for rt in rts}
        per = {k: v for k, v in per.items() if v}
        fired_in = {k for k, v in per.items() if any(fired_phase(r) for r in v)}
        if d is None:
            counts["undeclared"] += 1
            fails.append(f"{fid}: malicious fixture declares no canary and no reason why none can fire (manifest canary/noCanary or tests/oracle/canaries.json)")
            continue
        if "none" in d:
            counts["none (reason given)"] += 1
            if "not yet explained" in d["none"]:
                fails.append(f"{fid}: no canary fired and the declaration only records it (\"{d['none'][:100]}...\"): explain why none can, or fix the fixture")
            if fired_in:
                notes.append(f"{fid}: declared that no canary can fire ({d['none'][:120]}), yet it fired in {', '.join(sorted(fired_in))}: declare it")
            continue
        counts["must fire"] += 1
        if fired_in:
            counts["fired"] += 1
        else:
            fails.append(f"{fid}: declared canary never fired in any runtime or safe mode ({errs(per) if per else 'no runtime of the matrix applies'})")
            continue
        rep = reports.get(fid)
        if not rep or rep.get("error"):
            continue
        cl = claimed(rep)
        for rt in rts:
            rs = per.get(rt["label"])
            if not rs or rt["label"] in fired_in:
                continue
            if any(claim_matches(c, rt) for c in cl["parsed"]):
                offs = [r for r in rs if r.get("safe") == "off"]
                if all(incompatible(str(r.get("load") or "")) for r in rs) or (offs and all(incompatible(str(r.get("load") or "")) for r in offs)):
                    notes.append(f"{fid} [{rt['label']}]: graphwarden says it executes here (affectedVersions {cl['versions']}), but this runtime cannot read the file ({errs({rt['label']: rs})[:200]})")
                    continue
                fails.append(f"{fid} [{rt['label']}]: graphwarden says it executes here (affectedVersions {cl['versions']}); the declared canary did not fire ({errs({rt['label']: rs})})")
    return fails, notes, counts


def declare_missing(fixtures, results, rts, *, fired_phase, errs) -> int:
    """Writes a declaration for every malicious fixture that has none, from what the matrix observed."""
    table = load()
    added = 0
    for fx in fixtures:
        if fx["label"] != "malicious" or not fx["exists"] or declaration(fx, table):
            continue
        per = {rt["label"]: results.get((fx["id"], rt["label"])) for rt in rts}
        per = {k: v for k, v in per.items() if v}
        if any(fired_phase(r) for v in per.values() for r in v):
            table[fx["id"]] = {"fires": True}
        elif not per:
            table[fx["id"]] = {"none": f"no runtime of the matrix loads this kind of file ({fx['kind']}): the payload is for another reader"}
        else:
            table[fx["id"]] = {"none": f"observed, not yet explained: every runtime refused or failed before the payload ran ({errs(per)[:300]})"}
        added += 1
    FILE.write_text(json.dumps(dict(sorted(table.items())), indent=1) + "\n")
    return added
