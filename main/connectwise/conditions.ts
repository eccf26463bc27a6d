/**
 * ConnectWise query strings (connectwise-api.md §3): `conditions=name="Support"`, strings in double quotes.
 * Names are the MSP's own (`*New (Email Connector)`, `Help "Desk"`), so quoting is not optional.
 */

/** A string literal for a condition: backslash and double quote escaped with a backslash. */
export function quoteConditionString(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** `field="value"`, for fields like `name` and `identifier` (field names are ours, never user input). */
export function equalsCondition(field: 'name' | 'identifier', value: string): string {
  return `${field}=${quoteConditionString(value)}`;
}

export type QueryValue = string | number | boolean | undefined;

/**
 * `?a=1&b=2`, every value percent-encoded with encodeURIComponent: spaces become %20, never `+` (which a
 * server may keep as a literal plus), and quotes, `=` and `&` inside a condition cannot end the parameter.
 */
export function buildQuery(params: Record<string, QueryValue>): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined) continue;
    parts.push(`${encodeURIComponent(key)}=${encodeURIComponent(String(value))}`);
  }
  return parts.length === 0 ? '' : `?${parts.join('&')}`;
}
