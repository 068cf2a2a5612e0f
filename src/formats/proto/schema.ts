// Minimal TensorFlow protobuf schemas: only the fields graphwarden reads. Field numbers are those of
// TensorFlow 2.20's generated descriptors (saved_model.proto, meta_graph.proto, graph.proto,
// node_def.proto, function.proto, op_def.proto, attr_value.proto, tensor.proto, saver.proto,
// saved_object_graph.proto, trackable_object_graph.proto, fingerprint.proto, and Keras's
// saved_metadata.proto); see docs/decisions/tf.md for how they were checked. Everything else is
// skipped unread (notably the numeric *_val arrays; tensor_content is kept as a view, not copied).
import type { PbSchemaSet } from "../protobuf.js";

const mapEntry = (valueKind: "string" | "message", valueType?: string) =>
  valueKind === "string"
    ? { 1: { name: "key", kind: "string" as const }, 2: { name: "value", kind: "string" as const } }
    : { 1: { name: "key", kind: "string" as const }, 2: { name: "value", kind: "message" as const, type: valueType ?? "" } };

export const TF_SCHEMAS: PbSchemaSet = {
  SavedModel: {
    1: { name: "saved_model_schema_version", kind: "int" },
    2: { name: "meta_graphs", kind: "message", type: "MetaGraphDef", repeated: true },
  },
  MetaGraphDef: {
    1: { name: "meta_info_def", kind: "message", type: "MetaInfoDef" },
    2: { name: "graph_def", kind: "message", type: "GraphDef" },
    3: { name: "saver_def", kind: "message", type: "SaverDef" },
    4: { name: "collection_def", kind: "message", type: "CollectionDefEntry", repeated: true },
    5: { name: "signature_def", kind: "message", type: "SignatureDefEntry", repeated: true },
    6: { name: "asset_file_def", kind: "message", type: "AssetFileDef", repeated: true },
    7: { name: "object_graph_def", kind: "message", type: "SavedObjectGraph" },
  },
  MetaInfoDef: {
    1: { name: "meta_graph_version", kind: "string" },
    4: { name: "tags", kind: "string", repeated: true },
    5: { name: "tensorflow_version", kind: "string" },
    6: { name: "tensorflow_git_version", kind: "string" },
  },
  CollectionDefEntry: mapEntry("message", "CollectionDef"),
  CollectionDef: {
    1: { name: "node_list", kind: "message", type: "CollectionNodeList", oneof: "kind" },
    2: { name: "bytes_list", kind: "message", type: "CollectionBytesList", oneof: "kind" },
    3: { name: "int64_list", kind: "message", type: "Empty", oneof: "kind" },
    4: { name: "float_list", kind: "message", type: "Empty", oneof: "kind" },
    5: { name: "any_list", kind: "message", type: "CollectionAnyList", oneof: "kind" },
  },
  CollectionAnyList: { 1: { name: "value", kind: "message", type: "Any", repeated: true } },
  Any: { 1: { name: "type_url", kind: "string" }, 2: { name: "value", kind: "bytes" } },
  CollectionNodeList: { 1: { name: "value", kind: "string", repeated: true } },
  CollectionBytesList: { 1: { name: "value", kind: "bytes", repeated: true } },
  SignatureDefEntry: mapEntry("message", "SignatureDef"),
  SignatureDef: {
    1: { name: "inputs", kind: "message", type: "TensorInfoEntry", repeated: true },
    2: { name: "outputs", kind: "message", type: "TensorInfoEntry", repeated: true },
    3: { name: "method_name", kind: "string" },
  },
  TensorInfoEntry: mapEntry("message", "TensorInfo"),
  TensorInfo: {
    1: { name: "name", kind: "string", oneof: "encoding" },
    2: { name: "dtype", kind: "enum" },
    4: { name: "coo_sparse", kind: "message", type: "Empty", oneof: "encoding" },
    5: { name: "composite_tensor", kind: "message", type: "Empty", oneof: "encoding" },
  },
  AssetFileDef: {
    1: { name: "tensor_info", kind: "message", type: "TensorInfo" },
    2: { name: "filename", kind: "string" },
  },
  SaverDef: {
    1: { name: "filename_tensor_name", kind: "string" },
    2: { name: "save_tensor_name", kind: "string" },
    3: { name: "restore_op_name", kind: "string" },
    5: { name: "sharded", kind: "bool" },
    7: { name: "version", kind: "enum" },
  },
  GraphDef: {
    1: { name: "node", kind: "message", type: "NodeDef", repeated: true },
    2: { name: "library", kind: "message", type: "FunctionDefLibrary" },
    4: { name: "versions", kind: "message", type: "VersionDef" },
  },
  VersionDef: {
    1: { name: "producer", kind: "int32" },
    2: { name: "min_consumer", kind: "int32" },
  },
  NodeDef: {
    1: { name: "name", kind: "string" },
    2: { name: "op", kind: "string" },
    3: { name: "input", kind: "string", repeated: true },
    4: { name: "device", kind: "string" },
    5: { name: "attr", kind: "message", type: "AttrEntry", repeated: true },
  },
  AttrEntry: mapEntry("message", "AttrValue"),
  AttrValue: {
    1: { name: "list", kind: "message", type: "AttrListValue", oneof: "value" },
    2: { name: "s", kind: "bytes", oneof: "value" },
    3: { name: "i", kind: "int", oneof: "value" },
    4: { name: "f", kind: "float", oneof: "value" },
    5: { name: "b", kind: "bool", oneof: "value" },
    6: { name: "type", kind: "enum", oneof: "value" },
    7: { name: "shape", kind: "message", type: "TensorShapeProto", oneof: "value" },
    8: { name: "tensor", kind: "message", type: "TensorProto", oneof: "value" },
    9: { name: "placeholder", kind: "string", oneof: "value" },
    10: { name: "func", kind: "message", type: "NameAttrList", oneof: "value" },
  },
  AttrListValue: {
    2: { name: "s", kind: "bytes", repeated: true },
    3: { name: "i", kind: "int", repeated: true },
    4: { name: "f", kind: "float", repeated: true },
    5: { name: "b", kind: "bool", repeated: true },
    6: { name: "type", kind: "enum", repeated: true },
    7: { name: "shape", kind: "message", type: "TensorShapeProto", repeated: true },
    8: { name: "tensor", kind: "message", type: "TensorProto", repeated: true },
    9: { name: "func", kind: "message", type: "NameAttrList", repeated: true },
  },
  NameAttrList: {
    1: { name: "name", kind: "string" },
    2: { name: "attr", kind: "message", type: "AttrEntry", repeated: true },
  },
  TensorProto: {
    1: { name: "dtype", kind: "enum" },
    // tensor_content is kept as a view (a DT_STRING constant can carry its value there); the numeric
    // arrays are deliberately absent: skipped without copying.
    4: { name: "tensor_content", kind: "bytes" },
    5: { name: "float_val", kind: "float", repeated: true },
    6: { name: "double_val", kind: "double", repeated: true },
    7: { name: "int_val", kind: "int32", repeated: true },
    8: { name: "string_val", kind: "bytes", repeated: true },
    10: { name: "int64_val", kind: "int", repeated: true },
    11: { name: "bool_val", kind: "bool", repeated: true },
    // DT_HALF and DT_BFLOAT16 values, each the 16 bits of one number in an int32
    13: { name: "half_val", kind: "int32", repeated: true },
    16: { name: "uint32_val", kind: "int", repeated: true },
    17: { name: "uint64_val", kind: "int", repeated: true },
    14: { name: "resource_handle_val", kind: "message", type: "ResourceHandleProto", repeated: true },
    2: { name: "tensor_shape", kind: "message", type: "TensorShapeProto" },
  },
  TensorShapeProto: {
    2: { name: "dim", kind: "message", type: "TensorShapeDim", repeated: true },
    3: { name: "unknown_rank", kind: "bool" },
  },
  TensorShapeDim: {
    1: { name: "size", kind: "int" },
  },
  ResourceHandleProto: {
    2: { name: "container", kind: "string" },
    3: { name: "name", kind: "string" },
  },
  FunctionDefLibrary: {
    1: { name: "function", kind: "message", type: "FunctionDef", repeated: true },
    2: { name: "gradient", kind: "message", type: "GradientDef", repeated: true },
  },
  GradientDef: {
    1: { name: "function_name", kind: "string" },
    2: { name: "gradient_func", kind: "string" },
  },
  FunctionDef: {
    1: { name: "signature", kind: "message", type: "OpDef" },
    3: { name: "node_def", kind: "message", type: "NodeDef", repeated: true },
    4: { name: "ret", kind: "message", type: "StringEntry", repeated: true },
  },
  StringEntry: mapEntry("string"),
  OpDef: {
    1: { name: "name", kind: "string" },
    2: { name: "input_arg", kind: "message", type: "ArgDef", repeated: true },
    3: { name: "output_arg", kind: "message", type: "ArgDef", repeated: true },
    4: { name: "attr", kind: "message", type: "AttrDef", repeated: true },
  },
  ArgDef: { 1: { name: "name", kind: "string" } },
  AttrDef: {
    1: { name: "name", kind: "string" },
    3: { name: "default_value", kind: "message", type: "AttrValue" },
  },
  SavedObjectGraph: {
    1: { name: "nodes", kind: "message", type: "SavedObject", repeated: true },
    2: { name: "concrete_functions", kind: "message", type: "ConcreteFunctionEntry", repeated: true },
  },
  ConcreteFunctionEntry: { 1: { name: "key", kind: "string" }, 2: { name: "value", kind: "message", type: "SavedConcreteFunction" } },
  SavedConcreteFunction: { 2: { name: "bound_inputs", kind: "int32", repeated: true } },
  SavedObject: {
    1: { name: "children", kind: "message", type: "ObjectReference", repeated: true },
    4: { name: "user_object", kind: "message", type: "SavedUserObject", oneof: "kind" },
    5: { name: "asset", kind: "message", type: "SavedAsset", oneof: "kind" },
    6: { name: "function", kind: "message", type: "SavedFunction", oneof: "kind" },
    7: { name: "variable", kind: "message", type: "Empty", oneof: "kind" },
    8: { name: "bare_concrete_function", kind: "message", type: "SavedBareConcreteFunction", oneof: "kind" },
    9: { name: "constant", kind: "message", type: "SavedConstant", oneof: "kind" },
    10: { name: "resource", kind: "message", type: "Empty", oneof: "kind" },
    11: { name: "saveable_objects", kind: "message", type: "SaveableObjectEntry", repeated: true },
    12: { name: "captured_tensor", kind: "message", type: "Empty", oneof: "kind" },
    13: { name: "registered_name", kind: "string" },
    // Named dependencies a registered class's _deserialize_from_proto receives (RestoredResource: _create_resource).
    15: { name: "dependencies", kind: "message", type: "ObjectReference", repeated: true },
  },
  // variable.proto: the VariableDefs of the TF1 "local_variables" collection (their initializer ops run at load).
  VariableDef: {
    1: { name: "variable_name", kind: "string" },
    2: { name: "initializer_name", kind: "string" },
  },
  SaveableObjectEntry: mapEntry("message", "SaveableObject"),
  // Legacy SaveableObjects: node ids of the functions that save and restore the object's tensors.
  SaveableObject: { 2: { name: "save_function", kind: "int32" }, 3: { name: "restore_function", kind: "int32" } },
  Empty: {},
  // SavedAsset: which AssetFileDef of the meta graph the asset object is (python/trackable/asset.py)
  SavedAsset: {
    1: { name: "asset_file_def_index", kind: "int32" },
  },
  // trackable_object_graph.proto: the checkpoint's own object graph (_CHECKPOINTABLE_OBJECT_GRAPH).
  TrackableObjectGraph: { 1: { name: "nodes", kind: "message", type: "TrackableObject", repeated: true } },
  TrackableObject: {
    1: { name: "children", kind: "message", type: "ObjectReference", repeated: true },
    2: { name: "attributes", kind: "message", type: "SerializedTensor", repeated: true },
  },
  SerializedTensor: {
    1: { name: "name", kind: "string" },
    2: { name: "full_name", kind: "string" },
    3: { name: "checkpoint_key", kind: "string" },
  },
  ObjectReference: {
    1: { name: "node_id", kind: "int32" },
    2: { name: "local_name", kind: "string" },
  },
  SavedUserObject: {
    1: { name: "identifier", kind: "string" },
    3: { name: "metadata", kind: "string" },
  },
  SavedFunction: { 1: { name: "concrete_functions", kind: "string", repeated: true } },
  SavedBareConcreteFunction: { 1: { name: "concrete_function_name", kind: "string" } },
  SavedConstant: { 1: { name: "operation", kind: "string" } },
  // keras saved_metadata.proto (tf_keras and tensorflow.python.keras share the numbers).
  SavedMetadata: { 1: { name: "nodes", kind: "message", type: "KerasSavedObject", repeated: true } },
  KerasSavedObject: {
    2: { name: "node_id", kind: "int32" },
    3: { name: "node_path", kind: "string" },
    4: { name: "identifier", kind: "string" },
    5: { name: "metadata", kind: "string" },
    6: { name: "version", kind: "message", type: "VersionDef" },
  },
  FingerprintDef: {
    1: { name: "saved_model_checksum", kind: "uint" },
    2: { name: "graph_def_program_hash", kind: "uint" },
    3: { name: "signature_def_hash", kind: "uint" },
    4: { name: "saved_object_graph_hash", kind: "uint" },
    5: { name: "checkpoint_hash", kind: "uint" },
    6: { name: "version", kind: "message", type: "VersionDef" },
    7: { name: "uuid", kind: "string" },
  },
};

/** DataType enum names accepted in text format (the ones we compare against). */
export const TF_ENUM_VALUES: Record<string, number> = {
  DT_INVALID: 0,
  DT_FLOAT: 1,
  DT_DOUBLE: 2,
  DT_INT32: 3,
  DT_UINT8: 4,
  DT_INT16: 5,
  DT_INT8: 6,
  DT_STRING: 7,
  DT_COMPLEX64: 8,
  DT_INT64: 9,
  DT_BOOL: 10,
  DT_RESOURCE: 20,
  DT_VARIANT: 21,
  LEGACY: 0,
  V1: 1,
  V2: 2,
};
