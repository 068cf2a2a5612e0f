# Generates tests/python/vectors/red27-cost-classes.json: the red-team round 27 (Keras) cost classes C-J and benign
# neighbours, each a `def f(x)` compiled by real CPython 3.6-3.13 (~/.pyenv/versions/*/bin/python) and stored as the
# base64 marshal of f.__code__ (as tf_keras' func_dump stores a Lambda's function). Cases named M-... deserve medium or
# above (a load that never returns), B-... low or below. Nothing is run: the functions are only compiled. From the
# repository root:
#   for v in ~/.pyenv/versions/3.{6,7,8,9,10,11,12,13}*/bin/python; do $v tests/python/vectors/gen_red27_cost_classes.py; done
import base64, json, marshal, os, re, sys

CASES = r'''
### M-C-square-plus-one-from-one
def f(x):
    v = 1
    for i in range(40):
        v = v * v + 1
    return x
### M-C-square-minus-two-from-minus-one
def f(x):
    v = -1
    for i in range(40):
        v = v * v - 3
    return x
### B-C-square-from-one
def f(x):
    v = 1
    for i in range(40):
        v = v * v
    return x
### B-C-square-from-zero-small
def f(x):
    v = 0
    for i in range(3):
        v = v * v + 2
    return x
### M-I-param-start
def f(x):
    def g(v):
        for i in range(40):
            v = v * v
        return v
    g(3)
    return x
### M-I-param-start-one-plus
def f(x):
    def g(v):
        for i in range(40):
            v = v * v + 1
        return v
    g(1)
    return x
### B-I-param-start-one
def f(x):
    def g(v):
        for i in range(40):
            v = v * v
        return v
    g(1)
    return x
### B-I-param-tensor
def f(x):
    def g(v):
        for i in range(40):
            v = v * v
        return v
    return g(x)
### M-D-list-repeat
def f(x):
    v = 3
    for i in [0] * 40:
        v = v * v
    return x
### M-D-repeat-times-kw
def f(x):
    import itertools
    v = 3
    for i in itertools.repeat(None, times=40):
        v = v * v
    return x
### M-D-bytes
def f(x):
    v = 3
    for i in bytes(40):
        v = v * v
    return x
### B-D-list-repeat-small
def f(x):
    v = 3
    for i in [0] * 3:
        v = v * v
    return x
### M-E-prod
def f(x):
    import math
    math.prod(range(1, 10 ** 6))
    return x
### M-E-reduce-mul
def f(x):
    import functools, operator
    functools.reduce(operator.mul, range(2, 10 ** 6))
    return x
### M-E-lcm-star
def f(x):
    import math
    math.lcm(*range(1, 10 ** 7))
    return x
### M-E-sum-concat
def f(x):
    sum([[0]] * 10 ** 6, [])
    return x
### B-E-prod-small
def f(x):
    import math
    math.prod(range(1, 200))
    return x
### B-E-prod-from-zero
def f(x):
    import math
    math.prod(range(0, 10 ** 5))
    return x
### B-E-sum-empty-lists
def f(x):
    sum([[]] * 10 ** 5, [])
    return x
### M-G-any-filter-none
def f(x):
    import itertools
    any(filter(None, itertools.repeat(0)))
    return x
### M-G-next-filter-none
def f(x):
    import itertools
    next(filter(None, itertools.repeat(0)), None)
    return x
### M-G-in-repeat
def f(x):
    import itertools
    1 in itertools.repeat(0)
    return x
### M-G-all-count
def f(x):
    import itertools
    all(itertools.count(1))
    return x
### M-G-all-genexp
def f(x):
    all(i >= 0 for i in range(10 ** 15))
    return x
### M-G-any-genexp
def f(x):
    any(i < 0 for i in range(10 ** 15))
    return x
### B-G-any-genexp-count
def f(x):
    import itertools
    any(i > 2 for i in itertools.count())
    return x
### B-G-any-genexp-stops
def f(x):
    any(i > 2 for i in range(10 ** 15))
    return x
### B-G-in-repeat-match
def f(x):
    import itertools
    0 in itertools.repeat(0)
    return x
### B-G-next-count
def f(x):
    import itertools
    next(itertools.count())
    return x
### B-G-any-count
def f(x):
    import itertools
    any(itertools.count())
    return x
### B-G-any-filter-small
def f(x):
    import itertools
    any(filter(None, itertools.repeat(0, 10)))
    return x
### M-H-set-range
def f(x):
    set(range(0, 200000 * (2 ** 61 - 1), 2 ** 61 - 1))
    return x
### M-H-dict-comp
def f(x):
    {i * (2 ** 61 - 1): 0 for i in range(200000)}
    return x
### M-H-set-comp
def f(x):
    {(2 ** 61 - 1) * i for i in range(200000)}
    return x
### B-H-set-range-distinct
def f(x):
    set(range(0, 200000 * (2 ** 61 - 2), 2 ** 61 - 2))
    return x
### B-H-dict-comp-small
def f(x):
    {i * (2 ** 61 - 1): 0 for i in range(2000)}
    return x
### M-F-power
def f(x):
    t = 0
    for i in range(10 ** 7):
        t = i ** 1000
    return x
### M-F-count
def f(x):
    s = 'a' * 10 ** 7
    for i in range(10 ** 6):
        s.count('b')
    return x
### M-F-in
def f(x):
    s = 'a' * 10 ** 7
    n = 0
    for i in range(10 ** 6):
        if 'b' in s:
            n += 1
    return x
### B-F-power-small-exponent
def f(x):
    t = 0
    for i in range(10 ** 6):
        t = i ** 2
    return x
### B-F-count-short
def f(x):
    s = 'a' * 100
    for i in range(10 ** 5):
        s.count('b')
    return x
### M-J-context-exp
def f(x):
    import decimal
    decimal.Context(prec=10 ** 6).exp(1)
    return x
### M-J-localcontext-ln
def f(x):
    import decimal
    with decimal.localcontext(prec=10 ** 5):
        decimal.Decimal(2).ln()
    return x
### M-J-prec-store
def f(x):
    import decimal
    with decimal.localcontext() as c:
        c.prec = 10 ** 5
        decimal.Decimal(2).ln()
    return x
### B-J-context-small
def f(x):
    import decimal
    decimal.Context(prec=50).exp(1)
    return x
### B-J-prec-store-small
def f(x):
    import decimal
    with decimal.localcontext() as c:
        c.prec = 100
        decimal.Decimal(2).sqrt()
    return x
### M-H-dict-fromkeys
def f(x):
    dict.fromkeys(range(0, 200000 * (2 ** 61 - 1), 2 ** 61 - 1))
    return x
### M-H-counter
def f(x):
    import collections
    collections.Counter(range(0, 200000 * (2 ** 61 - 1), 2 ** 61 - 1))
    return x
### M-E-reduce-lambda
def f(x):
    import functools
    functools.reduce(lambda a, b: a * b, range(1, 10 ** 6))
    return x
### B-E-reduce-lambda-add
def f(x):
    import functools
    functools.reduce(lambda a, b: a + b, range(1, 10 ** 6))
    return x
### M-D-fromkeys-loop
def f(x):
    v = 3
    for i in dict.fromkeys(range(40)):
        v = v * v
    return x
### M-D-str-repeat-loop
def f(x):
    v = 3
    for c in 'ab' * 20:
        v = v * v
    return x
### B-D-shape-loop
def f(x):
    n = 1
    for d in x.shape[1:]:
        n = n * d
    return x
### M-G-any-genexp-count
def f(x):
    import itertools
    any(i < 0 for i in itertools.count())
    return x
### M-G-all-genexp-count
def f(x):
    import itertools
    all(i >= 1 for i in itertools.count(1))
    return x
### B-G-all-genexp-count-stops
def f(x):
    import itertools
    all(i < 5 for i in itertools.count())
    return x
### M-H-set-add-loop
def f(x):
    s = set()
    for i in range(200000):
        s.add(i * (2 ** 61 - 1))
    return x
### B-H-set-add-loop-distinct
def f(x):
    s = set()
    for i in range(200000):
        s.add(i * (2 ** 61 - 2))
    return x
'''

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "red27-cost-classes.json")
data = json.load(open(out_path)) if os.path.exists(out_path) else {"about": "GENERATED by tests/python/vectors/gen_red27_cost_classes.py", "versions": {}}
version = "%d.%d" % sys.version_info[:2]
codes = {}
for name, body in re.findall(r'^### (\S+)\n(.*?)(?=^### |\Z)', CASES, re.S | re.M):
    ns = {}
    try:
        exec(compile(body, name, "exec"), ns)
    except SyntaxError:
        continue
    codes[name] = base64.b64encode(marshal.dumps(ns["f"].__code__)).decode("ascii")
data["versions"][version] = codes
with open(out_path, "w") as fh:
    json.dump(data, fh, indent=0, sort_keys=True)
    fh.write("\n")
