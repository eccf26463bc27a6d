/**
 * `board`: the board exists under exactly that name and is active. The lookup asks ConnectWise for the name
 * (one small answer on the healthy path); when that finds no exact match it lists every board, both to catch
 * a condition ConnectWise read differently and to suggest the closest names.
 */
import type { CheckResult } from '../../../common/schemas/validation.js';
import type { ConnectWiseApi } from '../../connectwise/api.js';
import { ConnectWiseError } from '../../connectwise/errors.js';
import { type BoardInfo, findBoardsByName, listBoards } from '../../connectwise/resources.js';
import { pass, quote, result } from '../result.js';
import type { Settled } from '../settled.js';
import { closestNames } from '../similar.js';

export interface BoardLookup {
  found: BoardInfo | null;
  suggestions: string[];
  /** Boards seen when the whole list was read; undefined when it was not needed. */
  total: number | undefined;
}

/** Exact matches first, an active one before an inactive one. */
function exact(boards: readonly BoardInfo[], name: string): BoardInfo | null {
  const matches = boards.filter((b) => b.name === name);
  return matches.find((b) => !b.inactive) ?? matches[0] ?? null;
}

export async function lookupBoard(api: ConnectWiseApi, name: string): Promise<BoardLookup> {
  try {
    const byName = exact(await findBoardsByName(api, name), name);
    if (byName) return { found: byName, suggestions: [], total: undefined };
  } catch (error) {
    // Only a 400 (a condition this server reads differently) is worth the full list; a refusal, a timeout or
    // a server error would only repeat, costing the user another wait.
    if (!(error instanceof ConnectWiseError) || error.status !== 400) throw error;
  }
  const all = await listBoards(api);
  const found = exact(all, name);
  return {
    found,
    suggestions: found
      ? []
      : closestNames(
          name,
          all.filter((b) => !b.inactive).map((b) => b.name),
        ),
    total: all.length,
  };
}

const FIX_PICK =
  'Pick the board from the list in the wizard, or copy its exact name from ConnectWise (Setup Tables › Service Board).';

export function checkBoard(name: string, lookup: Settled<BoardLookup>): CheckResult {
  if (!lookup.ok)
    return result(
      'board',
      'unverified',
      lookup.error.code === 'forbidden'
        ? 'The API member may not list service boards (HTTP 403), so the board could not be checked.'
        : `The service boards could not be read (${lookup.error.message})`,
      `Check by hand that a service board named ${quote(name)} exists and is active.`,
    );
  const { found, suggestions, total } = lookup.value;
  if (found?.inactive)
    return result(
      'board',
      'fail',
      `The board ${quote(found.name)} (id ${found.id}) exists but is inactive.`,
      'Make the board active in ConnectWise (Setup Tables › Service Board), or choose an active board.',
    );
  if (found) return pass('board', `The board ${quote(found.name)} (id ${found.id}) exists and is active.`);
  if (total === 0)
    return result(
      'board',
      'unverified',
      'ConnectWise listed no service boards at all to this API member.',
      `Check that the API member may see service boards, and that a board named ${quote(name)} exists.`,
    );
  const hint = suggestions.length > 0 ? ` Closest names: ${suggestions.map(quote).join(', ')}.` : '';
  return result(
    'board',
    'fail',
    `No active or inactive service board is named exactly ${quote(name)} (names are compared exactly).${hint}`,
    suggestions[0] ? `Did you mean ${quote(suggestions[0])}? ${FIX_PICK}` : FIX_PICK,
  );
}
