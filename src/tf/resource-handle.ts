// ResourceHandleProto (tensorflow/core/framework/resource_handle.proto) as a DT_RESOURCE constant holds
// it: the container and name a resource kernel looks the resource up by. Own code: a handle arrives
// either as a sub-message inside the typed graph reader or as one element of a DT_RESOURCE
// tensor_content, and a malformed one must read as "unknown", never throw or read as nothing.
import { decodeUtf8 } from "../core/bytes.js";
import { WireReader } from "../formats/protobuf.js";
import { decodeStringList } from "./strings.js";
import type { TfResourceHandle, TfTensor } from "./types.js";

export const DT_RESOURCE = 20;

/** Fields 2 (container) and 3 (name); the last occurrence wins. Undefined when not a well-formed message. */
export function decodeResourceHandle(buf: Uint8Array, start = 0, end = buf.length): TfResourceHandle | undefined {
  const h: TfResourceHandle = { container: "", name: "" };
  try {
    const r = new WireReader(buf, start, end);
    while (!r.done()) {
      const [f, wt] = r.tag();
      if ((f === 2 || f === 3) && wt === 2) {
        const s = decodeUtf8(r.bytes());
        if (f === 2) h.container = s;
        else h.name = s;
      } else if (f === 2 || f === 3) return undefined;
      else r.skip(wt, f);
    }
    if (r.pos !== end) return undefined;
  } catch {
    return undefined;
  }
  return h;
}

/**
 * The handles a DT_RESOURCE constant holds, as Tensor::FromProto reads them: tensor_content when it is
 * non-empty (DecodeResourceHandleList: the lengths as varints, then the serialized protos), else
 * resource_handle_val (none: the default handle, container and name empty). Undefined when a handle does not
 * decode (the constant's value is not known).
 */
export function constantHandles(t: TfTensor, maxElements = 4096): TfResourceHandle[] | undefined {
  if (t.content?.length) {
    const parts = decodeStringList(t.content, maxElements);
    if (!parts) return undefined;
    const out: TfResourceHandle[] = [];
    for (const p of parts) {
      const h = decodeResourceHandle(p);
      if (!h) return undefined;
      out.push(h);
    }
    return out;
  }
  if (t.handles === undefined) return [{ container: "", name: "" }];
  if (t.handles.some((h) => h === undefined)) return undefined;
  return t.handles.length ? (t.handles as TfResourceHandle[]) : [{ container: "", name: "" }];
}
