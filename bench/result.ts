// The shape of bench/results/<name>.json and what every result records about the machine.
import { cpus } from 'node:os';

/** One benchmark result. ratio = value / baseline (null without a baseline). */
export interface BenchResult {
  name: string;
  unit: string;
  baseline: number | null;
  value: number;
  ratio: number | null;
  node: string;
  date: string;
  env: Record<string, unknown>;
}

/** Knobs of one run. */
export interface RunSettings {
  /** Few iterations: for the smoke test, not for numbers. */
  quick: boolean;
  /** Spawns per command in the cold-start benchmark. */
  spawns: number;
}

/** Facts that change results: recorded with every result. */
export function describeEnvironment(): Record<string, unknown> {
  const cpu = cpus()[0];
  return {
    platform: `${process.platform} ${process.arch}`,
    cpus: cpus().length,
    cpu_model: cpu?.model ?? 'unknown',
    node_extra_ca_certs: process.env.NODE_EXTRA_CA_CERTS !== undefined && process.env.NODE_EXTRA_CA_CERTS !== '',
    ci: process.env.CI === 'true',
  };
}

/** Builds a result, computing ratio = value / baseline. */
export function makeResult(name: string, unit: string, baseline: number | null, value: number, details: Record<string, unknown> = {}): BenchResult {
  return {
    name,
    unit,
    baseline: baseline === null ? null : round(baseline),
    value: round(value),
    ratio: baseline === null || baseline === 0 ? null : round(value / baseline, 4),
    node: process.version,
    date: new Date().toISOString(),
    env: { ...describeEnvironment(), ...details },
  };
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function round(value: number, digits = 3): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
