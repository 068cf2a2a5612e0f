#!/usr/bin/env python3
"""OpDef facts behind the wait judgements of src/tf/graph.ts (GROUP_SIZE, ONE_RECORD_READERS), read from every op
the installed TensorFlow registers (C API TF_GetAllOpList, hidden ops included): each op with an input or attr
that names a collective group's size (group_size, num_devices) or takes a communicator, with where it is; and every
reader op (an output named reader_handle). Run with the fixture venv:
~/.cache/graphwarden/venvs/gen/bin/python tools/gen-wait-op-vectors.py -> tests/tf/vectors/wait-ops.json"""
import json
import os
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import tensorflow as tf  # noqa: E402
from tensorflow.core.framework import op_def_pb2  # noqa: E402
from tensorflow.python.client import pywrap_tf_session as c_api  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "wait-ops.json"


def main() -> None:
    ops = op_def_pb2.OpList()
    ops.ParseFromString(c_api.TF_GetBuffer(c_api.TF_GetAllOpList()))
    groups = {}
    readers = []
    for o in sorted(ops.op, key=lambda o: o.name):
        inputs = [a.name for a in o.input_arg]
        attrs = [a.name for a in o.attr]
        where = {}
        for i, n in enumerate(inputs):
            if n == "group_size":
                where["input"] = i
            if n == "communicator":
                where["communicator"] = i
        for n in attrs:
            if n in ("group_size", "num_devices"):
                where["attr"] = n
        if where:
            groups[o.name] = where
        if any(a.name == "reader_handle" for a in o.output_arg):
            readers.append(o.name)
    OUT.write_text(json.dumps({"tensorflow": tf.__version__, "groups": groups, "readers": readers}, indent=1) + "\n")
    print(f"{len(groups)} collective ops, {len(readers)} readers -> {OUT}")


if __name__ == "__main__":
    main()
