#!/usr/bin/env python3
"""Self-test of the oracle's canaries: builds six tiny Keras 3 models on the fly (real Keras 3.11.3,
numpy backend) whose Lambdas write the marker, connect to the listener, or read the planted secret
(from Python, or from native code that only the strace watch sees), at load or only at inference,
plus a benign one; runs them through runner.py and checks that each
canary is seen in the right phase and nowhere else. Exit 0 when every canary is seen as expected.
Usage: python3 tests/oracle/selftest.py   (oracle.py runs it first unless --no-selftest)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import venvs  # noqa: E402

HERE = Path(__file__).resolve().parent
ENV = "oracle-keras-3.11.3"

# name -> (lambda source, expected phase or None). The numpy backend runs Lambdas on real arrays while it
# builds the model, so the inference-only case keys on GW_ORACLE_PHASE, which the runner sets before predict.
CASES = {
    "marker-load": ("lambda x: (open(__import__('os').environ['GW_CANARY'], 'w').write('1'), x)[1]", "load"),
    "socket-load": ("lambda x: (__import__('socket').create_connection((__import__('os').environ['GW_CANARY_HOST'], int(__import__('os').environ['GW_CANARY_PORT']))).close(), x)[1]", "load"),
    "secret-load": ("lambda x: (open(__import__('os').environ['GW_CANARY_SECRET']).read(), x)[1]", "load"),
    "socket-inference": ("lambda x: ((__import__('socket').create_connection((__import__('os').environ['GW_CANARY_HOST'], int(__import__('os').environ['GW_CANARY_PORT']))).close() if __import__('os').environ.get('GW_ORACLE_PHASE') == 'inference' else None), x)[1]", "inference"),
    "benign": ("lambda x: x * 2.0", None),
}
# A read from native code (libc open through ctypes) never reaches Python's audit hook: only the strace
# watch sees it, so it is expected to fire only where strace is installed.
NATIVE = {"native-read-load": ("lambda x: (__import__('ctypes').CDLL(None).open(__import__('os').environ['GW_CANARY_SECRET'].encode(), 0), x)[1]",
                               "load" if shutil.which("strace") and os.environ.get("GW_ORACLE_STRACE", "1") != "0" else None)}
CASES.update(NATIVE)

GEN = "\n".join([
    "import sys, keras",
    "CASES = {" + ", ".join(f"{k!r}: {src}" for k, (src, _) in CASES.items()) + "}",
    "for name, fn in CASES.items():",
    "    i = keras.Input(shape=(4,), name='x')",
    "    o = keras.layers.Lambda(fn, name='lam')(i)",
    "    keras.Model(i, keras.layers.Dense(2, name='head')(o)).save(f'{sys.argv[1]}/{name}.keras')",
])


def check_claims() -> list[str]:
    """The affectedVersions grammar the comparison relies on (pure functions, no venv)."""
    from oracle import claim_matches, parse_claim

    k = lambda v: {"family": "keras", "version": v}  # noqa: E731
    tfk = {"family": "tf-keras", "version": "2.20.1"}
    cases = [  # (claim, runtime, matches, unsafe-only)
        ("keras>=3.0,<3.9", k("3.8.0"), True, False), ("keras>=3.0,<3.9", k("3.10.0"), False, False),
        ("keras 3.0-3.10", k("3.10.0"), True, False), ("keras 3.0-3.10", k("3.11.3"), False, False),
        ("keras>=3.0,<3.11.3", k("3.11.3"), False, False), ("keras>=3.0 safe_mode=off", k("3.15.1"), True, True),
        ("keras 3.x (safe_mode=False)", k("3.8.0"), True, True), ("tf-keras>=2.13", tfk, True, False),
        ("tf-keras>=2.13", k("3.8.0"), False, False), ("keras 2.x", tfk, False, False), ("keras<3.0", tfk, False, False), ("keras>=1.0,<3.0", k("3.8.0"), False, False),
        ("keras 3.11+", k("3.15.1"), True, False),
    ]
    bad = []
    for text, rt, match, unsafe in cases:
        c = parse_claim(text)
        if c is None or claim_matches(c, rt) != match or (match and c["unsafe"] != unsafe):
            bad.append(f"claim {text!r} vs {rt['family']} {rt['version']}: expected match={match} unsafe={unsafe}, got {c}")
    return bad


def check_declarations() -> list[str]:
    """The declared-canary rules (canaries.py) on a synthetic matrix (pure functions, no venv)."""
    import canaries
    from oracle import INCOMPATIBLE, claim_matches, claimed, fired_phase, _errs

    rts = [{"label": "keras 3.8.0", "family": "keras", "version": "3.8.0"}, {"label": "tf-keras 2.20.1", "family": "tf-keras", "version": "2.20.1"}]
    fired = {"load": "ok", "files": {"load": ["canary/marker"]}, "safe": "off"}
    quiet = {"load": "ok", "predict": "ok", "files": {}, "safe": "off"}
    alien = {"load": "TypeError: Could not locate class 'Functional'", "files": {}, "safe": "off"}
    fx = lambda i, d: {"id": i, "label": "malicious", "exists": True, "declared": d}  # noqa: E731
    rep = {"findings": [{"severity": "critical", "trigger": "load", "affectedVersions": ["keras>=3.0", "tf-keras>=2.13"], "rule": "GW201"}]}
    fixtures = [fx("ok", {"fires": True}), fx("never", {"fires": True}), fx("undeclared", None), fx("where", {"fires": True}),
                fx("alien", {"fires": True}), fx("none", {"none": "needs TensorFlow 1.x"})]
    results = {("ok", "keras 3.8.0"): [fired], ("ok", "tf-keras 2.20.1"): [fired], ("never", "keras 3.8.0"): [quiet],
               ("where", "keras 3.8.0"): [fired], ("where", "tf-keras 2.20.1"): [quiet],
               ("alien", "keras 3.8.0"): [fired], ("alien", "tf-keras 2.20.1"): [alien], ("none", "keras 3.8.0"): [quiet]}
    fails, notes, _ = canaries.check(fixtures, results, {f["id"]: rep for f in fixtures}, rts, fired_phase=fired_phase, claimed=claimed,
                                     claim_matches=claim_matches, errs=_errs, incompatible=lambda e: bool(INCOMPATIBLE.search(e)))
    failed = sorted({f.split(":")[0].split(" [")[0] for f in fails})
    want = ["never", "undeclared", "where"]
    return [] if failed == want and any(n.startswith("alien [tf-keras") for n in notes) else [f"declared canaries: expected failures {want}, got {failed} (notes {notes})"]


def main() -> int:
    env = next(e for e in venvs.ORACLE_ENVS if e.name == ENV)
    py = venvs.ensure(env, lambda m: print(m, file=sys.stderr))
    with tempfile.TemporaryDirectory(prefix="gw-oracle-selftest-") as t:
        # Generation runs the lambdas symbolically too: give it a throwaway canary environment and listener stand-in.
        genv = {**os.environ, "KERAS_BACKEND": "numpy", "HOME": t, "GW_CANARY": f"{t}/gen-marker",
                "GW_CANARY_SECRET": f"{t}/gen-secret", "GW_CANARY_HOST": "127.0.0.1", "GW_CANARY_PORT": "9"}
        Path(f"{t}/gen-secret").write_text("x")
        import socket
        dummy = socket.socket()
        dummy.bind(("127.0.0.1", 0))
        dummy.listen(16)
        genv["GW_CANARY_PORT"] = str(dummy.getsockname()[1])
        g = subprocess.run([str(py), "-c", GEN, t],
                           env=genv, capture_output=True, text=True, timeout=300)
        dummy.close()
        if g.returncode != 0:
            print(f"selftest: generation failed: {g.stderr[-800:]}")
            return 2
        jobs = [{"id": k, "path": f"{t}/{k}.keras", "kind": "keras-v3", "modes": ["off"], "canaryPaths": []} for k in CASES]
        spec = {"runtime": {"label": "keras 3.11.3", "family": "keras", "version": "3.11.3", "backend": "numpy"}, "jobs": jobs, "timeout": 120}
        Path(f"{t}/jobs.json").write_text(json.dumps(spec))
        r = subprocess.run([str(py), str(HERE / "runner.py"), f"{t}/jobs.json", f"{t}/res.json"],
                           env={**os.environ, "KERAS_BACKEND": "numpy"}, capture_output=True, text=True, timeout=600)
        if r.returncode != 0:
            print(f"selftest: runner failed: {r.stderr[-800:]}")
            return 2
        got = {x["id"]: x for x in json.loads(Path(f"{t}/res.json").read_text())["results"]}
    sys.path.insert(0, str(HERE))
    from oracle import fired_phase

    bad = check_claims() + check_declarations()
    for name, (_, want) in CASES.items():
        res = got.get(name, {})
        seen = fired_phase(res)
        if seen != want or (want is None and res.get("predict") != "ok"):
            bad.append(f"{name}: expected {want}, saw {seen} (load={res.get('load')}, predict={res.get('predict')}, "
                       f"files={res.get('files')}, socket={res.get('socket')}, reads={res.get('reads')})")
    for b in bad:
        print(f"selftest: {b}")
    total = len(CASES) + 14
    print(f"selftest: {total - len(bad)} passed, {len(bad)} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
