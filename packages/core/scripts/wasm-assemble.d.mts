/** The bytes of a WebAssembly text module (assembled with wabt, validated by the engine). */
export function assemble(name: string, wat: string): Promise<Uint8Array>;
