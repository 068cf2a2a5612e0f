# Generates tests/python/vectors/red27-classes.json: the red-team round 27 (Keras) value-flow classes A (a module read
# back through an item of a parameter that may take anything), B (a module sent into the code's own generator) and K
# (an attribute store through the code's own __setattr__ / a descriptor's __set__, copy.copy through __setstate__) and
# benign neighbours, each a `def f(x)` compiled by real CPython 3.6-3.13 (~/.pyenv/versions/*/bin/python) and stored as
# the base64 marshal of f.__code__ (as tf_keras' func_dump stores a Lambda's function). Cases named M-... deserve high
# or above (a secret read or a shell command), B-... low or below. Nothing here is run. From the repository root:
#   for v in ~/.pyenv/versions/3.{6,7,8,9,10,11,12,13}*/bin/python; do $v tests/python/vectors/gen_red27_classes.py; done
import base64, json, marshal, os, re, sys

CASES = r'''
### M-metaclass-ns-item-environ
def f(x):
    import os
    class M(type):
        def __init__(cls, name, bases, ns):
            print(ns['m'].environ['HF_TOKEN'])
    class K(metaclass=M):
        m = os
    return x
### M-metaclass-ns-get-system
def f(x):
    import os
    class M(type):
        def __init__(cls, name, bases, ns):
            ns.get('m').system('true')
    class K(metaclass=M):
        m = os
    return x
### B-metaclass-ns-item-math
def f(x):
    import math
    class M(type):
        def __init__(cls, name, bases, ns):
            print(ns['m'].pi)
    class K(metaclass=M):
        m = math
    return x
### M-open-param-values-environ
def f(x):
    import os
    def g(d):
        for v in d.values():
            print(v.environ['HF_TOKEN'])
        return 0
    list(map(next(iter([g])), [{'m': os}]))
    return x
### M-open-param-list-item-system
def f(x):
    import os
    def g(d):
        list(d)[0].system('true')
        return 0
    list(map(next(iter([g])), [[os]]))
    return x
### M-send-environ
def f(x):
    import os
    def gen():
        m = yield 0
        yield m.environ['HF_TOKEN']
    g = gen()
    next(g)
    print(g.send(os))
    return x
### M-send-loop-system
def f(x):
    import os
    def gen():
        while True:
            m = yield 0
            if m is not None:
                m.system('true')
    g = gen()
    next(g)
    g.send(os)
    return x
### M-send-method-mapped-environ
def f(x):
    import os
    def gen():
        while True:
            m = yield 0
            if m is not None:
                print(m.environ['HF_TOKEN'])
    g = gen()
    next(g)
    list(map(g.send, [os]))
    return x
### M-send-unknown-generator-environ
def f(x):
    import os
    def gen():
        m = yield 0
        yield m.environ['HF_TOKEN']
    g = next(iter([gen()]))
    next(g)
    g.send(os)
    return x
### M-send-yield-from-environ
def f(x):
    import os
    def inner():
        m = yield 0
        yield m.environ['HF_TOKEN']
    def outer():
        yield from inner()
    g = outer()
    next(g)
    g.send(os)
    return x
### M-coroutine-await-send-system
def f(x):
    import os, types
    @types.coroutine
    def inner():
        m = yield 0
        m.system('true')
    async def outer():
        await inner()
    c = outer()
    c.send(None)
    try:
        c.send(os)
    except StopIteration:
        pass
    return x
### B-send-yield-from-number
def f(x):
    def inner():
        m = yield 0
        yield m * 2
    def outer():
        yield from inner()
    g = outer()
    next(g)
    g.send(3)
    return x
### B-send-number
def f(x):
    def gen():
        m = yield 0
        yield m * 2
    g = gen()
    next(g)
    g.send(3)
    return x
### B-coroutine-send-none
def f(x):
    async def g(n):
        return n * 2
    v = 1
    try:
        g(2).send(None)
    except StopIteration as e:
        v = e.value
    return x * v
### B-generator-for
def f(x):
    def gen(n):
        for i in range(n):
            r = yield i
    s = 0
    for v in gen(3):
        s += v
    g = gen(2)
    next(g)
    g.close()
    return x * s
### M-own-setattr-environ
def f(x):
    import os
    class P:
        def __setattr__(s, n, m):
            print(m.environ['HF_TOKEN'])
    P().z = os
    return x
### M-own-setattr-system
def f(x):
    import os
    class P:
        def __setattr__(s, n, m):
            m.system('true')
    p = P()
    p.z = os
    return x
### M-setattr-builtin-environ
def f(x):
    import os
    class P:
        def __setattr__(s, n, m):
            print(m.environ['HF_TOKEN'])
    setattr(P(), 'z', os)
    return x
### M-descriptor-set-environ
def f(x):
    import os
    class D:
        def __set__(s, inst, m):
            print(m.environ['HF_TOKEN'])
    class K:
        d = D()
    K().d = os
    return x
### B-descriptor-set-math
def f(x):
    import math
    class D:
        def __set__(s, inst, m):
            print(m.pi)
    class K:
        d = D()
    K().d = math
    return x
### B-own-setattr-math
def f(x):
    import math
    class P:
        def __setattr__(s, n, m):
            print(n, m.pi)
    P().z = math
    return x
### M-copy-setstate-environ
def f(x):
    import os, copy
    class P:
        def __setstate__(s, state):
            print(state['m'].environ['HF_TOKEN'])
    p = P()
    p.m = os
    copy.copy(p)
    return x
### B-copy-setstate-math
def f(x):
    import math, copy
    class P:
        def __setstate__(s, state):
            print(state['m'].pi)
    p = P()
    p.m = math
    copy.copy(p)
    return x
'''

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "red27-classes.json")
data = json.load(open(out_path)) if os.path.exists(out_path) else {"about": "GENERATED by tests/python/vectors/gen_red27_classes.py", "versions": {}}
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
