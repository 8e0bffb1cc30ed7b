// WAT to WebAssembly bytes with wabt (a dev dependency: only the build script and its test need it).
import wabtInit from 'wabt';

const FEATURES = { simd: true, threads: true, bulk_memory: true };

/**
 * The module's bytes; throws with wabt's message when the source does not parse. Validation is
 * left to the engine (`new WebAssembly.Module`): wabt.js validates without the features above.
 */
export async function assemble(name, wat) {
  const wabt = await wabtInit();
  const module = wabt.parseWat(name, wat, FEATURES);
  try {
    const bytes = new Uint8Array(module.toBinary({ log: false }).buffer);
    new WebAssembly.Module(bytes);
    return bytes;
  } finally {
    module.destroy();
  }
}
