// Shape of the generated per-version opcode tables (see tools/gen-opcodes.mjs).
export interface RawOpcodeTable {
  version: string;
  patch: string;
  opmap: Record<string, number>;
  hasconst: number[];
  hasname: number[];
  hasjrel: number[];
  hasjabs: number[];
  haslocal: number[];
  hascompare: number[];
  hasfree: number[];
  hasarg: number[];
  hasexc?: number[];
  hasjump?: number[];
  hasnargs?: number[];
  EXTENDED_ARG: number;
  cmp_op: string[];
  caches: Record<string, number>;
  nb_ops?: string[];
  intrinsic1?: string[];
  intrinsic2?: string[];
  common_constants?: string[];
  special_methods?: string[];
  backward: string[];
  /** dis.stack_effect for arguments 0..3 as [no-jump, jump]; null where CPython rejects it. */
  stack_effect: Record<string, [number | null, number | null][]>;
  builtins: string[];
}
