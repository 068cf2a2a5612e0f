// Code page 437 decoding: Python's zipfile decodes member names with it unless the UTF-8 flag is set.
const HIGH = "ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜ¢£¥₧ƒáíóúñÑªº¿⌐¬½¼¡«»░▒▓│┤╡╢╖╕╣║╗╝╜╛┐└┴┬├─┼╞╟╚╔╩╦╠═╬╧╨╤╥╙╘╒╓╫╪┘┌█▄▌▐▀αßΓπΣσµτΦΘΩδ∞φε∩≡±≥≤⌠⌡÷≈°∙·√ⁿ²■\xa0";

/** Decodes bytes as cp437 exactly as Python's bytes.decode("cp437") does. */
export function decodeCp437(b: Uint8Array): string {
  let s = "";
  for (let i = 0; i < b.length; i++) {
    const c = b[i]!;
    s += c < 0x80 ? String.fromCharCode(c) : HIGH[c - 0x80]!;
  }
  return s;
}
