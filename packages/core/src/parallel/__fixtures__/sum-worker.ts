// A worker used by pool.test.ts: sums a slice of a shared array, proving memory is shared.
export default function sumSlice({ data, from, to }: { data: Float64Array; from: number; to: number }): number {
  let s = 0;
  for (let i = from; i < to; i++) s += data[i]!;
  data[from] = -1; // visible to the parent only if the buffer is shared
  return s;
}
