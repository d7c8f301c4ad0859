// Percentiles of repeated timings: each sample is one awaited call, measured with hrtime.
export async function sample(times: number, fn: (i: number) => Promise<unknown>): Promise<{ p50: number; p95: number; max: number }> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const t = process.hrtime.bigint();
    await fn(i);
    ms.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  ms.sort((a, b) => a - b);
  const at = (q: number) => ms[Math.min(ms.length - 1, Math.floor(q * ms.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: ms[ms.length - 1]! };
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
