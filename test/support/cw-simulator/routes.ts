/** The REST endpoints the validator reads, answering from the scenario's data. Authentication is checked before. */
import { notFound404, SECURITY_403 } from './bodies.js';
import type { Row } from './conditions.js';
import type { Scenario, SimRight } from './types.js';

export type SimAnswer = { kind: 'json'; status: number; body: unknown } | { kind: 'list'; rows: Row[] };

const json = (status: number, body: unknown): SimAnswer => ({ kind: 'json', status, body });
const list = (rows: readonly object[]): SimAnswer => ({
  kind: 'list',
  rows: rows.map((r) => ({ ...r }) as Row),
});
const forbidden = () => json(403, SECURITY_403);

const COMPANIES = [
  { id: 250, identifier: 'DemoCustomer', name: 'Demo Customer Ltd' },
  { id: 251, identifier: 'OtherCustomer', name: 'Other Customer Inc' },
];
const TICKETS = [
  { id: 1001, summary: 'Printer offline', board: { id: 1, name: 'Support' } },
  { id: 1002, summary: 'New starter laptop', board: { id: 1, name: 'Support' } },
];

/** Whether a read probe succeeds: the scenario's override, else the Inquire level its rights give. */
function canRead(scenario: Scenario, which: 'companies' | 'tickets'): boolean {
  const override = scenario.reads?.[which];
  if (override !== undefined) return override;
  if (!Array.isArray(scenario.security)) return true;
  const fn = which === 'companies' ? 'Company Maintenance' : 'Service Tickets';
  const right = scenario.security.find((r: SimRight) => r.moduleFunctionDescription === fn);
  return right !== undefined && right.inquireLevel !== 'None';
}

export function routeApi(scenario: Scenario, apiPath: string): SimAnswer {
  const path = apiPath.replace(/\/+$/, '');
  const lower = path.toLowerCase();
  switch (lower) {
    case 'system/info':
      return json(200, { ...scenario.system });
    case 'system/mymembers': {
      const m = scenario.member;
      if (m === 'forbidden') return forbidden();
      if (m === 'not-found') return json(404, notFound404());
      if (m === 'unrecognised') return json(200, []);
      return json(200, m);
    }
    case 'system/mysecurity':
      if (scenario.security === 'forbidden') return forbidden();
      if (scenario.security === 'not-found') return json(404, notFound404());
      return list(scenario.security);
    case 'system/securityroles':
      return scenario.securityRoles === 'forbidden' ? forbidden() : list(scenario.securityRoles);
    case 'system/members':
    case 'system/apimembers':
      return typeof scenario.member === 'object' ? list([scenario.member]) : list([]);
    case 'company/companies':
      return canRead(scenario, 'companies') ? list(COMPANIES) : forbidden();
    case 'service/tickets':
      return canRead(scenario, 'tickets') ? list(TICKETS) : forbidden();
    case 'service/boards':
      return scenario.boardsForbidden ? forbidden() : list(scenario.boards.map(({ statuses: _, ...b }) => b));
  }
  const board = /^service\/boards\/(\d+)(\/statuses(?:\/(\d+))?)?$/.exec(lower);
  if (board) {
    if (scenario.boardsForbidden) return forbidden();
    const found = scenario.boards.find((b) => b.id === Number(board[1]));
    if (!found) return json(404, notFound404(`Service Board ${board[1]} not found`));
    if (!board[2]) {
      const { statuses: _, ...rest } = found;
      return json(200, rest);
    }
    if (board[3] === undefined) return list(found.statuses);
    const status = found.statuses.find((s) => s.id === Number(board[3]));
    return status
      ? json(200, status)
      : json(404, notFound404(`Service Status ${board[3]} not found for Service Board ${board[1]}`));
  }
  return json(404, notFound404());
}
