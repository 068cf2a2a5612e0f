# Generates tests/python/vectors/red28-cost-classes.json: the red-team round 28 (Keras) cost classes A (big-integer
# work), B (sizes given as call arguments), D (C consumers of ranges), E (decompressions of constants) and G (tensor
# library arrays of constant shapes) with benign neighbours, each a `def f(x)` compiled by real CPython 3.6-3.13
# (~/.pyenv/versions/*/bin/python) and stored as the base64 marshal of f.__code__ (as tf_keras' func_dump stores a
# Lambda's function). Nothing is run: the functions are only compiled. Cases named M-... deserve medium or above (a
# load that never returns or exhausts memory), B-... low or below, V-... medium or above on CPython 3.11 and earlier
# and low or below on 3.12+ (huge-integer division is schoolbook before 3.12, subquadratic from 3.12 on). Run from
# the repository root:
#   for v in ~/.pyenv/versions/3.{6,7,8,9,10,11,12,13}*/bin/python; do $v tests/python/vectors/gen_red28_cost_classes.py; done
import base64, bz2, gzip, json, lzma, marshal, os, re, sys

BZ2_BOMB = bz2.compress(b"\0" * 2 * 10**8, 9)  # ~150 bytes, 2*10**8 bytes out
BZ2_SMALL = bz2.compress(b"\0" * 100)
XZ_SMALL = lzma.compress(b"\0" * 100)
XZ_BOMB = lzma.compress(b"\0" * (10**8 + 10**6))  # ~15 kB
XZ_TRUNCATED = XZ_SMALL[:40]
ALONE_SMALL = lzma.compress(b"\0" * 100, format=lzma.FORMAT_ALONE)
ALONE_BOMB = lzma.compress(b"\0" * (10**8 + 10**6), format=lzma.FORMAT_ALONE)  # ~14 kB
GZIP_SMALL = gzip.compress(b"abc" * 100)

CASES = r'''
### V-floordiv
def f(x):
    q = 2 ** 9900000 // 3 ** 2000000
    return x
### V-mod
def f(x):
    q = 2 ** 9900000 % 3 ** 2000000
    return x
### V-divmod
def f(x):
    q = divmod(2 ** 9900000, 3 ** 2000000)
    return x
### M-powmod
def f(x):
    q = pow(3, 2 ** 1000000, 10 ** 3000 + 7)
    return x
### M-gcd
def f(x):
    import math
    q = math.gcd(3 ** 6000000, 5 ** 4000000)
    return x
### M-lcm
def f(x):
    import math
    q = math.lcm(3 ** 6000000, 5 ** 4000000)
    return x
### B-floordiv-small
def f(x):
    q = 2 ** 99000 // 3 ** 20000
    return x
### B-powmod-small
def f(x):
    q = pow(3, 2 ** 100, 10 ** 3000 + 7)
    return x
### B-powmod-rsa
def f(x):
    q = pow(7, 65537, 2 ** 2048 - 1)
    return x
### B-gcd-small
def f(x):
    import math
    q = math.gcd(12, 18)
    return x
### B-tensor-floordiv
def f(x):
    return x // 2 + x % 3
### M-ljust
def f(x):
    s = 'a'.ljust(4 * 10 ** 9)
    return x
### M-center
def f(x):
    s = 'a'.center(4 * 10 ** 9)
    return x
### M-zfill
def f(x):
    s = '1'.zfill(4 * 10 ** 9)
    return x
### M-format-width
def f(x):
    s = format(1, '>4000000000')
    return x
### M-format-precision
def f(x):
    s = format(1.0, '.2000000000f')
    return x
### M-fstring-width
def f(x):
    n = 4000000000
    s = f'{1:>{n}}'
    return x
### M-fstring-const-width
def f(x):
    s = f'{1:>4000000000}'
    return x
### M-str-format-width
def f(x):
    s = '{:>4000000000}'.format(1)
    return x
### M-str-format-nested-width
def f(x):
    n = 4000000000
    s = '{:>{}}'.format(1, n)
    return x
### M-str-format-named-width
def f(x):
    s = '{0:>{w}}'.format(1, w=4 * 10 ** 9)
    return x
### B-str-format-nested-width
def f(x):
    s = '{:>{}}|{0:.{p}f}'.format(1.5, 8, p=3)
    return x
### M-bytearray
def f(x):
    s = bytearray(4 * 10 ** 9)
    return x
### M-bytes
def f(x):
    s = bytes(4 * 10 ** 9)
    return x
### M-expandtabs
def f(x):
    s = ('\t' * 1000).expandtabs(1000000)
    return x
### M-replace-growth
def f(x):
    s = ('a' * 1000).replace('a', 'b' * 1000000)
    return x
### B-ljust-small
def f(x):
    s = 'a'.ljust(40)
    return x
### B-format-3f
def f(x):
    s = format(1.5, '.3f')
    return x
### B-fstring-width
def f(x):
    v = 1.5
    s = f'{v:>8}'
    return x
### B-fstring-nested
def f(x):
    v = 1.5
    p = 3
    s = f'{v:.{p}f}'
    return x
### B-str-format
def f(x):
    s = '{:>10}|{:.2f}'.format('a', 1.5)
    return x
### B-bytes-small
def f(x):
    s = bytes(16) + bytearray(8)
    return x
### B-replace
def f(x):
    s = 'a-b-c'.replace('-', '__')
    return x
### B-expandtabs
def f(x):
    s = 'a\tb'.expandtabs(4)
    return x
### M-sum-range
def f(x):
    s = sum(range(9 * 10 ** 9))
    return x
### M-max-range
def f(x):
    s = max(range(9 * 10 ** 9))
    return x
### M-min-map-range
def f(x):
    s = min(map(abs, range(9 * 10 ** 9)))
    return x
### M-all-range
def f(x):
    s = all(range(1, 9 * 10 ** 9))
    return x
### M-list-range
def f(x):
    s = list(range(2 * 10 ** 9))
    return x
### M-sorted-range
def f(x):
    s = sorted(range(2 * 10 ** 8))
    return x
### M-set-range
def f(x):
    s = set(range(2 * 10 ** 8))
    return x
### M-deque-range
def f(x):
    import collections
    s = collections.deque(range(2 * 10 ** 8))
    return x
### M-join-map-range
def f(x):
    s = ''.join(map(str, range(2 * 10 ** 8)))
    return x
### B-sum-range
def f(x):
    return x + sum(range(10))
### B-max-range
def f(x):
    s = max(range(9 * 10 ** 6))
    return x
### B-any-range
def f(x):
    s = any(range(10 ** 12))
    return x
### B-all-range-zero
def f(x):
    s = all(range(10 ** 12))
    return x
### B-list-range
def f(x):
    s = list(range(2 * 10 ** 6))
    return x
### M-bz2-bomb
def f(x):
    import bz2
    s = bz2.decompress(BZ2_BOMB)
    return x
### M-bz2-codec-bomb
def f(x):
    import codecs
    s = codecs.decode(BZ2_BOMB, 'bz2_codec')
    return x
### B-xz-small
def f(x):
    import lzma
    s = lzma.decompress(XZ_SMALL)
    return x
### M-xz-bomb
def f(x):
    import lzma
    s = lzma.decompress(XZ_BOMB)
    return x
### M-xz-truncated-unmeasured
def f(x):
    import lzma
    s = lzma.decompress(XZ_TRUNCATED)
    return x
### M-lzma-alone-bomb
def f(x):
    import lzma
    s = lzma.decompress(ALONE_BOMB)
    return x
### M-lzma-raw-unmeasured
def f(x):
    import lzma
    s = lzma.decompress(XZ_SMALL, format=lzma.FORMAT_RAW, filters=[{'id': lzma.FILTER_LZMA2}])
    return x
### B-gzip-small
def f(x):
    import gzip
    s = gzip.decompress(GZIP_SMALL)
    return x
### B-bz2-small
def f(x):
    import bz2
    s = bz2.decompress(BZ2_SMALL)
    return x
### B-lzma-alone-small
def f(x):
    import lzma
    s = lzma.decompress(ALONE_SMALL)
    return x
### M-np-ones
def f(x):
    import numpy as np
    s = np.ones((30000, 30000))
    return x
### M-np-zeros-int8
def f(x):
    import numpy as np
    s = np.zeros((100000, 100000), dtype='int8')
    return x
### M-np-full
def f(x):
    import numpy as np
    s = np.full((50000, 50000), 1.0)
    return x
### M-np-arange
def f(x):
    import numpy as np
    s = np.arange(10 ** 9)
    return x
### M-np-linspace
def f(x):
    import numpy as np
    s = np.linspace(0, 1, 10 ** 9)
    return x
### M-np-eye
def f(x):
    import numpy as np
    s = np.eye(50000)
    return x
### M-np-identity
def f(x):
    import numpy as np
    s = np.identity(50000)
    return x
### M-np-tile
def f(x):
    import numpy as np
    s = np.tile([1.0, 2.0], 10 ** 9)
    return x
### M-np-repeat
def f(x):
    import numpy as np
    s = np.repeat([1.0], 2 * 10 ** 9)
    return x
### M-np-outer
def f(x):
    import numpy as np
    s = np.outer(np.arange(50000), np.arange(50000))
    return x
### M-np-random-rand
def f(x):
    import numpy as np
    s = np.random.rand(30000, 30000)
    return x
### M-np-random-normal
def f(x):
    import numpy as np
    s = np.random.normal(0, 1, (30000, 30000))
    return x
### M-ops-zeros
def f(x):
    from keras import ops
    s = ops.zeros((30000, 30000))
    return x
### M-ops-broadcast
def f(x):
    from keras import ops
    s = ops.broadcast_to(1.0, (30000, 30000))
    return x
### M-tf-ones
def f(x):
    import tensorflow as tf
    s = tf.ones((30000, 30000))
    return x
### M-tf-fill
def f(x):
    import tensorflow as tf
    s = tf.fill((30000, 30000), 1.0)
    return x
### M-tf-random-normal
def f(x):
    import tensorflow as tf
    s = tf.random.normal((30000, 30000))
    return x
### B-np-ones
def f(x):
    import numpy as np
    return x + np.ones((4, 4))
### B-np-zeros-mb
def f(x):
    import numpy as np
    return x + np.zeros((1000, 1000), dtype='float32')
### B-ops-zeros-like
def f(x):
    from keras import ops
    return x + ops.zeros_like(x)
### B-np-arange
def f(x):
    import numpy as np
    return x * np.arange(10)
### B-np-eye
def f(x):
    import numpy as np
    return x @ np.eye(4)
### B-np-linspace
def f(x):
    import numpy as np
    return x * np.linspace(0, 1, 100)
### B-tf-ones
def f(x):
    import tensorflow as tf
    return x + tf.ones((4, 4))
### B-tf-random
def f(x):
    import tensorflow as tf
    return x + tf.random.normal((4,))
### B-np-tile-input
def f(x):
    import numpy as np
    return np.tile(x, 2)
'''

out_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "red28-cost-classes.json")
data = json.load(open(out_path)) if os.path.exists(out_path) else {"about": "GENERATED by tests/python/vectors/gen_red28_cost_classes.py", "versions": {}}
version = "%d.%d" % sys.version_info[:2]
codes = {}
consts = {"BZ2_BOMB": BZ2_BOMB, "BZ2_SMALL": BZ2_SMALL, "XZ_SMALL": XZ_SMALL, "XZ_BOMB": XZ_BOMB, "XZ_TRUNCATED": XZ_TRUNCATED, "ALONE_SMALL": ALONE_SMALL, "ALONE_BOMB": ALONE_BOMB, "GZIP_SMALL": GZIP_SMALL}
for name, body in re.findall(r'^### (\S+)\n(.*?)(?=^### |\Z)', CASES, re.S | re.M):
    for k, v in consts.items():
        body = body.replace(k, repr(v))
    if sys.version_info < (3, 6) or ("f'" in body and sys.version_info < (3, 6)):
        continue
    ns = {}
    exec(compile(body, name, "exec"), ns)
    codes[name] = base64.b64encode(marshal.dumps(ns["f"].__code__)).decode("ascii")
data["versions"][version] = codes
with open(out_path, "w") as fh:
    json.dump(data, fh, indent=0, sort_keys=True)
    fh.write("\n")
