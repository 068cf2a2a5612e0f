# Generates tests/python/vectors/red29-lambda-classes.json: the red-team round 29 (Keras) Lambda classes A (lzma
# streams after the first), B (a modular inverse), F (reading a GzipFile over io.BytesIO), G (builders whose result
# length is an argument: printf-style %, format_map, to_bytes, join, translate, the operator methods), H (methods of
# numpy Generator / RandomState values) and I (C consumers of a generator expression), with benign neighbours, each a
# `def f(x)` compiled by real CPython 3.6-3.13 and stored as the base64 marshal of f.__code__ (as tf_keras' func_dump
# stores a Lambda's function). Nothing is run: the functions are only compiled. M-... deserve medium or above (a load
# that never returns or exhausts memory), B-... low or below. Run from the repository root:
#   for v in ~/.pyenv/versions/3.{6,7,8,9,10,11,12,13}*/bin/python; do $v tests/python/vectors/gen_red29_lambda_classes.py; done
import base64, gzip, json, lzma, marshal, os, re, sys

ALONE_SMALL = lzma.compress(b"\0" * 100, format=lzma.FORMAT_ALONE)
ALONE_BOMB = lzma.compress(b"\0" * (10**8 + 10**6), format=lzma.FORMAT_ALONE)  # ~14 kB
XZ_BOMB = lzma.compress(b"\0" * (10**8 + 10**6))
GZIP_SMALL = gzip.compress(b"abc" * 100)
GZIP_BOMB = gzip.compress(b"\0" * (10**8 + 10**6), 9)  # ~100 kB

CASES = r'''
### M-lzma-alone-then-bomb
def f(x):
    import lzma
    q = lzma.decompress(ALONE_SMALL + ALONE_BOMB)
    return x
### M-lzma-alone-then-xz-bomb
def f(x):
    import lzma
    q = lzma.decompress(ALONE_SMALL + XZ_BOMB)
    return x
### M-lzma-alone-three
def f(x):
    import lzma
    q = lzma.decompress(ALONE_SMALL + ALONE_SMALL + ALONE_BOMB, 0)
    return x
### B-lzma-alone-two-small
def f(x):
    import lzma
    q = lzma.decompress(ALONE_SMALL + ALONE_SMALL)
    return x
### B-lzma-decompressor-one-stream
def f(x):
    import lzma
    q = lzma.LZMADecompressor().decompress(ALONE_SMALL + ALONE_BOMB)
    return x
### M-invmod
def f(x):
    q = pow(3 ** 630000, -1, 10 ** 300000 + 7)
    return x
### M-invmod-neg-exp
def f(x):
    e = -5
    q = pow(7, e, 2 ** 1500000 - 1)
    return x
### B-invmod-small
def f(x):
    q = pow(3, -1, 10 ** 3000 + 7)
    return x
### B-invmod-rsa
def f(x):
    q = pow(65537, -1, 2 ** 2048 - 1)
    return x
### M-gzipfile-read
def f(x):
    import gzip, io
    q = gzip.GzipFile(fileobj=io.BytesIO(GZIP_BOMB)).read()
    return x
### M-gzipfile-list
def f(x):
    import gzip, io
    q = list(gzip.GzipFile(fileobj=io.BytesIO(GZIP_BOMB)))
    return x
### M-gzipfile-readlines-positional
def f(x):
    import gzip, io
    g = gzip.GzipFile(None, 'rb', 9, io.BytesIO(GZIP_BOMB))
    q = g.readlines()
    return x
### B-gzipfile-read-small
def f(x):
    import gzip, io
    q = gzip.GzipFile(fileobj=io.BytesIO(GZIP_SMALL)).read()
    return x
### B-gzipfile-read-n
def f(x):
    import gzip, io
    q = gzip.GzipFile(fileobj=io.BytesIO(GZIP_BOMB)).read(100)
    return x
### B-gzipfile-roundtrip
def f(x):
    import gzip, io
    q = gzip.GzipFile(fileobj=io.BytesIO(gzip.compress(b'abc'))).read()
    return x
### M-pct-width
def f(x):
    q = '%4000000000d' % 1
    return x
### M-pct-bytes
def f(x):
    q = b'%4000000000d' % 1
    return x
### M-pct-star
def f(x):
    q = '%*d' % (4000000000, 1)
    return x
### M-pct-precision
def f(x):
    q = '%.400000000d' % (1,)
    return x
### M-pct-dunder
def f(x):
    q = '%4000000000s'.__mod__('a')
    return x
### M-format-map
def f(x):
    q = '{x:>4000000000}'.format_map({'x': 1})
    return x
### M-to-bytes
def f(x):
    q = (1).to_bytes(4 * 10 ** 9, 'big')
    return x
### M-join
def f(x):
    q = ''.join(['a' * 10 ** 7] * 1000)
    return x
### M-translate
def f(x):
    q = ('a' * 10 ** 5).translate({97: 'b' * 10 ** 5})
    return x
### M-mul-dunder
def f(x):
    q = 'a'.__mul__(4 * 10 ** 9)
    return x
### M-operator-mul
def f(x):
    import operator
    q = operator.mul(b'a', 4 * 10 ** 9)
    return x
### B-pct
def f(x):
    q = '%5.2f' % 3.14159
    return x
### B-pct-star
def f(x):
    q = '%*d|%-8s' % (6, 1, 'ab')
    return x
### B-pct-mixed
def f(x):
    q = '%s-%03d %.3e %%' % ('name', 3, 2.5)
    return x
### B-gzipfile-list-small
def f(x):
    import gzip, io
    q = list(gzip.GzipFile(fileobj=io.BytesIO(GZIP_SMALL)))
    return x
### B-format-map
def f(x):
    q = '{a:>8}'.format_map({'a': 1})
    return x
### B-to-bytes
def f(x):
    q = (5).to_bytes(2, 'big')
    return x
### B-join
def f(x):
    q = ''.join(['a', 'b'])
    return x
### B-translate
def f(x):
    q = 'abc'.translate({97: 'xy'})
    return x
### M-rng-standard-normal
def f(x):
    import numpy as np
    rng = np.random.default_rng(0)
    q = rng.standard_normal((30000, 30000))
    return x
### M-rng-integers
def f(x):
    import numpy as np
    q = np.random.default_rng(0).integers(0, 10, size=10 ** 9)
    return x
### M-rng-bytes
def f(x):
    import numpy as np
    q = np.random.default_rng(0).bytes(4 * 10 ** 9)
    return x
### M-rng-normal
def f(x):
    import numpy as np
    q = np.random.default_rng(1).normal(0.0, 1.0, size=(30000, 30000))
    return x
### M-rng-uniform
def f(x):
    import numpy as np
    q = np.random.Generator(np.random.PCG64(0)).uniform(size=(30000, 30000))
    return x
### M-randomstate-rand
def f(x):
    import numpy as np
    q = np.random.RandomState(0).rand(30000, 30000)
    return x
### M-randomstate-randint
def f(x):
    import numpy as np
    q = np.random.RandomState(0).randint(0, 9, (30000, 30000))
    return x
### M-rng-permutation
def f(x):
    import numpy as np
    q = np.random.default_rng(0).permutation(2 * 10 ** 9)
    return x
### B-rng-normal
def f(x):
    import numpy as np
    rng = np.random.default_rng(0)
    q = rng.normal(size=(4,))
    return x
### B-rng-integers
def f(x):
    import numpy as np
    q = np.random.default_rng(0).integers(0, 10, size=1000)
    return x
### B-randomstate-randn
def f(x):
    import numpy as np
    q = np.random.RandomState(0).randn(3, 4)
    return x
### M-genexp-sum
def f(x):
    q = sum(i for i in range(9 * 10 ** 9))
    return x
### M-genexp-max
def f(x):
    q = max(i * 2 for i in range(9 * 10 ** 9))
    return x
### M-genexp-list
def f(x):
    q = list(i for i in range(2 * 10 ** 9))
    return x
### M-genexp-sorted
def f(x):
    q = sorted(-i for i in range(2 * 10 ** 9))
    return x
### M-genexp-filtered-sum
def f(x):
    q = sum(i for i in range(9 * 10 ** 9) if i % 7 == 0)
    return x
### M-genexp-join
def f(x):
    q = ''.join('a' for _ in range(2 * 10 ** 9))
    return x
### B-genexp-sum
def f(x):
    q = sum(i for i in range(10))
    return x
### B-genexp-list
def f(x):
    q = list(i * i for i in range(1000))
    return x
### B-genexp-filtered-list
def f(x):
    q = list(i for i in range(10 ** 6) if i % 3 == 0)
    return x
'''

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "red29-lambda-classes.json")
data = json.load(open(out_path)) if os.path.exists(out_path) else {"about": "GENERATED by tests/python/vectors/gen_red29_lambda_classes.py", "versions": {}}
version = "%d.%d" % sys.version_info[:2]
codes = {}
consts = {"ALONE_SMALL": ALONE_SMALL, "ALONE_BOMB": ALONE_BOMB, "XZ_BOMB": XZ_BOMB, "GZIP_SMALL": GZIP_SMALL, "GZIP_BOMB": GZIP_BOMB}
for name, body in re.findall(r'^### (\S+)\n(.*?)(?=^### |\Z)', CASES, re.S | re.M):
    # (the ~100 kB gzip bomb is compiled on 3.8, 3.11, 3.12 and 3.13 only, to keep the vector file small)
    if "GZIP_BOMB" in body and sys.version_info[:2] not in ((3, 8), (3, 11), (3, 12), (3, 13)):
        continue
    for k, v in consts.items():
        body = body.replace(k, repr(v))
    ns = {}
    exec(compile(body, name, "exec"), ns)
    codes[name] = base64.b64encode(marshal.dumps(ns["f"].__code__)).decode("ascii")
data["versions"][version] = codes
with open(out_path, "w") as fh:
    json.dump(data, fh, indent=0, sort_keys=True)
    fh.write("\n")
