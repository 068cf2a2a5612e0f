// Types for seek-bzip (it ships none): only the stream decoder we call.
declare module "seek-bzip" {
  interface InStream {
    readByte(): number;
    read(buf: Uint8Array, off: number, len: number): number;
    eof(): boolean;
  }
  interface OutStream {
    writeByte(b: number): void;
  }
  const Bunzip: { decode(input: InStream | Uint8Array, output: OutStream, multistream?: boolean): void };
  export default Bunzip;
}
