// Typed TensorFlow graph structures graphwarden reads (a small subset of TensorFlow's protos).

/** TensorProto: only the fields that can carry paths or names. */
export interface TfTensor {
  /** DataType enum number (7 = DT_STRING). */
  dtype: number;
  strings: Uint8Array[];
  /** int_val (field 7: int32, int16, int8, uint8, ...). */
  ints: number[];
  /** int64_val (field 10). */
  int64s?: number[];
  /** int64_val exactly, where some value is beyond 2^53 (int64s then holds it rounded). */
  int64Exact?: bigint[];
  /** bool_val (field 11), as 0/1. */
  bools?: number[];
  /** float_val (field 5): what a DT_FLOAT reads. */
  floats?: number[];
  /** double_val (field 6): what a DT_DOUBLE reads. */
  doubles?: number[];
  /** tensor_shape (field 2): its dims' sizes (occurrences merged, as protobuf merges a message field); undefined when absent or of unknown rank. */
  shape?: number[];
  /** half_val (field 13): the 16-bit patterns a DT_HALF or DT_BFLOAT16 reads. */
  halfs?: number[];
  /** uint32_val (field 16): what a DT_UINT32 reads (the low 32 bits of each varint). */
  uint32s?: number[];
  /** uint64_val (field 17): what a DT_UINT64 reads, exactly. */
  uint64s?: bigint[];
  /** tensor_content as a view (never copied); decoded only for DT_STRING (src/tf/strings.ts). Set (maybe empty) when the
   * field occurs: its last occurrence wins; TensorFlow reads it only when non-empty (Tensor::FromProto). */
  content?: Uint8Array;
  /** resource_handle_val (field 14): each handle's container and name; undefined for one that does not decode. */
  handles?: Array<TfResourceHandle | undefined>;
}

/** ResourceHandleProto: the fields a resource kernel looks its resource up by. */
export interface TfResourceHandle {
  container: string;
  name: string;
}

export interface TfNameAttrList {
  name: string;
  attr: Map<string, TfAttrValue>;
}

export interface TfAttrList {
  s: Uint8Array[];
  i: number[];
  /** list(float) values (read where an op rule needs them). */
  f?: number[];
  /** list(shape) values: each shape's dims (-1 unknown), undefined for an unknown rank. */
  shape?: Array<number[] | undefined>;
  b: boolean[];
  type: number[];
  tensor: TfTensor[];
  func: TfNameAttrList[];
}

/** AttrValue (a oneof in TensorFlow: at most one member is set). */
export interface TfAttrValue {
  s?: Uint8Array;
  i?: number;
  f?: number;
  b?: boolean;
  type?: number;
  tensor?: TfTensor;
  func?: TfNameAttrList;
  list?: TfAttrList;
  placeholder?: string;
  /** shape (field 7): its dims' sizes (-1 unknown); undefined when absent or of unknown rank. */
  shape?: number[];
}

export interface TfNodeDef {
  name: string;
  op: string;
  /** "node", "node:1" (graphs), "node:output:0" (functions), "^node" (control), or a function arg name. */
  input: string[];
  device: string;
  attr: Map<string, TfAttrValue>;
}

export interface TfFunctionDef {
  name: string;
  inputArgs: string[];
  outputArgs: string[];
  nodes: TfNodeDef[];
  /** Output arg name -> "node:output:index". */
  ret: Map<string, string>;
  /** The signature's attrs that have a default value (OpDef.attr default_value): what a placeholder resolves to when the caller binds nothing. */
  attrDefaults?: Map<string, TfAttrValue>;
}

export interface TfGraphDef {
  nodes: TfNodeDef[];
  functions: TfFunctionDef[];
  /** FunctionDefLibrary.gradient: function_name -> gradient_func. */
  gradients: Array<{ functionName: string; gradientFunc: string }>;
  producer?: number;
}

export interface TfSaverDef {
  filenameTensorName: string;
  saveTensorName: string;
  restoreOpName: string;
  /** CheckpointFormatVersion: 0 legacy, 1 V1, 2 V2. */
  version: number;
}

export interface TfSignatureDef {
  inputs: Map<string, string>;
  outputs: Map<string, string>;
  methodName: string;
}

export interface TfAssetFileDef {
  tensorName: string;
  filename: string;
}

export interface TfSavedObject {
  children: Array<{ nodeId: number; localName: string }>;
  kind: "user_object" | "asset" | "function" | "variable" | "bare_concrete_function" | "constant" | "resource" | "captured_tensor" | "other";
  /** user_object.identifier */
  identifier?: string;
  /** user_object.metadata (pre-TF-2.5 Keras JSON) */
  metadata?: string;
  /** function.concrete_functions or bare_concrete_function.concrete_function_name */
  concreteFunctions: string[];
  /** constant.operation */
  operation?: string;
  /** asset.asset_file_def_index: the AssetFileDef (of the meta graph) this asset object is. */
  assetIndex?: number;
  registeredName?: string;
  /** SavedObject.dependencies (field 15): local name -> node id, passed to a registered class's deserializer. */
  dependencies?: Array<{ nodeId: number; localName: string }>;
  /** saveable_objects: name -> node ids of its save and restore functions (the loader calls them). */
  saveables?: Array<{ name: string; ids: number[] }>;
}

export interface TfObjectGraph {
  nodes: TfSavedObject[];
  concreteFunctions: string[];
  /** Concrete function -> object-graph node ids of its captured inputs (the last inputs, in order). */
  boundInputs?: Map<string, number[]>;
}

export interface TfMetaGraph {
  tags: string[];
  tensorflowVersion: string;
  graph?: TfGraphDef;
  saver?: TfSaverDef;
  /** CollectionDef node_list / bytes_list values by key. */
  collections: Map<string, string[]>;
  /** CollectionDef bytes_list values, raw (the "savers" collection holds serialized SaverDefs). */
  collectionBytes: Map<string, Uint8Array[]>;
  signatures: Map<string, TfSignatureDef>;
  assets: TfAssetFileDef[];
  objectGraph?: TfObjectGraph;
  /** initializer_name of each VariableDef of the "local_variables" collection (run by the TF2 loader's default local init op). */
  localVariableInits?: string[];
}

export interface TfSavedModel {
  schemaVersion: number;
  metaGraphs: TfMetaGraph[];
}

export const DT_STRING = 7;
