#!/usr/bin/env python3
"""Differential vectors for singular protobuf fields (round 5, A3): every singular field graphwarden's binary
readers use (src/tf/graph-binary.ts, the schema-driven reader behind src/tf/proto.ts, src/tf/checkpoint.ts)
is written once with a value and then a SECOND time with its empty/default value (or, for a oneof, another
member), and the real protobuf parser of the fixture venv reads the wire. Protobuf keeps the last occurrence
of a singular scalar, merges a repeated singular message, and a oneof keeps its last member; the test
(tests/tf/protobuf-lastwins.test.ts) decodes the same bytes with our readers and compares.
Run: ~/.cache/graphwarden/venvs/gen/bin/python tools/gen-protobuf-lastwins-vectors.py
     -> tests/tf/vectors/protobuf-lastwins.json
The extra occurrence is hand-encoded (a conforming serializer never writes a default proto3 scalar); the
parse and the expected values come from google.protobuf (the parser TensorFlow's Python loaders use)."""
import copy
import json
import os
import struct
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
from google.protobuf import __version__ as PB_VERSION  # noqa: E402
from google.protobuf.descriptor import FieldDescriptor as FD  # noqa: E402
from tensorflow.core.framework import graph_pb2  # noqa: E402
from tensorflow.core.protobuf import saved_model_pb2, trackable_object_graph_pb2, tensor_bundle_pb2  # noqa: E402

OUT = Path(__file__).resolve().parent.parent / "tests" / "tf" / "vectors" / "protobuf-lastwins.json"


def varint(n: int) -> bytes:
    if n < 0:
        n += 1 << 64
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def tag(num: int, wt: int) -> bytes:
    return varint((num << 3) | wt)


def ld(num: int, data: bytes) -> bytes:
    return tag(num, 2) + varint(len(data)) + data


def default_occurrence(fd) -> bytes:
    """The field written once more with its default value (empty string/bytes/message, 0, false, 0.0)."""
    if fd.type in (FD.TYPE_STRING, FD.TYPE_BYTES, FD.TYPE_MESSAGE):
        return ld(fd.number, b"")
    if fd.type == FD.TYPE_FLOAT:
        return tag(fd.number, 5) + struct.pack("<f", 0.0)
    if fd.type == FD.TYPE_DOUBLE:
        return tag(fd.number, 1) + struct.pack("<d", 0.0)
    return tag(fd.number, 0) + varint(0)


def wrong_wire_occurrence(fd) -> bytes:
    """The field written once more with a wire type that is not its own (an unknown field to protobuf):
    a varint for a length-delimited or fixed field, a length-delimited value for a varint field."""
    if fd.type in (FD.TYPE_STRING, FD.TYPE_BYTES, FD.TYPE_MESSAGE, FD.TYPE_FLOAT, FD.TYPE_DOUBLE):
        return tag(fd.number, 0) + varint(1)
    return ld(fd.number, b"\x01")


INT32_TYPES = (FD.TYPE_INT32, FD.TYPE_ENUM, FD.TYPE_SINT32, FD.TYPE_UINT32)


def high_bits_occurrence(fd, v: int) -> bytes:
    """An int32/enum/uint32 field written once more with its value plus 2^32 (and a 10-byte negative): protobuf keeps the low 32 bits."""
    return tag(fd.number, 0) + varint(v + (1 << 32) + (1 << 40))


def encode(msg, path, extra: bytes) -> bytes:
    """msg serialized with `extra` appended inside the submessage `path` names. Steps: "name" (singular
    message), ("name", i) (repeated message element i; the field's elements are re-appended in order after
    the other fields), ("name", "key") on a map (entry moved last)."""
    if not path:
        return msg.SerializeToString() + extra
    step, rest = path[0], path[1:]
    m = copy.deepcopy(msg)
    if isinstance(step, str):
        child = getattr(msg, step)
        m.ClearField(step)
        return m.SerializeToString() + ld(msg.DESCRIPTOR.fields_by_name[step].number, encode(child, rest, extra))
    name, key = step
    fd = msg.DESCRIPTOR.fields_by_name[name]
    if fd.message_type is not None and fd.message_type.GetOptions().map_entry:
        child = getattr(msg, name)[key]
        del getattr(m, name)[key]
        entry = ld(1, key.encode()) + ld(2, encode(child, rest, extra))
        return m.SerializeToString() + ld(fd.number, entry)
    m.ClearField(name)
    out = m.SerializeToString()
    for i, el in enumerate(getattr(msg, name)):
        out += ld(fd.number, encode(el, rest, extra) if i == key else el.SerializeToString())
    return out


def walk(msg, path):
    for step in path:
        msg = getattr(msg, step) if isinstance(step, str) else getattr(msg, step[0])[step[1]]
    return msg


def value(msg, field: str):
    v = getattr(msg, field)
    if isinstance(v, bytes):
        return {"bytes": v.hex()}
    if isinstance(v, str):
        return {"str": v}
    if isinstance(v, bool):
        return {"bool": v}
    if isinstance(v, (int, float)):
        return {"num": v}
    return {"message": True}


def base_graph() -> graph_pb2.GraphDef:
    g = graph_pb2.GraphDef()
    n = g.node.add(name="c", op="Const", device="/cpu:0")
    t = n.attr["value"].tensor
    t.dtype = 7
    t.tensor_content = b"\x01\x01x"
    t.string_val.append(b"from_string_val")
    n.attr["s"].s = b"/tmp/x"
    n.attr["i"].i = 5
    n.attr["f"].f = 1.5
    n.attr["b"].b = True
    n.attr["type"].type = 7
    n.attr["ph"].placeholder = "p"
    n.attr["fn"].func.name = "f"
    f = g.library.function.add()
    f.signature.name = "f"
    f.signature.input_arg.add(name="a")
    f.ret["out"] = "c:output:0"
    f.signature.attr.add(name="T").default_value.s = b"dflt"
    g.library.gradient.add(function_name="f", gradient_func="g")
    g.versions.producer = 1234
    return g


def base_saved_model() -> saved_model_pb2.SavedModel:
    sm = saved_model_pb2.SavedModel(saved_model_schema_version=1)
    mg = sm.meta_graphs.add()
    mg.meta_info_def.tensorflow_version = "2.20.0"
    mg.meta_info_def.tags.append("serve")
    mg.saver_def.filename_tensor_name = "save/Const:0"
    mg.saver_def.save_tensor_name = "save/Identity:0"
    mg.saver_def.restore_op_name = "save/restore_all"
    mg.saver_def.version = 2
    sig = mg.signature_def["serving_default"]
    sig.method_name = "tensorflow/serving/predict"
    sig.inputs["x"].name = "x:0"
    sig.outputs["y"].name = "y:0"
    a = mg.asset_file_def.add(filename="vocab.txt")
    a.tensor_info.name = "asset:0"
    mg.collection_def["c"].node_list.value.append("n")
    og = mg.object_graph_def
    root = og.nodes.add()
    root.children.add(node_id=1, local_name="v")
    root.user_object.identifier = "_generic_user_object"
    o1 = og.nodes.add()
    o1.variable.name = "v"
    o1.registered_name = "tf.Thing"
    o2 = og.nodes.add()
    o2.user_object.identifier = "ident"
    o2.user_object.metadata = "{}"
    o3 = og.nodes.add()
    o3.bare_concrete_function.concrete_function_name = "fn"
    o4 = og.nodes.add()
    o4.constant.operation = "Const"
    o5 = og.nodes.add()
    o5.function.concrete_functions.append("fn")
    og.concrete_functions["fn"].bound_inputs.append(1)
    return sm


def base_trackable() -> trackable_object_graph_pb2.TrackableObjectGraph:
    t = trackable_object_graph_pb2.TrackableObjectGraph()
    root = t.nodes.add()
    root.children.add(node_id=1, local_name="a")
    v = t.nodes.add()
    v.attributes.add(name="VARIABLE_VALUE", full_name="a", checkpoint_key="a/.ATTRIBUTES/VARIABLE_VALUE")
    return t


def base_bundle_entry() -> tensor_bundle_pb2.BundleEntryProto:
    e = tensor_bundle_pb2.BundleEntryProto(dtype=7, shard_id=3, offset=17, size=9)
    e.shape.dim.add(size=2)
    return e


# (id, root type, base, path to the submessage, field written again with its default)
CASES = [
    ("node.name", "GraphDef", base_graph, [("node", 0)], "name"),
    ("node.op", "GraphDef", base_graph, [("node", 0)], "op"),
    ("node.device", "GraphDef", base_graph, [("node", 0)], "device"),
    ("tensor.dtype", "GraphDef", base_graph, [("node", 0), ("attr", "value"), "tensor"], "dtype"),
    ("tensor.tensor_content", "GraphDef", base_graph, [("node", 0), ("attr", "value"), "tensor"], "tensor_content"),
    ("attr.tensor", "GraphDef", base_graph, [("node", 0), ("attr", "value")], "tensor"),
    ("attr.s", "GraphDef", base_graph, [("node", 0), ("attr", "s")], "s"),
    ("attr.i", "GraphDef", base_graph, [("node", 0), ("attr", "i")], "i"),
    ("attr.f", "GraphDef", base_graph, [("node", 0), ("attr", "f")], "f"),
    ("attr.b", "GraphDef", base_graph, [("node", 0), ("attr", "b")], "b"),
    ("attr.type", "GraphDef", base_graph, [("node", 0), ("attr", "type")], "type"),
    ("attr.placeholder", "GraphDef", base_graph, [("node", 0), ("attr", "ph")], "placeholder"),
    ("attr.s->i", "GraphDef", base_graph, [("node", 0), ("attr", "s")], "i"),
    ("attr.s->list", "GraphDef", base_graph, [("node", 0), ("attr", "s")], "list"),
    ("attr.i->s", "GraphDef", base_graph, [("node", 0), ("attr", "i")], "s"),
    ("attr.func->placeholder", "GraphDef", base_graph, [("node", 0), ("attr", "fn")], "placeholder"),
    ("attr.func", "GraphDef", base_graph, [("node", 0), ("attr", "fn")], "func"),
    ("func.name", "GraphDef", base_graph, [("node", 0), ("attr", "fn"), "func"], "name"),
    ("argdef.name", "GraphDef", base_graph, ["library", ("function", 0), "signature", ("input_arg", 0)], "name"),
    ("opdef.name", "GraphDef", base_graph, ["library", ("function", 0), "signature"], "name"),
    ("attrdef.default_value.s", "GraphDef", base_graph, ["library", ("function", 0), "signature", ("attr", 0), "default_value"], "s"),
    ("gradient.function_name", "GraphDef", base_graph, ["library", ("gradient", 0)], "function_name"),
    ("gradient.gradient_func", "GraphDef", base_graph, ["library", ("gradient", 0)], "gradient_func"),
    ("versions.producer", "GraphDef", base_graph, ["versions"], "producer"),
    ("meta_info.tensorflow_version", "SavedModel", base_saved_model, [("meta_graphs", 0), "meta_info_def"], "tensorflow_version"),
    ("saver.filename_tensor_name", "SavedModel", base_saved_model, [("meta_graphs", 0), "saver_def"], "filename_tensor_name"),
    ("saver.save_tensor_name", "SavedModel", base_saved_model, [("meta_graphs", 0), "saver_def"], "save_tensor_name"),
    ("saver.restore_op_name", "SavedModel", base_saved_model, [("meta_graphs", 0), "saver_def"], "restore_op_name"),
    ("saver.version", "SavedModel", base_saved_model, [("meta_graphs", 0), "saver_def"], "version"),
    ("signature.method_name", "SavedModel", base_saved_model, [("meta_graphs", 0), ("signature_def", "serving_default")], "method_name"),
    ("tensor_info.name", "SavedModel", base_saved_model, [("meta_graphs", 0), ("signature_def", "serving_default"), ("inputs", "x")], "name"),
    ("asset.filename", "SavedModel", base_saved_model, [("meta_graphs", 0), ("asset_file_def", 0)], "filename"),
    ("asset.tensor_info.name", "SavedModel", base_saved_model, [("meta_graphs", 0), ("asset_file_def", 0), "tensor_info"], "name"),
    ("collection.node_list->bytes_list", "SavedModel", base_saved_model, [("meta_graphs", 0), ("collection_def", "c")], "bytes_list"),
    ("object.registered_name", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 1)], "registered_name"),
    ("object.variable->user_object", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 1)], "user_object"),
    ("object.user_object->resource", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 2)], "resource"),
    ("user_object.identifier", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 2), "user_object"], "identifier"),
    ("user_object.metadata", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 2), "user_object"], "metadata"),
    ("bare.concrete_function_name", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 3), "bare_concrete_function"], "concrete_function_name"),
    ("constant.operation", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 4), "constant"], "operation"),
    ("object_ref.node_id", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 0), ("children", 0)], "node_id"),
    ("object_ref.local_name", "SavedModel", base_saved_model, [("meta_graphs", 0), "object_graph_def", ("nodes", 0), ("children", 0)], "local_name"),
    ("ckpt.child.node_id", "TrackableObjectGraph", base_trackable, [("nodes", 0), ("children", 0)], "node_id"),
    ("ckpt.child.local_name", "TrackableObjectGraph", base_trackable, [("nodes", 0), ("children", 0)], "local_name"),
    ("ckpt.attribute.name", "TrackableObjectGraph", base_trackable, [("nodes", 1), ("attributes", 0)], "name"),
    ("ckpt.attribute.checkpoint_key", "TrackableObjectGraph", base_trackable, [("nodes", 1), ("attributes", 0)], "checkpoint_key"),
    ("bundle.dtype", "BundleEntryProto", base_bundle_entry, [], "dtype"),
    ("bundle.shard_id", "BundleEntryProto", base_bundle_entry, [], "shard_id"),
    ("bundle.offset", "BundleEntryProto", base_bundle_entry, [], "offset"),
    ("bundle.size", "BundleEntryProto", base_bundle_entry, [], "size"),
    ("bundle.dim.size", "BundleEntryProto", base_bundle_entry, ["shape", ("dim", 0)], "size"),
]

# A map key written again (an entry with the key and no value): the whole value is replaced, not merged.
MAP_CASES = [
    ("map.attr.duplicate_key", "GraphDef", base_graph, [("node", 0)], "attr", "s"),
    ("map.signature_def.duplicate_key", "SavedModel", base_saved_model, [("meta_graphs", 0)], "signature_def", "serving_default"),
]

TYPES = {
    "GraphDef": graph_pb2.GraphDef,
    "SavedModel": saved_model_pb2.SavedModel,
    "TrackableObjectGraph": trackable_object_graph_pb2.TrackableObjectGraph,
    "BundleEntryProto": tensor_bundle_pb2.BundleEntryProto,
}


def main() -> None:
    vectors = []
    for vid, root, base, path, field in CASES:
        msg = base()
        sub = walk(msg, path)
        fd = sub.DESCRIPTOR.fields_by_name[field]
        wire = encode(msg, path, default_occurrence(fd))
        parsed = TYPES[root].FromString(wire)
        psub = walk(parsed, path)
        v = {"id": vid, "type": root, "hex": wire.hex(), "field": field, "value": value(psub, field)}
        if fd.containing_oneof is not None:
            v["oneof"] = psub.WhichOneof(fd.containing_oneof.name)
        if fd.type == FD.TYPE_MESSAGE:
            v["value"] = {"message": psub.HasField(field)}
        if vid.startswith("tensor.") or vid == "attr.tensor":
            t = walk(parsed, [("node", 0), ("attr", "value"), "tensor"])
            v["tensor"] = {"dtype": t.dtype, "content": t.tensor_content.hex(), "strings": [s.hex() for s in t.string_val]}
        vectors.append(v)
        # the same field once more with the wrong wire type (skipped: the value stays), and, for a 32-bit
        # integer field, with high bits set (the low 32 bits are its value)
        extras = [("@wire", wrong_wire_occurrence(fd))]
        if fd.type in INT32_TYPES and not getattr(fd, "is_repeated", False):
            extras.append(("@high32", high_bits_occurrence(fd, 7)))
        for suffix, extra in extras:
            if fd.containing_oneof is not None and suffix == "@wire":
                continue  # covered by the oneof cases above (a wrong-wire member must not clear the others: see attr.* below)
            wire = encode(msg, path, extra)
            parsed = TYPES[root].FromString(wire)
            psub = walk(parsed, path)
            w = {"id": vid + suffix, "type": root, "hex": wire.hex(), "field": field, "value": value(psub, field)}
            if fd.type == FD.TYPE_MESSAGE:
                w["value"] = {"message": psub.HasField(field)}
            if vid.startswith("tensor.") or vid == "attr.tensor":
                t = walk(parsed, [("node", 0), ("attr", "value"), "tensor"])
                w["tensor"] = {"dtype": t.dtype, "content": t.tensor_content.hex(), "strings": [x.hex() for x in t.string_val]}
            vectors.append(w)
    # a oneof member written with the wrong wire type is an unknown field: the member read before stays
    for vid, path, field in [("attr.s->i@wire", [("node", 0), ("attr", "s")], "i"), ("attr.i->s@wire", [("node", 0), ("attr", "i")], "s"), ("attr.func->placeholder@wire", [("node", 0), ("attr", "fn")], "placeholder")]:
        msg = base_graph()
        fd = walk(msg, path).DESCRIPTOR.fields_by_name[field]
        wire = encode(msg, path, wrong_wire_occurrence(fd))
        psub = walk(graph_pb2.GraphDef.FromString(wire), path)
        vectors.append({"id": vid, "type": "GraphDef", "hex": wire.hex(), "field": field, "value": value(psub, field), "oneof": psub.WhichOneof("value")})
    for vid, root, base, path, field, key in MAP_CASES:
        msg = base()
        fd = walk(msg, path).DESCRIPTOR.fields_by_name[field]
        wire = encode(msg, path, ld(fd.number, ld(1, key.encode())))
        value_msg = getattr(walk(TYPES[root].FromString(wire), path), field)[key]
        # What is left of the replaced value: AttrValue's oneof member / SignatureDef's method_name.
        got = value_msg.WhichOneof("value") if field == "attr" else value_msg.method_name
        vectors.append({"id": vid, "type": root, "hex": wire.hex(), "field": field, "value": {"str": got or ""}})
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"generator": "tools/gen-protobuf-lastwins-vectors.py", "protobuf": PB_VERSION, "vectors": vectors}, indent=1) + "\n")
    print(f"{len(vectors)} vectors -> {OUT}")


if __name__ == "__main__":
    main()
