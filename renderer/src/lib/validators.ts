/** The wizard's checks on what is typed, one zod schema per field, run as the user leaves a field. */
import { z } from 'zod';
import { API_KEY_PATTERN, GUID_PATTERN } from '../../../common/schemas/text.js';

export const companyIdSchema = z
  .string()
  .trim()
  .min(1, 'Enter your Company ID: the first field on the ConnectWise login form.')
  .max(100, 'A Company ID is at most 100 characters.')
  .refine((v) => !/[\s@/]/.test(v) && !v.includes('://'), {
    message:
      'A Company ID is one word, with no spaces, @ or slashes. It is what you type at login, not your company’s display name.',
  });

export const contactEmailSchema = z
  .string()
  .trim()
  .min(1, 'Enter the email address ConnectWise should write to about the Client ID.')
  .max(254, 'An email address is at most 254 characters.')
  .pipe(z.email('Enter a full email address, like you@example.com.'));

export const contactNameSchema = z.string().trim().max(200, 'At most 200 characters.');

export const clientIdSchema = z
  .string()
  .trim()
  .regex(
    GUID_PATTERN,
    'A Client ID looks like 7a002312-3831-42a6-cff5-8cd2c8d969f1: 32 letters and digits in groups of 8-4-4-4-12.',
  );

export const boardSchema = z
  .string()
  .trim()
  .min(1, 'Enter the name of the service board BitAgent should work on.')
  .max(200, 'At most 200 characters.');

export const statusesSchema = z
  .array(z.string().trim().min(1).max(200))
  .min(1, 'Add at least one ticket status.')
  .max(50, 'At most 50 statuses.');

export const roleNameSchema = z.string().trim().min(1, 'Enter the Role ID you created.').max(100);
export const memberIdentifierSchema = z.string().trim().min(1, 'Enter the Member ID you created.').max(100);

export const unvalidatedReasonSchema = z
  .string()
  .trim()
  .min(3, 'Say in a few words why you are sending it without a passing check.')
  .max(1000, 'At most 1000 characters.');

/** The first message, or null when the value is fine. */
export function problemOf(schema: z.ZodType, value: unknown): string | null {
  const result = schema.safeParse(value);
  return result.success ? null : (result.error.issues[0]?.message ?? 'This value is not valid.');
}

/** A key pasted as the Client ID: caught before it is stored. */
export function clientIdProblem(value: string): string | null {
  const v = value.trim();
  if (v === '' || GUID_PATTERN.test(v)) return null;
  if (API_KEY_PATTERN.test(stripLabel(v)))
    return 'This looks like an API key, not a Client ID. The Client ID comes from developer.connectwise.com and looks like 7a002312-3831-42a6-cff5-8cd2c8d969f1.';
  return problemOf(clientIdSchema, v);
}

/**
 * Mix-ups that keep a key from being stored: the Client ID pasted as a key, the same key in both fields, a key
 * copied with the other one's label ("Private Key: ..." in the public field).
 */
export function keyProblem(kind: 'publicKey' | 'privateKey', value: string, other: string): string | null {
  const v = value.trim();
  if (v === '') return null;
  const label = /^(public|private)\s*(api\s*)?key\s*[:=]/i.exec(v);
  if (label?.[1]) {
    const said = label[1].toLowerCase();
    if ((kind === 'publicKey') !== (said === 'public'))
      return `This was copied as the ${said} key. The public and private keys look swapped: paste each in its own field.`;
  }
  if (GUID_PATTERN.test(v))
    return 'This looks like the Client ID, not an API key. API keys are 16 letters and digits.';
  if (other.trim() !== '' && stripLabel(other) === stripLabel(v))
    return 'The public and private keys are the same. ConnectWise shows two different keys: paste each in its own field.';
  return null;
}

/** A key that does not look like ConnectWise's: stored anyway (the check will tell), with a warning. */
export function keyWarning(value: string): string | null {
  const v = stripLabel(value);
  if (v === '' || API_KEY_PATTERN.test(v)) return null;
  if (/\s/.test(v))
    return 'There is a space in this key. ConnectWise keys have none: check that nothing extra was copied.';
  return `ConnectWise keys are usually 16 letters and digits; this one has ${v.length} characters. Check that nothing is missing or extra.`;
}

/** "Private Key: abc" → "abc", as people paste from the ConnectWise dialog. */
export function stripLabel(value: string): string {
  return value.trim().replace(/^(public|private)\s*(api\s*)?key\s*[:=]\s*/i, '');
}
