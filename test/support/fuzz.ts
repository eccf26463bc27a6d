/**
 * Malformed payloads for a contract call: wrong types, missing and extra keys, huge strings, prototype
 * tricks and random junk, built from the call's own schema and kept only when the schema really refuses them
 * (so a fuzz test never counts a payload that happens to be valid).
 */
import type { z } from 'zod';

export function seededRandom(seed: number): () => number {
  // mulberry32: small, fast, and the same sequence on every machine.
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HUGE = 'x'.repeat(300_000);

function junk(random: () => number, depth = 0): unknown {
  const pick = Math.floor(random() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return Math.floor(random() * 2 ** 40) * (random() < 0.5 ? -1 : 1);
    case 2:
      return random() < 0.5;
    case 3:
      return 'abcdefghijklmnopqrstuvwxyz"\\<>{}'.slice(0, Math.floor(random() * 30));
    case 4:
      return random() < 0.1 ? HUGE : 'y'.repeat(Math.floor(random() * 5000));
    case 5:
      return random() * 1e6;
    case 6:
      return '';
    case 7:
      return Array.from({ length: Math.floor(random() * 4) }, () => junk(random, depth + 1));
    default: {
      const object: Record<string, unknown> = {};
      const keys = Math.floor(random() * 4);
      for (let i = 0; i < keys; i++) object[`k${Math.floor(random() * 1000)}`] = junk(random, depth + 1);
      return object;
    }
  }
}

function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> }).shape;
  return shape && typeof shape === 'object' ? shape : null;
}

/** Returns `count` payloads that `schema` refuses. */
export function malformedPayloads(schema: z.ZodType, count: number, seed: number): unknown[] {
  const random = seededRandom(seed);
  const shape = shapeOf(schema);
  const keys = shape ? Object.keys(shape) : [];
  const candidates: (() => unknown)[] = [
    () => junk(random),
    () => [junk(random)],
    () => 'a string where an object belongs',
    () => null,
    () => 42,
    () => ({ ...validLooking(keys, random), [`extra${Math.floor(random() * 100)}`]: junk(random) }),
    () => ({
      __proto__: { polluted: true },
      constructor: { prototype: { polluted: true } },
      ...validLooking(keys, random),
    }),
  ];
  if (keys.length > 0) {
    // One field at a time: wrong type, huge, or missing.
    candidates.push(() => {
      const payload = validLooking(keys, random);
      const key = keys[Math.floor(random() * keys.length)] as string;
      payload[key] = junk(random);
      return payload;
    });
    candidates.push(() => {
      const payload = validLooking(keys, random);
      const key = keys[Math.floor(random() * keys.length)] as string;
      payload[key] = HUGE;
      return payload;
    });
    candidates.push(() => {
      const payload = validLooking(keys, random);
      delete payload[keys[Math.floor(random() * keys.length)] as string];
      payload[`missing_${Math.floor(random() * 10)}`] = 1;
      return payload;
    });
  }
  const out: unknown[] = [];
  for (let attempts = 0; out.length < count && attempts < count * 50; attempts++) {
    const make = candidates[Math.floor(random() * candidates.length)] as () => unknown;
    const payload = make();
    if (!schema.safeParse(payload).success) out.push(payload);
  }
  if (out.length < count) throw new Error(`only ${out.length} malformed payloads found for a schema`);
  return out;
}

/** An object with every key of the schema filled with junk: mostly wrong, sometimes right. */
function validLooking(keys: string[], random: () => number): Record<string, unknown> {
  const payload: Record<string, unknown> = {};
  for (const key of keys) payload[key] = junk(random, 2);
  return payload;
}
