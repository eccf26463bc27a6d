/**
 * `statuses`: each named status exists on that board (statuses belong to one board) and is active; a closed
 * status is a warning (BitAgent would update tickets that are already closed). Names compare exactly.
 */
import type { CheckResult, IdName } from '../../../common/schemas/validation.js';
import type { StatusInfo } from '../../connectwise/resources.js';
import { listOf, pass, quote, result } from '../result.js';
import type { Settled } from '../settled.js';
import { closestNames } from '../similar.js';

export interface StatusesOutcome {
  result: CheckResult;
  /** The wanted statuses that exist on the board, in the order given. */
  found: IdName[];
}

function pick(statuses: readonly StatusInfo[], name: string): StatusInfo | undefined {
  const matches = statuses.filter((s) => s.name === name);
  return matches.find((s) => !s.inactive && !s.closed) ?? matches.find((s) => !s.inactive) ?? matches[0];
}

export function checkStatuses(
  board: string,
  wanted: readonly string[],
  list: Settled<StatusInfo[]>,
): StatusesOutcome {
  if (!list.ok)
    return {
      found: [],
      result: result(
        'statuses',
        'unverified',
        list.error.code === 'forbidden'
          ? `The API member may not list the statuses of ${quote(board)} (HTTP 403), so they could not be checked.`
          : `The statuses of ${quote(board)} could not be read (${list.error.message})`,
        `Check by hand that the board ${quote(board)} has the statuses ${wanted.map(quote).join(', ')}.`,
      ),
    };
  const statuses = list.value;
  if (statuses.length === 0)
    return {
      found: [],
      result: result(
        'statuses',
        'unverified',
        `ConnectWise listed no statuses for the board ${quote(board)}.`,
        `Check in ConnectWise (Setup Tables › Service Board › ${board} › Statuses) that the statuses exist.`,
      ),
    };

  const found: IdName[] = [];
  const ok: string[] = [];
  const missing: string[] = [];
  const inactive: string[] = [];
  const closed: string[] = [];
  const fixes: string[] = [];
  const activeNames = statuses.filter((s) => !s.inactive).map((s) => s.name);
  for (const name of wanted) {
    const status = pick(statuses, name);
    if (!status) {
      const near = closestNames(name, activeNames);
      missing.push(`${quote(name)}${near.length > 0 ? ` (closest: ${near.map(quote).join(', ')})` : ''}`);
      if (near[0]) fixes.push(`Instead of ${quote(name)}, did you mean ${quote(near[0])}?`);
      continue;
    }
    found.push({ id: status.id, name: status.name });
    if (status.inactive) inactive.push(quote(name));
    else if (status.closed) closed.push(quote(name));
    else ok.push(`${quote(name)} (id ${status.id})`);
  }

  const parts: string[] = [];
  if (ok.length > 0) parts.push(`On ${quote(board)}: ${listOf(ok)}.`);
  if (missing.length > 0) parts.push(`Not on this board: ${listOf(missing)}.`);
  if (inactive.length > 0) parts.push(`Inactive: ${listOf(inactive)}.`);
  if (closed.length > 0)
    parts.push(`Closed statuses (BitAgent would update closed tickets): ${listOf(closed)}.`);
  const detail = parts.join(' ');

  if (missing.length > 0 || inactive.length > 0) {
    if (missing.length > 0)
      fixes.push(
        'Use the exact names from the board’s status list (pick them in the wizard); names are compared exactly.',
      );
    if (inactive.length > 0)
      fixes.push(`Make the inactive statuses active in ConnectWise, or remove them from the list.`);
    return { found, result: result('statuses', 'fail', detail, fixes.join(' ')) };
  }
  if (closed.length > 0)
    return {
      found,
      result: result(
        'statuses',
        'warn',
        detail,
        'Remove the closed statuses unless BitAgent should really update closed tickets.',
      ),
    };
  return { found, result: pass('statuses', detail) };
}
