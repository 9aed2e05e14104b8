import fc from "fast-check";

const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 0x7fffffff);
let announced = false;

/**
 * fast-check parameters with a logged seed: any failure can be replayed with `FC_SEED=<seed> npm test`.
 * `numRuns` defaults to 200 (FC_RUNS overrides it for a longer local campaign).
 */
export function fcOptions<T>(extra: fc.Parameters<T> = {}): fc.Parameters<T> {
  if (!announced) {
    announced = true;
    console.log(`fast-check seed ${seed} (replay with FC_SEED=${seed})`);
  }
  const runs = process.env.FC_RUNS ? Number(process.env.FC_RUNS) : undefined;
  return { seed, ...extra, ...(runs !== undefined ? { numRuns: runs } : {}) };
}
