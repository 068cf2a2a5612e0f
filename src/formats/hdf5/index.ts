// HDF5 reader: lazy, bounded metadata reads through a ByteSource (Node and browser).
export { Hdf5File } from "./file.js";
export type { DatasetInfo, ExternalStorage, GroupLink, Hdf5Object, Hdf5Walk, ObjectKind, Superblock, VirtualSource, WalkedLink } from "./file.js";
export { DEFAULT_HDF5_LIMITS, type Hdf5Limits } from "./io.js";
export type { Attribute, Datatype, Dataspace, Layout, LinkKind } from "./messages.js";
export { DT } from "./messages.js";
