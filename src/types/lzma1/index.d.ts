// lzma1 ships TypeScript sources as its types, which fail our strict settings; package.json "imports" (#lzma1) points TypeScript here.
export function decompress(data: Uint8Array | ArrayBuffer): Uint8Array;
