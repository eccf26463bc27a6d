/**
 * `permissions` and `least-privilege`, from two kinds of evidence: `/system/mySecurity` (the caller's own
 * rights, [guess] semantics) and read probes (a 200 or a 403 is observed fact). Add and Edit can only come
 * from mySecurity: nothing is ever created or changed to test them, so without it they are "unverified".
 */
import type { CheckResult } from '../../../common/schemas/validation.js';
import type { Level, SecurityRight } from '../../connectwise/resources.js';
import {
  ACTIONS,
  type Action,
  LEVEL_RANK,
  REQUIRED_RIGHTS,
  type RequiredRight,
  rightName,
  sameFunction,
} from '../matrix.js';
import { listOf, pass, result } from '../result.js';
import type { Settled } from '../settled.js';

export interface PermissionEvidence {
  security: Settled<SecurityRight[]>;
  probes: Record<RequiredRight['probe'], Settled<void>>;
  /** Reading security roles needs System rights the BitAgent role should not have [seen]: a 200 is a finding. */
  securityRoles: Settled<void>;
  roleName: string;
}

type Cell =
  | { state: 'ok'; note?: string }
  | { state: 'fail'; text: string }
  | { state: 'unverified'; text: string };

const ROLE_PATH = (role: string) => `System › Security Roles › ${role}`;

function entryFor(security: Settled<SecurityRight[]>, req: RequiredRight): SecurityRight | undefined {
  return security.ok ? security.value.find((r) => sameFunction(r, req.module, req.fn)) : undefined;
}

function levelCell(req: RequiredRight, action: Action, level: Level | undefined, why: string): Cell {
  const name = rightName(req.module, req.fn, action);
  const wanted = req.levels[action];
  if (level === undefined) return { state: 'unverified', text: `${name}: ${why}` };
  if (LEVEL_RANK[level] >= LEVEL_RANK[wanted]) return { state: 'ok' };
  return { state: 'fail', text: `${name} is ${level}; BitAgent needs ${wanted}` };
}

function inquireCell(
  req: RequiredRight,
  entry: SecurityRight | undefined,
  probe: Settled<void>,
  why: string,
): Cell {
  const name = rightName(req.module, req.fn, 'inquire');
  if (!probe.ok && probe.error.code === 'forbidden')
    return { state: 'fail', text: `${name}: reading was refused (HTTP 403); BitAgent needs All` };
  if (probe.ok) {
    // A read proves at least My; mySecurity, when it answers, says whether it is All.
    if (entry?.inquire === 'My') return { state: 'fail', text: `${name} is My; BitAgent needs All` };
    return { state: 'ok' };
  }
  return levelCell(
    req,
    'inquire',
    entry?.inquire,
    `${why}, and the test read failed (${probe.error.message})`,
  );
}

function unreadableWhy(security: Settled<SecurityRight[]>): string {
  if (security.ok) return 'not in the list of rights ConnectWise returned';
  return security.error.code === 'forbidden'
    ? 'the API member may not read its own rights'
    : `its own rights could not be read (${security.error.code})`;
}

export function checkPermissions(evidence: PermissionEvidence): CheckResult {
  const cells: Cell[] = [];
  for (const req of REQUIRED_RIGHTS) {
    const entry = entryFor(evidence.security, req);
    const why = entry ? 'its level is not one of All, My, None' : unreadableWhy(evidence.security);
    for (const action of ACTIONS) {
      if (req.levels[action] === 'None') continue;
      cells.push(
        action === 'inquire'
          ? inquireCell(req, entry, evidence.probes[req.probe], why)
          : levelCell(req, action, entry?.[action], why),
      );
    }
  }
  const failed = cells.flatMap((c) => (c.state === 'fail' ? [c.text] : []));
  const unknown = cells.flatMap((c) => (c.state === 'unverified' ? [c.text] : []));
  const role = ROLE_PATH(evidence.roleName);
  const guide =
    'Companies › Company Maintenance: Inquire All; Service Desk › Service Tickets: Add All, Edit All, Inquire All';
  if (failed.length > 0)
    return result(
      'permissions',
      'fail',
      `Missing: ${listOf(failed)}.${unknown.length > 0 ? ` Not verifiable: ${listOf(unknown)}.` : ''}`,
      `In ConnectWise, open ${role} (the API member’s role) and set ${guide}.`,
    );
  if (unknown.length > 0)
    return result(
      'permissions',
      'unverified',
      `Confirmed by reading: the Inquire rights. Not verifiable from here: ${listOf(unknown)}.`,
      `Check by hand in ConnectWise that ${role} has ${guide}. (BitAgent never creates or changes anything to test this.)`,
    );
  return pass('permissions', `The role grants what BitAgent needs: ${guide}.`);
}

/** Every right the member holds beyond the matrix, named. */
function extraRights(rights: readonly SecurityRight[]): string[] {
  const extras: string[] = [];
  for (const right of rights) {
    const req = REQUIRED_RIGHTS.find((r) => sameFunction(right, r.module, r.fn));
    for (const action of ACTIONS) {
      const level = right[action];
      if (level === undefined || level === 'None') continue;
      const allowed = req ? req.levels[action] : 'None';
      if (LEVEL_RANK[level] > LEVEL_RANK[allowed])
        extras.push(`${rightName(right.module, right.fn, action)}: ${level} (BitAgent needs ${allowed})`);
    }
  }
  return extras;
}

export function checkLeastPrivilege(evidence: PermissionEvidence): CheckResult {
  const role = ROLE_PATH(evidence.roleName);
  const extras = evidence.security.ok ? extraRights(evidence.security.value) : [];
  if (evidence.securityRoles.ok && !extras.some((e) => e.startsWith('System › Security Roles')))
    extras.push(
      'System › Security Roles › Inquire: it could read the list of security roles (BitAgent needs None)',
    );
  if (extras.length > 0)
    return result(
      'least-privilege',
      'warn',
      `Rights beyond what BitAgent needs: ${listOf(extras)}.`,
      `In ConnectWise, open ${role} and set these to None. BitAgent needs only the rows of the integration guide.`,
    );
  if (!evidence.security.ok)
    return result(
      'least-privilege',
      'unverified',
      `Could not list the API member’s rights: ${unreadableWhy(evidence.security)}. ${securityRolesNote(evidence.securityRoles)}`,
      `Check by hand in ConnectWise that ${role} grants nothing beyond the integration guide’s rows.`,
    );
  if (evidence.security.value.length === 0)
    return result(
      'least-privilege',
      'unverified',
      'ConnectWise returned no rights this app could read.',
      `Check by hand in ConnectWise that ${role} grants nothing beyond the integration guide’s rows.`,
    );
  return pass('least-privilege', 'The role grants nothing beyond what BitAgent needs.');
}

function securityRolesNote(probe: Settled<void>): string {
  return !probe.ok && probe.error.code === 'forbidden'
    ? 'Reading security roles was refused, as it should be.'
    : '';
}
