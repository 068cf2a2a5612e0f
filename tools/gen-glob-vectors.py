#!/usr/bin/env python3
"""Differential vectors for the glob reading of src/catalog/path-patterns.ts (patternCouldBe with glob syntax), which
decides whether a MatchingFiles pattern (or a name written with glob syntax) can name a secrets or a persistence
location: what real TensorFlow's MatchingFiles op (Env::GetMatchingPaths, fnmatch with FNM_PATHNAME on POSIX)
matches, for thousands of patterns made from planted witness paths (every location kind of the two lists) and decoys
by glob mutations: `?`, `*` (also over a segment's leading dot), bracket classes in every syntax fnmatch reads
(negation with `!` and `^`, a leading `]`, ranges, POSIX classes, escapes, wrong case), escapes, `.`/`..`/`//`
segments, and random patterns. The tree is planted in a throwaway directory; nothing outside it is read.
Run with the fixture venv: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-glob-vectors.py ->
tests/tf/vectors/glob.json"""
import json
import os
import random
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "glob.json"
SEED = 20261207
PER_WITNESS = 60

# Planted files (relative to the tree's root): a path of each kind of location of the two lists, and decoys
# (near names that are no location). The test judges each match by the product's own lists.
WITNESSES = [
    "etc/passwd", "etc/shadow", "etc/sudoers", "etc/gshadow-", "proc/self/environ", "proc/1/task/2/maps",
    "etc/ssh/ssh_host_rsa_key", "etc/kubernetes/admin.conf", "etc/krb5.keytab", "run/secrets/db",
    "home/u/.ssh/id_rsa", "home/u/.ssh/authorized_keys", "home/u/.ssh/config", "keys/id_ed25519.pub",
    "home/u/.aws/credentials", "home/u/.kube/config", "home/u/.docker/config.json", "home/u/.config/gh/hosts.yml",
    "home/u/.netrc", "home/u/.pgpass", "home/u/.git-credentials", "home/u/.bash_history", "app/.env",
    "app/.env.local", "var/lib/docker/key.json", "var/backups/shadow.bak", "home/u/.Xauthority",
    "app/config/database.yml", "app/appsettings.Production.json", "repo/.git/config", "srv/www/wp-config.php",
    "home/u/.cache/huggingface/token", "home/u/.kaggle/kaggle.json", "var/run/secrets/kubernetes.io/serviceaccount/token",
    "home/u/gcloud/application_default_credentials.json", "data/my_secret_notes.txt", "data/api_key.json",
    "infra/prod.tfstate", "certs/server.pem", "certs/tls.key", "home/u/.password-store/x.gpg",
    "opt/svc/.pgpass", "Windows/System32/config/SAM", "Users/u/AppData/Roaming/Microsoft/Credentials/abc",
    # persistence
    "home/u/.bashrc", "home/u/.zshrc", "home/u/.profile", "etc/profile", "etc/rc.local", "etc/ld.so.preload",
    "etc/profile.d/x.sh", "etc/cron.d/job", "etc/cron.daily/job", "etc/systemd/system/x.service",
    "home/u/.config/autostart/x.desktop", "usr/local/bin/tool", "bin/ls", "home/u/.local/bin/x",
    "usr/share/jupyter/kernels/py/kernel.json", "etc/apt/apt.conf.d/99x", "var/spool/cron/crontabs/root",
    "lib/python3/site-packages/x.pth", "lib/python3/site-packages/mod/__init__.py", "lib/sitecustomize.py",
    "home/u/.ipython/profile_default/startup/a.py", "home/u/.gitconfig", "repo/.git/hooks/pre-commit",
    "home/u/.vimrc", "proj/Makefile", "proj/package.json", "proj/setup.cfg", "proj/.envrc", "home/u/.gdbinit",
    "venv/bin/activate", "venv/pyvenv.cfg", "home/u/Library/LaunchAgents/x.plist", "lib/libx.so.1",
    "proj/node_modules/x/index.js", "home/u/.config/git/config", "etc/pam.d/sshd", "etc/bash_completion.d/x",
]
DECOYS = [
    "etc/hostname", "etc/hosts", "etc/os-release", "etc/ssl/certs/ca.pem.txt", "data/train.csv", "data/vocab.txt",
    "home/u/.cache/pip/x", "home/u/.keras/keras.json", "assets/labels.txt", "model/variables/variables.index",
    "home/u/notes.md", "home/u/docs/report.pdf", "usr/share/doc/readme", "proj/README", "tmp/x.log",
    "home/u/.sshx", "home/u/ssh/id", "etc/passwords.bak.txt.d", "data/tokens.csv", "srv/data.bin",
]

ALPHA = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-"
CLASSES = {"lower": str.islower, "upper": str.isupper, "alpha": str.isalpha, "digit": str.isdigit,
           "alnum": str.isalnum, "punct": lambda c: (not c.isalnum()) and c.isprintable() and c != " "}


def bracket(c: str, rng: random.Random) -> str:
    """A bracket class for the character c: most forms contain it, some do not (fnmatch decides)."""
    forms = [f"[{c}]", f"[{c}-{c}]", f"[\\{c}]", f"[]{c}]", f"[x{c}y]", f"[!{'z' if c != 'z' else 'y'}]",
             f"[^{'q' if c != 'q' else 'r'}]", f"[!{c}]", f"[{c.swapcase()}]" if c.isalpha() else f"[{c}]"]
    lo, hi = chr(max(33, ord(c) - rng.randint(0, 3))), chr(min(126, ord(c) + rng.randint(0, 3)))
    if lo not in "]\\/!^" and hi not in "]\\/":
        forms.append(f"[{lo}-{hi}]")
    for name, pred in CLASSES.items():
        if pred(c):
            forms.append(f"[[:{name}:]]")
            forms.append(f"[![:{name}:]]")
    forms.append(f"[[:{rng.choice(list(CLASSES))}:]{c}]")
    return rng.choice(forms)


def mutate(w: str, rng: random.Random) -> str:
    chars = list(w)
    out = w
    for _ in range(rng.randint(1, 3)):
        chars = list(out)
        if not chars:
            break
        kind = rng.random()
        # positions of plain characters (not part of earlier glob syntax)
        plain = [i for i, ch in enumerate(chars) if ch not in "/*?[]\\"]
        if not plain:
            break
        i = rng.choice(plain)
        if kind < 0.22:
            chars[i] = "?"
        elif kind < 0.45:
            # a run within the segment becomes *
            j = i
            while j < len(chars) and chars[j] != "/" and chars[j] not in "*?[]\\" and rng.random() < 0.7:
                j += 1
            chars[i:j] = ["*"]
        elif kind < 0.75:
            chars[i] = bracket(chars[i], rng)
        elif kind < 0.83:
            chars[i] = "\\" + chars[i]
        elif kind < 0.88:
            # a segment start: "*" before a dot-file, "?" for the dot
            k = out.rfind("/", 0, i) + 1
            chars[k] = "*" + chars[k] if rng.random() < 0.5 else ("?" if chars[k] == "." else chars[k])
        elif kind < 0.93:
            k = out.rfind("/", 0, i)
            if k > 0:
                chars[k] = rng.choice(["/./", "//", "/x/../", "/*/../"])
        else:
            chars[i] = "*" + chars[i] + "*"
        out = "".join(chars)
    return out


def random_pattern(rng: random.Random) -> str:
    segs = []
    for _ in range(rng.randint(1, 4)):
        s = "".join(rng.choice(ALPHA + "*?") for _ in range(rng.randint(1, 6)))
        segs.append(s)
    return "/".join(segs)


def main() -> None:
    rng = random.Random(SEED)
    root = Path(tempfile.mkdtemp(prefix="gw-glob-"))
    try:
        for rel in WITNESSES + DECOYS:
            p = root / rel
            p.parent.mkdir(parents=True, exist_ok=True)
            p.write_text("dummy\n")
        patterns: list[str] = []
        for w in WITNESSES + DECOYS:
            patterns.append(w)
            for _ in range(PER_WITNESS):
                patterns.append(mutate(w, rng))
        for _ in range(400):
            patterns.append(random_pattern(rng))
        seen = set()
        cases = []
        prefix = str(root) + "/"
        for pat in patterns:
            if pat in seen:
                continue
            seen.add(pat)
            try:
                got = tf.io.matching_files(prefix + pat).numpy().tolist()
                matches = sorted(x.decode("utf-8", "surrogateescape")[len(prefix):] for x in got)
                cases.append({"pattern": pat, "matches": matches})
            except tf.errors.OpError as e:  # a pattern the op refuses (recorded: nothing is read)
                cases.append({"pattern": pat, "matches": [], "error": type(e).__name__})
        OUT.parent.mkdir(parents=True, exist_ok=True)
        OUT.write_text(json.dumps({
            "generator": "tools/gen-glob-vectors.py",
            "tensorflow": tf.__version__,
            "seed": SEED,
            "planted": WITNESSES + DECOYS,
            "cases": cases,
        }, indent=0) + "\n")
        matched = sum(1 for c in cases if c["matches"])
        print(f"{len(cases)} patterns, {matched} match a planted file -> {OUT}")
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
