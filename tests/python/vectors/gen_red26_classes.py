# Generates tests/python/vectors/red26-classes.json: the red-team round 26 (Keras) classes C, R, E and F and benign
# neighbours, each a `def f(x)` compiled by real CPython 3.6-3.13 (~/.pyenv/versions/*/bin/python) and stored as the
# base64 marshal of f.__code__ (as tf_keras' func_dump stores a Lambda's function). Cases named M-... deserve medium or
# above (a load that never returns), B-... low or below. Run from the repository root:
#   for v in ~/.pyenv/versions/3.{6,7,8,9,10,11,12,13}*/bin/python; do $v tests/python/vectors/gen_red26_classes.py; done
import base64, json, marshal, os, re, sys

CASES = r'''
### M-own-def
def f(x):
    def sq(v):
        return v * v
    v = 3
    for i in range(40):
        v = sq(v)
    return x
### M-own-lambda
def f(x):
    sq = lambda v: v * v
    v = 3
    for i in range(40):
        v = sq(v)
    return x
### B-own-def-small
def f(x):
    def sq(v):
        return v * v
    v = 3
    for i in range(3):
        v = sq(v)
    return x
### M-int-wrapped
def f(x):
    v = 3
    for i in range(40):
        v = int(v * v)
    return x
### B-float-wrapped
def f(x):
    v = 3
    for i in range(40):
        v = float(v * v)
    return x
### B-min-capped
def f(x):
    v = 3
    for i in range(40):
        v = min(v * v, 100)
    return x
### M-mutual
def f(x):
    def a(n):
        if n <= 0:
            return 1
        return b(n - 1) + b(n - 1)
    def b(n):
        return a(n - 1)
    return x * 0 + a(80) * 0 + x
### B-mutual-small
def f(x):
    def a(n):
        if n <= 0:
            return 1
        return b(n - 1) + b(n - 1)
    def b(n):
        return a(n - 1)
    return x * 0 + a(8) * 0 + x
### M-kw
def f(x):
    def g(n):
        if n <= 0:
            return 1
        return g(n=n - 1) + g(n=n - 1)
    return x * 0 + g(n=60) * 0 + x
### B-kw-small
def f(x):
    def g(n):
        if n <= 0:
            return 1
        return g(n=n - 1) + g(n=n - 1)
    return x * 0 + g(n=6) * 0 + x
### M-loop
def f(x):
    def g(n):
        if n <= 0:
            return 1
        t = 0
        for k in range(2):
            t += g(n - 1)
        return t
    return x * 0 + g(60) * 0 + x
### B-loop-small
def f(x):
    def g(n):
        if n <= 0:
            return 1
        t = 0
        for k in range(2):
            t += g(n - 1)
        return t
    return x * 0 + g(6) * 0 + x
### B-single-linear
def f(x):
    def g(n):
        if n <= 0:
            return 1
        return g(n - 1) + 1
    return x * 0 + g(500) * 0 + x
### M-half
def f(x):
    i = 0.0
    while i < 1e15:
        i += 0.5
    return x
### B-half-small
def f(x):
    i = 0.0
    while i < 10.0:
        i += 0.5
    return x
### M-tiny-step-stuck
def f(x):
    i = 1e17
    while i < 2e17:
        i += 0.5
    return x
### M-pct
def f(x):
    import re
    s = '%1000000s' % 'b'
    re.search(r' *a', s)
    return x
### B-pct
def f(x):
    import re
    s = '%100s' % 'b'
    re.search(r' *a', s)
    return x
### M-strint
def f(x):
    import re
    s = str(10 ** 4000 - 1) * 250
    re.search(r'9*a', s)
    return x
### B-strint
def f(x):
    import re
    s = str(10 ** 40 - 1) * 2
    re.search(r'9*a', s)
    return x
### M-mul2
def f(x):
    def mul(a, b):
        return a * b
    v = 3
    for i in range(40):
        v = mul(v, v)
    return x
### M-unknown-call-times
def f(x):
    import math
    v = 3
    for i in range(40):
        v = math.lcm(v, 1) * v
    return x
### B-len-times
def f(x):
    v = 3
    for i in range(40):
        v = len(str(v)) * 2
    return x
### B-add-one
def f(x):
    def inc(v):
        return v + 1
    v = 3
    for i in range(40):
        v = inc(v) * 2
    return x
### M-rec-callee
def f(x):
    def sq(v, n):
        if n <= 0:
            return v * v
        return sq(v, n - 1) + sq(v, n - 1) + sq(v, n - 1) + sq(v, n - 1) + sq(v, n - 1) + sq(v, n - 1) + sq(v, n - 1) + sq(v, n - 1)
    v = 3
    for i in range(40):
        v = sq(v, 0)
    return x
### B-nostep-mutual
def f(x):
    def a(n):
        if n <= 0:
            return 1
        return b(n) + b(n)
    def b(n):
        return a(n)
    return x * 0 + a(80) * 0 + x
### M-three-cycle
def f(x):
    def a(n):
        if n <= 0:
            return 1
        return b(n - 1) + b(n - 1)
    def b(n):
        return c(n)
    def c(n):
        return a(n - 1) + a(n - 1)
    return x * 0 + a(60) * 0 + x
### B-loop-unknown
def f(x):
    def g(n, items):
        if n <= 0:
            return 1
        t = 0
        for k in items:
            t += g(n - 1, items)
        return t
    return x * 0 + g(60, [1]) * 0 + x
### M-break-loop-growth
def f(x):
    v = 3
    i = 0
    while True:
        v = v * v
        i += 1
        if i >= 40:
            break
    return x
### B-break-loop-growth-small
def f(x):
    v = 3
    i = 0
    while True:
        v = v * v
        i += 1
        if i >= 3:
            break
    return x
### M-break-loop-recursion
def f(x):
    def g(n):
        if n <= 0:
            return 1
        t = 0
        k = 0
        while True:
            t += g(n - 1)
            k += 1
            if k >= 2:
                break
        return t
    return x * 0 + g(60) * 0 + x
### M-while-true-break-counter
def f(x):
    i = 0
    while True:
        i += 1
        if i >= 10 ** 15:
            break
    return x
### B-while-true-break-counter-small
def f(x):
    i = 0
    while True:
        i += 1
        if i >= 10:
            break
    return x
### B-while-true-break-other-test
def f(x):
    i = 0
    while True:
        i += 1
        if x is not None:
            break
    return x
### M-continue-loop-return-growth
def f(x):
    v = 3
    i = 0
    while True:
        v = v * v
        i += 1
        if i < 40:
            continue
        return x
'''

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "red26-classes.json")
data = json.load(open(out_path)) if os.path.exists(out_path) else {"about": "GENERATED by tests/python/vectors/gen_red26_classes.py", "versions": {}}
version = "%d.%d" % sys.version_info[:2]
codes = {}
for name, body in re.findall(r'^### (\S+)\n(.*?)(?=^### |\Z)', CASES, re.S | re.M):
    ns = {}
    exec(compile(body, name, "exec"), ns)
    codes[name] = base64.b64encode(marshal.dumps(ns["f"].__code__)).decode("ascii")
data["versions"][version] = codes
with open(out_path, "w") as fh:
    json.dump(data, fh, indent=0, sort_keys=True)
    fh.write("\n")
