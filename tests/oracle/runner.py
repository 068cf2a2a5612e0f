"""Oracle runner: loads model fixtures with a real framework and watches harmless canaries fire.

Runs INSIDE a pinned venv (see venvs.py), started by oracle.py as
    python runner.py JOBS.json RESULTS.json
Each job is loaded in its own forked child with a throwaway HOME, TMPDIR and working folder,
once per safe mode where the loader has one, then predicted once. The parent (this process)
is the canary listener: a loopback socket whose address the child sees in GW_CANARY_HOST /
GW_CANARY_PORT. The child marks phase boundaries on the same socket ("GWSYNC"), so a payload's
connection is attributed to the phase in which it was made (the listener accepts in order).
Canaries observed: a marker file at $GW_CANARY (or any new file named *canary* in the sandbox
or in the paths a manifest names), a connection to the listener, or the planted secret in
$GW_CANARY_SECRET showing up in the model's output or stdout (or, for a job with an environment canary, any
nonzero prediction: the payload read the variable set for it). File reads count too: the Python
audit hook sees Python-level opens, and where strace is installed each child is traced
(open/openat/openat2), so reads by TensorFlow's C++ kernels (ReadFile, file-backed ops) of the
planted secret, of /etc/passwd, of ~/.ssh or of a manifest's readPaths count as well (GW_ORACLE_STRACE=0 disables).
This file is test-oracle code: it deliberately loads untrusted fixtures, in throwaway sandboxes.
"""
from __future__ import annotations

import glob
import json
import os
import secrets
import select
import shutil
import signal
import socket
import sys
import tempfile
import threading
import time
import traceback

SYNC = b"GWSYNC "


class Listener:
    """Loopback canary listener. Attributes every non-sync connection to the current phase."""

    def __init__(self) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(64)
        self.port = self.sock.getsockname()[1]
        self.lock = threading.Lock()
        self.job = ""
        self.phase = "setup"
        self.hits: dict[str, list[dict]] = {}
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        while True:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            try:
                # A loader child under strace on a loaded machine can take well over a second to send
                # its phase mark after connecting: read for up to 5 s, or a late mark counts as a payload's
                # connection (observed once: keras-traversal.keras "fired" at inference with no payload).
                # A payload that connects and sends nothing delays the next mark by that much only.
                conn.settimeout(5.0)
                data = b""
                try:
                    data = conn.recv(256)
                except (socket.timeout, OSError):
                    pass
                if data.startswith(SYNC):
                    _, job, phase = data.decode("ascii", "replace").strip().split(" ", 2)
                    with self.lock:
                        self.job, self.phase = job, phase
                    conn.sendall(b"OK\n")
                else:
                    with self.lock:
                        self.hits.setdefault(self.job, []).append({"phase": self.phase, "data": data[:80].decode("latin-1")})
            finally:
                conn.close()


def sync(port: int, job: str, phase: str) -> None:
    """Child side: tells the listener the next phase starts; waits for the acknowledgement."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
        s.sendall(SYNC + f"{job} {phase}\n".encode())
        s.recv(8)


# ---------------------------------------------------------------- framework adapters

def _import(family: str):
    if family == "keras":
        import keras  # noqa: F401
    elif family in ("tf-keras", "tensorflow"):
        import tensorflow  # noqa: F401
        if family == "tf-keras":
            import tf_keras  # noqa: F401


def _zeros_for(shape, dtype):
    import numpy as np

    dims = []
    for i, d in enumerate(shape):
        if i == 0:
            dims.append(1)
        else:
            dims.append(int(d) if d is not None and int(d) > 0 else 4)
    dt = str(dtype).replace("tf.", "").replace("<dtype: '", "").replace("'>", "")
    if "string" in dt or dt in ("object", "str", "bytes_"):
        return np.full(dims, "a", dtype=str)
    if "bool" in dt:
        return np.zeros(dims, dtype=bool)
    try:
        return np.zeros(dims, dtype=np.dtype(dt))
    except TypeError:
        return np.zeros(dims, dtype="float32")


def _keras_predict(model):
    ins = getattr(model, "inputs", None)
    if not ins:
        raise RuntimeError("model has no known inputs (unbuilt Sequential?)")
    arrs = [_zeros_for(t.shape, t.dtype) for t in ins]
    out = model.predict(arrs if len(arrs) > 1 else arrs[0], verbose=0)
    return out


def _keras_set_unsafe(mod, on: bool) -> None:
    fn = None
    for path in ("config.enable_unsafe_deserialization", "src.saving.serialization_lib.enable_unsafe_deserialization"):
        obj = mod
        try:
            for part in path.split("."):
                obj = getattr(obj, part)
            fn = obj
            break
        except AttributeError:
            continue
    if on and fn:
        fn()


def load_keras_like(family: str, path: str, kind: str, safe: str):
    if family == "keras":
        import keras as K
    else:
        import tf_keras as K
    if kind == "config-json":
        if safe == "off":
            _keras_set_unsafe(K, True)
        with open(path, encoding="utf-8") as fh:
            return K.models.model_from_json(fh.read())
    kwargs = {}
    if safe in ("on", "off"):
        kwargs["safe_mode"] = safe == "on"
    return K.models.load_model(path, **kwargs)


def tf_savedmodel(path: str):
    import tensorflow as tf

    try:
        return tf.saved_model.load(path)
    except Exception as e2:  # noqa: BLE001 - a TF1 SavedModel that TF2's load_v1_in_v2 rejects
        # TensorFlow's TF1 loader (tf.compat.v1.saved_model.loader.load in a Session) is the other real way
        # to load a SavedModel: it restores the saver and runs the main op. Used only when TF2's loader fails.
        g = tf.Graph()
        sess = tf.compat.v1.Session(graph=g)
        try:
            with g.as_default():
                meta = tf.compat.v1.saved_model.loader.load(sess, ["serve"], path)
        except Exception as e1:  # noqa: BLE001
            sess.close()
            raise RuntimeError(f"{_short(e2)} | TF1 loader: {_short(e1)}") from e1
        return {"tf1_session": sess, "graph": g, "meta": meta}


def _tf1_predict(obj):
    sess, g, meta = obj["tf1_session"], obj["graph"], obj["meta"]
    sigs = dict(meta.signature_def)
    if not sigs:
        raise RuntimeError("no signatures to call")
    sig = sigs.get("serving_default") or sigs[sorted(sigs)[0]]
    import tensorflow as tf

    feed = {}
    for info in sig.inputs.values():
        t = g.get_tensor_by_name(info.name)
        shape = t.shape.as_list() if t.shape.rank is not None else [1]
        feed[t] = _zeros_for(shape, tf.dtypes.as_dtype(info.dtype).name)
    return sess.run({k: g.get_tensor_by_name(v.name) for k, v in sig.outputs.items()}, feed_dict=feed)


def tf_savedmodel_predict(obj):
    import tensorflow as tf

    if isinstance(obj, dict) and "tf1_session" in obj:
        return _tf1_predict(obj)

    sigs = getattr(obj, "signatures", {}) or {}
    if not sigs:
        raise RuntimeError("no signatures to call")
    name = "serving_default" if "serving_default" in sigs else sorted(sigs)[0]
    fn = sigs[name]
    _, kw = fn.structured_input_signature
    feed = {k: tf.constant(_zeros_for(v.shape, v.dtype.name)) for k, v in kw.items()}
    return fn(**feed)


def tf_graphdef(path: str, meta: bool):
    import tensorflow as tf

    g = tf.Graph()
    with g.as_default():
        if meta:
            tf.compat.v1.train.import_meta_graph(path, clear_devices=True)
        else:
            gd = tf.compat.v1.GraphDef()
            with open(path, "rb") as fh:
                gd.ParseFromString(fh.read())
            tf.graph_util.import_graph_def(gd, name="")
    return g


def tf_graph_run(g):
    import tensorflow as tf

    ops = g.get_operations()
    consumed = {i.op.name for op in ops for i in op.inputs} | {c.name for op in ops for c in op.control_inputs}
    placeholders = [op for op in ops if op.type in ("Placeholder", "PlaceholderV2")]
    sinks = [op for op in ops if op.name not in consumed and op.type not in ("NoOp", "Placeholder", "Const", "VarHandleOp", "VariableV2")]
    sinks = [op for op in sinks if not op.name.startswith("save/")][:32]
    feed = {}
    for p in placeholders:
        t = p.outputs[0]
        shape = t.shape.as_list() if t.shape.rank is not None else [1]
        feed[t] = _zeros_for(shape, t.dtype.name)
    fetch = [op.outputs[0] if op.outputs else op for op in sinks]
    with tf.compat.v1.Session(graph=g) as s:
        try:
            s.run([op for op in g.get_operations() if op.type == "NoOp" and "init" in op.name.lower()])
        except Exception:  # noqa: BLE001 - best effort initialisation
            pass
        return s.run(fetch, feed_dict=feed)


def tflite_load(path: str):
    import tensorflow as tf

    it = tf.lite.Interpreter(model_path=path)
    it.allocate_tensors()
    return it


def tflite_invoke(it):
    for d in it.get_input_details():
        it.set_tensor(d["index"], _zeros_for(list(d["shape"]) or [1], d["dtype"].__name__))
    it.invoke()
    return [it.get_tensor(d["index"]) for d in it.get_output_details()]


def do_load(runtime: dict, job: dict, safe: str):
    fam, kind, path = runtime["family"], job["kind"], job["path"]
    if kind in ("keras-h5", "keras-v3", "config-json") and fam in ("keras", "tf-keras"):
        return load_keras_like(fam, path, kind, safe)
    if kind == "savedmodel" and fam == "tf-keras":
        return load_keras_like(fam, path, kind, safe)
    if kind == "savedmodel" and fam == "tensorflow":
        return tf_savedmodel(path)
    if kind in ("graphdef", "metagraph") and fam == "tensorflow":
        return tf_graphdef(path, kind == "metagraph")
    if kind == "tflite" and fam == "tensorflow":
        return tflite_load(path)
    raise RuntimeError(f"runner cannot load {kind} with {fam}")


def do_predict(runtime: dict, job: dict, obj):
    fam, kind = runtime["family"], job["kind"]
    if fam in ("keras", "tf-keras"):
        return _keras_predict(obj)
    if kind == "savedmodel":
        return tf_savedmodel_predict(obj)
    if kind in ("graphdef", "metagraph"):
        return tf_graph_run(obj)
    if kind == "tflite":
        return tflite_invoke(obj)
    raise RuntimeError("no predict for this kind")


# ---------------------------------------------------------------- canary checks

def _walk(root: str) -> set[str]:
    out = set()
    for dp, dns, fns in os.walk(root):
        for n in fns + [d for d in dns if os.path.islink(os.path.join(dp, d))]:
            out.add(os.path.join(dp, n))
        if len(out) > 20000:
            break
    return out


def _bytes_of(x, budget=1 << 20) -> bytes:
    """Flattens a prediction (arrays, tensors, dicts, lists) to bytes for the secret search."""
    try:
        import numpy as np
    except ImportError:  # pragma: no cover
        return b""
    acc = bytearray()

    def rec(v, depth=0):
        if len(acc) > budget or depth > 8:
            return
        if isinstance(v, dict):
            for w in v.values():
                rec(w, depth + 1)
        elif isinstance(v, (list, tuple)):
            for w in v:
                rec(w, depth + 1)
        else:
            if hasattr(v, "numpy"):
                try:
                    v = v.numpy()
                except Exception:  # noqa: BLE001
                    return
            a = np.asarray(v)
            if a.dtype == object:
                for e in a.reshape(-1)[:1000]:
                    acc.extend(e if isinstance(e, bytes) else str(e).encode())
            else:
                acc.extend(a.tobytes()[:budget])

    rec(x)
    return bytes(acc)


def _leaks(model, sb) -> bool:
    """A planted or host secret that ended up inside the loaded model (e.g. a lookup vocabulary read from a path)."""
    needles = [sb.token.encode()] + ([sb.passwd] if len(sb.passwd) >= 8 else [])
    try:
        layers = list(getattr(model, "_flatten_layers", lambda **k: [])(include_self=True, recursive=True))
    except Exception:  # noqa: BLE001
        layers = list(getattr(model, "layers", []) or [])
    for layer in layers[:500]:
        fn = getattr(layer, "get_vocabulary", None)
        if not callable(fn):
            continue
        try:
            vocab = fn()
        except Exception:  # noqa: BLE001
            continue
        blob = "\n".join(v.decode("utf-8", "replace") if isinstance(v, bytes) else str(v) for v in list(vocab)[:100000]).encode()
        if any(n in blob for n in needles) or b"root:x:0:0" in blob:
            return True
    return False


class Sandbox:
    def __init__(self, base: str, extra_paths: list[str], plants: dict[str, str] | None = None):
        self.root = tempfile.mkdtemp(prefix="gw-oracle-", dir=base)
        self.home = os.path.join(self.root, "home")
        self.tmp = os.path.join(self.root, "tmp")
        self.work = os.path.join(self.root, "work")
        self.canary_dir = os.path.join(self.root, "canary")
        for d in (self.home, self.tmp, self.work, self.canary_dir):
            os.makedirs(d)
        self.marker = os.path.join(self.canary_dir, "marker")
        self.secret_path = os.path.join(self.home, ".gw-secret")
        self.token = "GWSECRET" + secrets.token_hex(8)
        # Fixtures that cannot read an env var read /etc/passwd (harmless): its first line in an output counts too.
        try:
            with open("/etc/passwd", "rb") as fh:
                self.passwd = fh.readline().strip()[:40]
        except OSError:
            self.passwd = b""
        with open(self.secret_path, "w") as fh:
            fh.write(self.token + "\n")
        self.extra = extra_paths
        for p in extra_paths:
            for q in glob.glob(os.path.expanduser(p)):
                _rm(q)
        self.plants = plants or {}
        for dst, src in self.plants.items():
            _rm(dst)
            os.makedirs(os.path.dirname(dst), exist_ok=True)
            if os.path.isdir(src):
                shutil.copytree(src, dst, symlinks=True)
            else:
                shutil.copy2(src, dst)
        self.t0 = time.time()
        self.extra_base = self._extras()
        self.before = _walk(self.root)

    def _extras(self) -> dict[str, float]:
        out = {}
        for p in self.extra:
            for q in glob.glob(os.path.expanduser(p)):
                for dp, dns, fns in os.walk(q) if os.path.isdir(q) else [(os.path.dirname(q), [], [os.path.basename(q)])]:
                    for n in fns:
                        try:
                            out[os.path.join(dp, n)] = os.lstat(os.path.join(dp, n)).st_mtime
                        except OSError:
                            pass
        return out

    def env(self, port: int) -> dict[str, str]:
        return {
            "HOME": self.home, "TMPDIR": self.tmp, "TMP": self.tmp, "TEMP": self.tmp,
            "KERAS_HOME": os.path.join(self.home, ".keras"),
            "GW_CANARY": self.marker, "GW_CANARY_DIR": self.canary_dir,
            "GW_CANARY_HOST": "127.0.0.1", "GW_CANARY_PORT": str(port),
            "GW_CANARY_SECRET": self.secret_path,
        }

    def fired_files(self) -> list[str]:
        now = _walk(self.root)
        new = sorted(now - self.before)
        hits = [p for p in new if p == self.marker or p.startswith(self.canary_dir + os.sep) or "canary" in os.path.basename(p).lower()]
        now_extra = self._extras()
        hits += sorted(q for q, m in now_extra.items() if self.extra_base.get(q) != m)
        self.extra_base = now_extra
        self.before = now
        return [os.path.relpath(p, self.root) if p.startswith(self.root) else p for p in hits]

    def new_files(self) -> list[str]:
        return sorted(os.path.relpath(p, self.root) for p in _walk(self.root) - self.before)[:20]

    def cleanup(self):
        for dst in self.plants:
            _rm(dst)
        for p in self.extra:
            for q in glob.glob(os.path.expanduser(p)):
                _rm(q)
        shutil.rmtree(self.root, ignore_errors=True)
        _rm(self.root + ".log")


def _rm(p: str) -> None:
    try:
        if os.path.isdir(p) and not os.path.islink(p):
            shutil.rmtree(p)
        else:
            os.unlink(p)
    except OSError:
        pass


def _short(e: BaseException) -> str:
    msg = f"{type(e).__name__}: {e}".replace("\n", " ")
    root = e
    for _ in range(10):
        nxt = root.__cause__ or root.__context__
        if nxt is None:
            break
        root = nxt
    if root is not e:
        msg = msg[:160] + f" <- {type(root).__name__}: {root}".replace("\n", " ")[:160]
    return msg[:330]


# ---------------------------------------------------------------- one job, in a forked child

PHASE_MARK = "/gw-oracle-phase-mark/"


def mark_phase(name: str) -> None:
    """Leaves a phase boundary in the strace log: an open of a path that never exists."""
    try:
        os.close(os.open(PHASE_MARK + name, os.O_RDONLY))
    except OSError:
        pass


def child(runtime: dict, job: dict, safe: str, port: int, sb: Sandbox, wfd: int, go: int | None = None) -> None:
    res: dict = {"load": None, "predict": None, "files": {}, "secret": None}
    jid = f"{job['id']}|{safe}"
    if go is not None:
        os.read(go, 1)  # the parent has attached strace (or given up): start
        os.close(go)
    try:
        # A memory bomb in a fixture must fail this child, not the machine: cap its address space.
        import resource

        cap = int(os.environ.get("GW_ORACLE_MEM_CAP", str(16 << 30)))
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        os.environ.update(sb.env(port))
        os.environ.update(job.get("envCanary") or {})
        tempfile.tempdir = None
        os.chdir(sb.work)
        log = os.open(sb.root + ".log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(log, 1)
        os.dup2(log, 2)
        phase = {"now": "load"}
        watched = {sb.secret_path, "/etc/passwd", *job.get("readPaths", [])}
        reads: dict[str, list[str]] = {}

        def hook(event, args):
            if event == "open" and args and isinstance(args[0], (str, bytes, os.PathLike)):
                try:
                    path = os.fsdecode(args[0])
                except (TypeError, ValueError):
                    return
                if path in watched or path.startswith(os.path.join(sb.home, ".ssh")):
                    reads.setdefault(phase["now"], []).append(path)

        sys.addaudithook(hook)
        sync(port, jid, "load")
        mark_phase("load")
        obj = None
        try:
            obj = do_load(runtime, job, safe)
            res["load"] = "ok"
        except BaseException as e:  # noqa: BLE001 - any failure is an observation
            res["load"] = _short(e)
        res["files"]["load"] = sb.fired_files()
        if obj is not None and _leaks(obj, sb):
            res["secret"] = "load"
        phase["now"] = "inference"
        os.environ["GW_ORACLE_PHASE"] = "inference"  # read only by selftest.py's inference-only canary
        sync(port, jid, "inference")
        mark_phase("inference")
        if res["load"] == "ok":
            try:
                out = do_predict(runtime, job, obj)
                res["predict"] = "ok"
                flat = _bytes_of(out)
                if sb.token.encode() in flat or (len(sb.passwd) >= 8 and sb.passwd in flat):
                    res["secret"] = "inference"
                # an environment canary: the payload turns the variable it read into its output
                if job.get("envCanary") and any(flat):
                    res["envRead"] = "inference"
            except BaseException as e:  # noqa: BLE001
                res["predict"] = _short(e)
        res["files"]["inference"] = sb.fired_files()
        phase["now"] = "after"
        mark_phase("after")
        res["reads"] = reads
        sync(port, jid, "after")
        res["sideEffects"] = sb.new_files()
    except BaseException as e:  # noqa: BLE001
        res["crash"] = _short(e) + " " + traceback.format_exc(limit=2)[-200:]
    data = json.dumps(res).encode()
    os.write(wfd, data)
    os.close(wfd)
    os._exit(0)


class Tracer:
    """strace attached to one loader child: every open/openat/openat2, split into phases by mark_phase."""

    EXE = shutil.which("strace") if os.environ.get("GW_ORACLE_STRACE", "1") != "0" else None

    def __init__(self, proc: "subprocess.Popen[bytes]", log: str) -> None:
        self.proc, self.log = proc, log

    @classmethod
    def attach(cls, pid: int, log: str) -> "Tracer | None":
        if not cls.EXE:
            return None
        import subprocess

        proc = subprocess.Popen([cls.EXE, "-f", "-qq", "-e", "trace=open,openat,openat2", "-e", "signal=none", "-o", log, "-p", str(pid)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:  # attached once the kernel shows a tracer on the child
            try:
                with open(f"/proc/{pid}/status") as fh:
                    if any(line.startswith("TracerPid:") and line.split()[1] != "0" for line in fh):
                        return cls(proc, log)
            except OSError:
                break
            if proc.poll() is not None:
                break
            time.sleep(0.01)
        proc.kill()
        return None

    def finish(self, watched: set[str], prefix: str) -> dict[str, list[str]]:
        try:
            self.proc.wait(timeout=10)
        except Exception:  # noqa: BLE001 - a stuck tracer must not stop the matrix
            self.proc.kill()
        out: dict[str, list[str]] = {}
        phase = "setup"
        try:
            with open(self.log, errors="replace") as fh:
                for line in fh:
                    i = line.find('"')
                    j = line.find('"', i + 1)
                    if i < 0 or j < 0:
                        continue
                    path = line[i + 1:j]
                    if path.startswith(PHASE_MARK):
                        phase = path[len(PHASE_MARK):]
                        continue
                    if "= -1 " in line or "O_DIRECTORY" in line:
                        continue
                    # A symlink (a SavedModel asset pointing at /etc/passwd) counts by its target too.
                    if path in watched or path.startswith(prefix + os.sep) or (os.path.islink(path) and os.path.realpath(path) in watched):
                        got = out.setdefault(phase, [])
                        if path not in got:
                            got.append(path)
        except OSError:
            pass
        _rm(self.log)
        return out


def run_one(runtime: dict, job: dict, safe: str, listener: Listener, base: str, timeout: float) -> dict:
    sb = Sandbox(base, job.get("canaryPaths", []), job.get("plant"))
    r, w = os.pipe()
    go_r, go_w = os.pipe()
    t0 = time.monotonic()
    pid = os.fork()
    if pid == 0:
        os.close(r)
        os.close(go_w)
        try:
            child(runtime, job, safe, listener.port, sb, w, go_r)
        finally:
            os._exit(3)
    os.close(w)
    os.close(go_r)
    tracer = Tracer.attach(pid, sb.root + ".strace")
    os.write(go_w, b"1")
    os.close(go_w)
    chunks = []
    deadline = time.monotonic() + timeout
    timed_out = False
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            timed_out = True
            os.kill(pid, signal.SIGKILL)
            break
        rl, _, _ = select.select([r], [], [], min(left, 1.0))
        if rl:
            b = os.read(r, 65536)
            if not b:
                break
            chunks.append(b)
    os.close(r)
    _, status = os.waitpid(pid, 0)
    elapsed = time.monotonic() - t0
    try:
        res = json.loads(b"".join(chunks).decode()) if chunks else {}
    except ValueError:
        res = {}
    if timed_out:
        res["crash"] = f"timeout after {timeout:.0f}s"
    elif not res:
        res["crash"] = f"loader process died (status {status})"
    jid = f"{job['id']}|{safe}"
    with listener.lock:
        hits = listener.hits.pop(jid, [])
    res["socket"] = [h["phase"] for h in hits]
    if tracer:
        # /etc/passwd as well: the fixtures that cannot read $GW_CANARY_SECRET read it from C++ (tf.io.read_file).
        watched = {sb.secret_path, "/etc/passwd", *job.get("readPaths", []), *(job.get("plant") or {}).keys()}
        res["strace"] = True
        for ph, paths in tracer.finish(watched, os.path.join(sb.home, ".ssh")).items():
            got = res.setdefault("reads", {}).setdefault(ph, [])
            got += [p for p in paths if p not in got]
    try:
        with open(sb.root + ".log", "rb") as fh:
            logtxt = fh.read(4 << 20)
        if sb.token.encode() in logtxt:
            res["secret"] = res.get("secret") or "stdout"
        res["log"] = logtxt[-300:].decode("utf-8", "replace")
    except OSError:
        pass
    res["seconds"] = round(elapsed, 2)
    sb.cleanup()
    return res


def main() -> None:
    jobs_file, out_file = sys.argv[1], sys.argv[2]
    spec = json.load(open(jobs_file))
    runtime, jobs, timeout = spec["runtime"], spec["jobs"], float(spec.get("timeout", 120))
    base = tempfile.mkdtemp(prefix="gw-oracle-base-")
    # The parent imports the framework once (children fork from it) with its own throwaway HOME.
    os.environ["HOME"] = os.path.join(base, "parent-home")
    os.makedirs(os.environ["HOME"])
    os.environ["KERAS_HOME"] = os.path.join(os.environ["HOME"], ".keras")
    if spec.get("preimport", True):
        _import(runtime["family"])
    listener = Listener()
    results = []
    for job in jobs:
        for safe in job["modes"]:
            res = run_one(runtime, job, safe, listener, base, timeout)
            res.update({"id": job["id"], "safe": safe})
            results.append(res)
            print(json.dumps({"id": job["id"], "safe": safe, "load": res.get("load"), "s": res["seconds"]}), flush=True)
    json.dump({"runtime": runtime, "results": results}, open(out_file, "w"), indent=1)
    shutil.rmtree(base, ignore_errors=True)


if __name__ == "__main__":
    main()
