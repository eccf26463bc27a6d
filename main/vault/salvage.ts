/**
 * What can be saved from a damaged store: every draft field that still validates on its own, and the sealed
 * section if it is whole (its items stay sealed; AES-GCM or the keychain will refuse any that were altered).
 *
 * Works on a parsed object (valid JSON, wrong shape) or, when the JSON itself is broken (a truncated or
 * scribbled file), on the text: each field is looked up by its key and its value parsed on its own.
 */
import type { z } from 'zod';
import { type Draft, DraftSchema } from '../../common/schemas/draft.js';
import { type SealedSection, SealedSectionSchema } from './file-format.js';
import { isRawObject } from './migrations.js';

export interface Salvage {
  draft: Partial<Draft>;
  sealed: SealedSection | null;
  /** Names of what was recovered: draft field names, and "secrets" for the sealed section. */
  recovered: string[];
}

const DRAFT_KEYS = Object.keys(DraftSchema.shape) as (keyof Draft)[];

export function salvageFromObject(raw: unknown): Salvage {
  const root = isRawObject(raw) ? raw : {};
  const draftRaw = isRawObject(root.draft) ? root.draft : {};
  return collect(
    (key) => (Object.hasOwn(draftRaw, key) ? { found: draftRaw[key] } : null),
    Object.hasOwn(root, 'sealed') ? { found: root.sealed } : null,
  );
}

export function salvageFromText(text: string): Salvage {
  // Draft fields are looked for after `"draft":` only, so a same-named key elsewhere is not mistaken for them.
  const draftAt = findKey(text, 'draft', 0);
  return collect(
    (key) => (draftAt === -1 ? null : valueAfterKey(text, key, draftAt)),
    valueAfterKey(text, 'sealed', 0),
  );
}

function collect(
  draftValue: (key: keyof Draft) => { found: unknown } | null,
  sealedValue: { found: unknown } | null,
): Salvage {
  const draft: Record<string, unknown> = {};
  const recovered: string[] = [];
  for (const key of DRAFT_KEYS) {
    const candidate = draftValue(key);
    if (!candidate) continue;
    const parsed = (DraftSchema.shape[key] as z.ZodType).safeParse(candidate.found);
    if (parsed.success) {
      draft[key] = parsed.data;
      recovered.push(key);
    }
  }
  let sealed: SealedSection | null = null;
  if (sealedValue && sealedValue.found !== null) {
    const parsed = SealedSectionSchema.safeParse(sealedValue.found);
    if (parsed.success) {
      sealed = parsed.data;
      recovered.push('secrets');
    }
  }
  return { draft: draft as Partial<Draft>, sealed, recovered };
}

/** Index just past `"key"` followed by a colon, searching from `from`; -1 when absent. */
function findKey(text: string, key: string, from: number): number {
  const pattern = new RegExp(`"${key}"\\s*:`, 'g');
  pattern.lastIndex = from;
  const match = pattern.exec(text);
  return match ? match.index + match[0].length : -1;
}

function valueAfterKey(text: string, key: string, from: number): { found: unknown } | null {
  const at = findKey(text, key, from);
  if (at === -1) return null;
  const slice = jsonValueAt(text, at);
  if (slice === null) return null;
  try {
    return { found: JSON.parse(slice) };
  } catch {
    return null;
  }
}

/** The text of the one JSON value starting at `start` (after blanks), or null when it never ends. */
export function jsonValueAt(text: string, start: number): string | null {
  let i = start;
  while (i < text.length && /\s/.test(text.charAt(i))) i++;
  const first = text.charAt(i);
  if (first === '"') {
    const end = endOfString(text, i);
    return end === -1 ? null : text.slice(i, end + 1);
  }
  if (first === '{' || first === '[') {
    let depth = 0;
    for (let j = i; j < text.length; j++) {
      const c = text.charAt(j);
      if (c === '"') {
        j = endOfString(text, j);
        if (j === -1) return null;
      } else if (c === '{' || c === '[') depth++;
      else if (c === '}' || c === ']') {
        depth--;
        if (depth === 0) return text.slice(i, j + 1);
      }
    }
    return null;
  }
  // A literal must be followed by a delimiter: a number cut short by truncation ("12" of "123") is not taken.
  const literal = /^(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)(?=[\s,}\]])/.exec(
    text.slice(i, i + 41),
  );
  return literal ? (literal[1] ?? null) : null;
}

function endOfString(text: string, quoteAt: number): number {
  for (let j = quoteAt + 1; j < text.length; j++) {
    const c = text.charAt(j);
    if (c === '\\') j++;
    else if (c === '"') return j;
  }
  return -1;
}
