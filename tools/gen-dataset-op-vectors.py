#!/usr/bin/env python3
"""The dataset ops of the installed TensorFlow, from its OpDefs (C API TF_GetAllOpList): every op that takes or
makes a dataset (a DT_VARIANT input or output of a *Dataset* op, or a DT_VARIANT input named like a dataset),
with each input's name, whether it is a list, and whether it is a variant. tests/tf/dataset-ops.test.ts checks
that the scanner's dataset table (src/tf/dataset-ops.ts) classifies every one of them and reads the dataset
inputs TensorFlow declares. Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-dataset-op-vectors.py -> tests/tf/vectors/dataset-ops.json"""
import json
import os
import sys
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402
from tensorflow.core.framework import op_def_pb2, types_pb2  # noqa: E402
from tensorflow.python.client import pywrap_tf_session as c  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "dataset-ops.json"


def main() -> None:
    buf = c.TF_GetAllOpList()
    op_list = op_def_pb2.OpList()
    op_list.ParseFromString(buf if isinstance(buf, bytes) else c.TF_GetBuffer(buf))
    ops = {}
    for op in op_list.op:
        vin = [a for a in op.input_arg if a.type == types_pb2.DT_VARIANT]
        vout = [a for a in op.output_arg if a.type == types_pb2.DT_VARIANT]
        named = any("dataset" in a.name for a in vin)
        if not (("Dataset" in op.name and (vin or vout)) or named):
            continue
        ops[op.name] = {
            "inputs": [{"name": a.name, "list": bool(a.number_attr or a.type_list_attr), "variant": a.type == types_pb2.DT_VARIANT} for a in op.input_arg],
            "makesDataset": bool(vout),
        }
    OUT.write_text(json.dumps({"generator": "tools/gen-dataset-op-vectors.py", "tensorflow": tf.__version__, "ops": dict(sorted(ops.items()))}, indent=1) + "\n")
    print(f"{len(ops)} dataset ops -> {OUT}", file=sys.stderr)


if __name__ == "__main__":
    main()
