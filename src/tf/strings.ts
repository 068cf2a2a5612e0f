// DT_STRING tensor_content decoding (TensorFlow's DecodeStringList: every element's length as a varint,
// then all the bytes). Own code: the element count comes from the shape, which graphwarden does not read,
// so the count is found as the one for which the lengths exactly fill the buffer; any other case is
// reported as undecodable (the caller treats it as an unknown value, never as "no value").

/** The elements, or undefined when the content is not a well-formed string list with one reading. */
export function decodeStringList(buf: Uint8Array, maxElements: number): Uint8Array[] | undefined {
  const lengths: number[] = [];
  let pos = 0;
  let sum = 0;
  let found: number | undefined;
  while (pos < buf.length && lengths.length <= maxElements) {
    let v = 0;
    let shift = 0;
    let b: number;
    do {
      if (pos >= buf.length || shift > 28) return found === undefined ? undefined : slice(buf, lengths, found);
      b = buf[pos++]!;
      v += (b & 0x7f) * 2 ** shift;
      shift += 7;
    } while (b & 0x80);
    lengths.push(v);
    sum += v;
    if (pos + sum === buf.length) {
      if (found !== undefined) return undefined; // two readings: ambiguous
      found = lengths.length;
    }
    if (pos + sum > buf.length) break;
  }
  if (lengths.length > maxElements && pos + sum < buf.length) return undefined; // not read to the end
  return found === undefined ? undefined : slice(buf, lengths, found);
}

function slice(buf: Uint8Array, lengths: number[], n: number): Uint8Array[] {
  let pos = 0;
  // Header: n varints.
  for (let i = 0; i < n; i++) while (buf[pos++]! & 0x80);
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) {
    out.push(buf.subarray(pos, pos + lengths[i]!));
    pos += lengths[i]!;
  }
  return out;
}
