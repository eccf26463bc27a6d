/**
 * The rights BitAgent asks for (integration-guide.txt, Step B; connectwise-api.md §7). Everything else: None.
 * Matched on descriptions, because ConnectWise's identifiers for them were never observed.
 */
import type { Level, SecurityRight } from '../connectwise/resources.js';

export type Action = 'add' | 'edit' | 'delete' | 'inquire';
export const ACTIONS: readonly Action[] = ['add', 'edit', 'delete', 'inquire'];
export const ACTION_NAMES: Record<Action, string> = {
  add: 'Add',
  edit: 'Edit',
  delete: 'Delete',
  inquire: 'Inquire',
};

export interface RequiredRight {
  module: string;
  fn: string;
  levels: Record<Action, Level>;
  /** The read that proves Inquire without changing anything. */
  probe: 'companies' | 'tickets';
}

export const REQUIRED_RIGHTS: readonly RequiredRight[] = [
  {
    module: 'Companies',
    fn: 'Company Maintenance',
    levels: { add: 'None', edit: 'None', delete: 'None', inquire: 'All' },
    probe: 'companies',
  },
  {
    module: 'Service Desk',
    fn: 'Service Tickets',
    levels: { add: 'All', edit: 'All', delete: 'None', inquire: 'All' },
    probe: 'tickets',
  },
];

export const LEVEL_RANK: Record<Level, number> = { None: 0, My: 1, All: 2 };

const norm = (text: string) => text.toLowerCase().replace(/\s+/g, ' ').trim();

export function sameFunction(right: SecurityRight, module: string, fn: string): boolean {
  return norm(right.module) === norm(module) && norm(right.fn) === norm(fn);
}

export function rightName(module: string, fn: string, action?: Action): string {
  return `${module} › ${fn}${action ? ` › ${ACTION_NAMES[action]}` : ''}`;
}
