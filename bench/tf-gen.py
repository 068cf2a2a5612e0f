"""Generates big SavedModels for bench/tf-graph.ts (into a temp dir; never committed).

  nodes <dir> <n>   : saved_model.pb with n NodeDefs: half in the root graph, half in 1,000 library
                      functions called through StatefulPartitionedCall, with a serving signature
  consts <dir> <mb> : saved_model.pb whose Const nodes carry <mb> MB of tensor_content (1 MiB each)
The protos are built with TensorFlow's own generated classes (tensorflow 2.20), as TF1-style
SavedModels (meta graph tagged "serve"), so `saved_model_cli scan` reads them.
"""
import os, sys
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from tensorflow.core.protobuf import saved_model_pb2, meta_graph_pb2
from tensorflow.core.framework import types_pb2

def base(sm):
    mg = sm.meta_graphs.add()
    mg.meta_info_def.tags.append("serve")
    mg.meta_info_def.tensorflow_version = "2.20.0"
    return mg

def add_const_f(g, name):
    n = g.node.add(); n.name = name; n.op = "Const"
    n.attr["dtype"].type = types_pb2.DT_FLOAT
    t = n.attr["value"].tensor; t.dtype = types_pb2.DT_FLOAT; t.tensor_shape.SetInParent(); t.float_val.append(1.0)
    return n

def nodes(d, total):
    sm = saved_model_pb2.SavedModel(); sm.saved_model_schema_version = 1
    mg = base(sm); g = mg.graph_def
    nfun = 1000
    per_fn = (total // 2) // nfun
    for f in range(nfun):
        fd = g.library.function.add(); fd.signature.name = f"__inference_fn_{f}"
        a = fd.signature.input_arg.add(); a.name = "x"; a.type = types_pb2.DT_FLOAT
        o = fd.signature.output_arg.add(); o.name = "y"; o.type = types_pb2.DT_FLOAT
        prev = "x"
        for i in range(per_fn):
            n = fd.node_def.add(); n.name = f"add_{i}"; n.op = "AddV2"; n.input.extend([prev, prev]); n.attr["T"].type = types_pb2.DT_FLOAT
            prev = f"add_{i}:z:0"
        fd.ret["y"] = prev
    x = g.node.add(); x.name = "x"; x.op = "Placeholder"; x.attr["dtype"].type = types_pb2.DT_FLOAT
    add_const_f(g, "one")
    prev = "x"
    root = total - nfun * per_fn - 2
    for i in range(root):
        n = g.node.add(); n.name = f"n{i}"
        if i % (root // nfun) == 0 and i // (root // nfun) < nfun:
            n.op = "StatefulPartitionedCall"; n.input.append(prev)
            n.attr["f"].func.name = f"__inference_fn_{i // (root // nfun)}"
            n.attr["Tin"].list.type.append(types_pb2.DT_FLOAT); n.attr["Tout"].list.type.append(types_pb2.DT_FLOAT)
        else:
            n.op = "AddV2"; n.input.extend([prev, "one"]); n.attr["T"].type = types_pb2.DT_FLOAT
        prev = n.name
    sig = mg.signature_def["serving_default"]; sig.method_name = "tensorflow/serving/predict"
    sig.inputs["x"].name = "x:0"; sig.outputs["y"].name = prev + ":0"
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "saved_model.pb"), "wb").write(sm.SerializeToString())
    print(len(g.node) + sum(len(f.node_def) for f in g.library.function))

def consts(d, mb):
    sm = saved_model_pb2.SavedModel(); sm.saved_model_schema_version = 1
    mg = base(sm); g = mg.graph_def
    blob = bytes(range(256)) * 4096  # 1 MiB
    x = g.node.add(); x.name = "x"; x.op = "Placeholder"; x.attr["dtype"].type = types_pb2.DT_FLOAT
    prev = "x"
    for i in range(mb):
        n = g.node.add(); n.name = f"w{i}"; n.op = "Const"; n.attr["dtype"].type = types_pb2.DT_FLOAT
        t = n.attr["value"].tensor; t.dtype = types_pb2.DT_FLOAT
        t.tensor_shape.dim.add().size = len(blob) // 4
        t.tensor_content = blob
        a = g.node.add(); a.name = f"a{i}"; a.op = "AddV2"; a.input.extend([prev, n.name]); a.attr["T"].type = types_pb2.DT_FLOAT
        prev = a.name
    sig = mg.signature_def["serving_default"]; sig.method_name = "tensorflow/serving/predict"
    sig.inputs["x"].name = "x:0"; sig.outputs["y"].name = prev + ":0"
    os.makedirs(d, exist_ok=True)
    open(os.path.join(d, "saved_model.pb"), "wb").write(sm.SerializeToString())
    print(len(g.node))

if __name__ == "__main__":
    kind, d, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
    (nodes if kind == "nodes" else consts)(d, n)
