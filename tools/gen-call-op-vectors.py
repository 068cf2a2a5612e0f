#!/usr/bin/env python3
"""The input layout of every op that calls a function, from the OpDefs of the installed TensorFlow (C API
TF_GetAllOpList): each input_arg's name and whether it is one tensor or a list (number_attr / type_list_attr),
and the op's func attrs. tests/tf/call-ops.test.ts checks against it where the scanner binds a callee's
arguments (src/tf/graph.ts CALL_LAYOUTS). Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-call-op-vectors.py -> tests/tf/vectors/call-ops.json"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402
from tensorflow.core.framework import op_def_pb2  # noqa: E402
from tensorflow.python.client import pywrap_tf_session as c  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "call-ops.json"


def main() -> None:
    buf = c.TF_GetAllOpList()
    op_list = op_def_pb2.OpList()
    op_list.ParseFromString(buf if isinstance(buf, bytes) else c.TF_GetBuffer(buf))
    ops = {}
    for op in op_list.op:
        funcs = [a.name for a in op.attr if a.type in ("func", "list(func)")]
        if not funcs:
            continue
        ops[op.name] = {
            "inputs": [{"name": a.name, "list": bool(a.number_attr or a.type_list_attr), "types": a.type_list_attr or None} for a in op.input_arg],
            "funcs": funcs,
        }
    OUT.write_text(json.dumps({"generator": "tools/gen-call-op-vectors.py", "tensorflow": tf.__version__, "ops": dict(sorted(ops.items()))}, indent=1) + "\n")
    print(f"{len(ops)} call ops -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
