"""Pinned Python environments for the oracle tier and the comparison (cached, created when missing).

Each environment lives in ~/.cache/graphwarden/venvs/<name> and carries a stamp file with the
exact pin list it was built from; a changed pin list rebuilds it. Python here is a test oracle
only: nothing in the product imports or runs it.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

CACHE = Path(os.environ.get("GW_VENV_CACHE", Path.home() / ".cache" / "graphwarden" / "venvs"))
REPO = Path(__file__).resolve().parents[2]

# Newest Keras 3 release when the matrix was last bumped (`pip index versions keras`).
KERAS_NEWEST = "3.15.1"


@dataclass(frozen=True)
class Env:
    name: str
    pins: tuple[str, ...]
    # Runtimes (loader families) this environment provides to the oracle: (label, family, version, backend).
    runtimes: tuple[tuple[str, str, str, str], ...] = field(default_factory=tuple)
    # Reuse an environment made by another script when it has these pins (the fixture generator's).
    shared_with: str | None = None


def _keras3(version: str, extra: tuple[str, ...] = ()) -> Env:
    # The numpy backend imports jax (and scipy from 3.10) at import time.
    return Env(
        name=f"oracle-keras-{version}",
        pins=(f"keras=={version}", "numpy>=2,<2.4", "h5py>=3.10", "scipy>=1.13", "jax==0.4.38", "jaxlib==0.4.38", *extra),
        runtimes=((f"keras {version}", "keras", version, "numpy"),),
    )


ORACLE_ENVS: tuple[Env, ...] = (
    _keras3("3.8.0"),
    _keras3("3.10.0"),
    _keras3("3.11.3"),
    _keras3(KERAS_NEWEST),
    # The fixture generator's environment: tensorflow-cpu + tf-keras 2.x (+ keras 3.11.3 on the TF backend).
    Env(
        name="gen",
        pins=("tensorflow-cpu==2.20.0", "tf-keras==2.20.1", "keras==3.11.3", "h5py", "numpy"),
        runtimes=(("keras 3.11.3/tf", "keras", "3.11.3", "tensorflow"), ("tf-keras 2.20.1", "tf-keras", "2.20.1", "tensorflow"),
                  ("tensorflow 2.20.0", "tensorflow", "2.20.0", "tensorflow")),
        shared_with="tools/fixtures/venv.sh",
    ),
)

COMPARE_ENVS: tuple[Env, ...] = (
    Env(name="compare-modelscan", pins=("modelscan[tensorflow,h5py]==0.8.8", "tensorflow-cpu==2.20.0", "tensorflow==2.20.0", "h5py>=3.10")),
    # The TensorFlow extra lets modelaudit read SavedModels and TF ops: 0.2.54 asks for tensorflow>=2.21,<2.22 on
    # Python 3.11-3.12 (and nothing elsewhere, so the pin below also fails loudly on another Python).
    Env(name="compare-modelaudit", pins=("modelaudit[tensorflow,h5]==0.2.54", "tensorflow==2.21.0", "h5py>=3.10")),
    # The same modelaudit without TensorFlow, as most users install it: the comparison reports which verdicts the extra changes.
    Env(name="compare-modelaudit-notf", pins=("modelaudit[h5]==0.2.54", "h5py>=3.10")),
)


def python_of(env: Env) -> Path:
    return CACHE / env.name / "bin" / "python"


def _stamp(env: Env) -> Path:
    return CACHE / env.name / ".graphwarden-pins.json"


def _has_pins(env: Env) -> bool:
    py = python_of(env)
    if not py.exists():
        return False
    st = _stamp(env)
    if st.exists():
        try:
            return json.loads(st.read_text()) == list(env.pins)
        except ValueError:
            return False
    if env.shared_with:
        # Made by the fixture generator: trust it if pip sees every pinned distribution at its version.
        want = {p.split("==")[0].lower().replace("_", "-"): p.split("==")[1] for p in env.pins if "==" in p}
        out = subprocess.run([str(py), "-m", "pip", "list", "--format", "json"], capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            return False
        have = {d["name"].lower().replace("_", "-"): d["version"] for d in json.loads(out.stdout)}
        return all(have.get(k) == v for k, v in want.items())
    return False


def ensure(env: Env, log=print) -> Path:
    """Returns the environment's python, creating or rebuilding the environment when needed."""
    if _has_pins(env):
        return python_of(env)
    root = CACHE / env.name
    script = REPO / env.shared_with if env.shared_with else None
    t0 = time.monotonic()
    if script and script.exists() and script.suffix == ".sh":
        log(f"[venv] {env.name}: creating with {env.shared_with}")
        subprocess.run(["bash", str(script), str(root)], check=True, cwd=REPO, stdout=subprocess.DEVNULL)
        if _has_pins(env):
            return python_of(env)
    log(f"[venv] {env.name}: creating ({' '.join(env.pins)})")
    if root.exists() and not (root / ".graphwarden-pins.json").exists() and env.shared_with:
        pass  # someone else's half-made environment: install our pins on top rather than deleting it
    elif root.exists():
        shutil.rmtree(root)
    if not python_of(env).exists():
        subprocess.run([sys.executable, "-m", "venv", str(root)], check=True)
    logf = CACHE / f"{env.name}-install.log"
    with logf.open("w") as fh:
        subprocess.run([str(python_of(env)), "-m", "pip", "install", "--quiet", "--upgrade", "pip"], stdout=fh, stderr=subprocess.STDOUT)
        r = subprocess.run([str(python_of(env)), "-m", "pip", "install", *env.pins], stdout=fh, stderr=subprocess.STDOUT)
    if r.returncode != 0:
        raise RuntimeError(f"pip install failed for {env.name}; see {logf}")
    _stamp(env).write_text(json.dumps(list(env.pins)))
    log(f"[venv] {env.name}: ready in {time.monotonic() - t0:.0f}s")
    return python_of(env)


def ensure_all(envs: tuple[Env, ...], log=print) -> dict[str, Path]:
    """Creates the missing environments two at a time (pip is mostly waiting on downloads)."""
    from concurrent.futures import ThreadPoolExecutor

    CACHE.mkdir(parents=True, exist_ok=True)
    with ThreadPoolExecutor(max_workers=2) as pool:
        futs = {e.name: pool.submit(ensure, e, log) for e in envs}
        return {name: f.result() for name, f in futs.items()}


if __name__ == "__main__":
    which = sys.argv[1] if len(sys.argv) > 1 else "oracle"
    ensure_all(ORACLE_ENVS if which == "oracle" else COMPARE_ENVS if which == "compare" else ORACLE_ENVS + COMPARE_ENVS,
               lambda m: print(m, flush=True))
