/**
 * The reads the validator and the pickers make, each turned into a small typed value. Parsing is lenient:
 * fields tagged [guess] in connectwise-api.md may be missing or shaped otherwise, and then come back as
 * `undefined`/`null` for the caller to report as "could not verify", never as a crash.
 */
import { z } from 'zod';
import type { ConnectWiseApi } from './api.js';
import { equalsCondition } from './conditions.js';
import { notConnectWise } from './errors.js';

export type Level = 'All' | 'My' | 'None';

export interface BoardInfo {
  id: number;
  name: string;
  inactive: boolean;
}
export interface StatusInfo {
  id: number;
  name: string;
  inactive: boolean;
  closed: boolean;
}
export interface MemberInfo {
  identifier: string | undefined;
  /** `A` API member, `F` full member, ... [guess semantics] */
  licenseClass: string | undefined;
  inactive: boolean | undefined;
  roleName: string | undefined;
}
export interface SecurityRight {
  module: string;
  fn: string;
  /** `undefined` when the field is missing or not exactly All/My/None. */
  add: Level | undefined;
  edit: Level | undefined;
  delete: Level | undefined;
  inquire: Level | undefined;
}

const BoardSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  inactiveFlag: z.boolean().nullish(),
});
const StatusSchema = z.looseObject({
  id: z.number().int(),
  name: z.string(),
  inactive: z.boolean().nullish(),
  closedStatus: z.boolean().nullish(),
});
const MemberSchema = z.looseObject({
  identifier: z.string().nullish(),
  licenseClass: z.string().nullish(),
  inactiveFlag: z.boolean().nullish(),
  securityRole: z.looseObject({ name: z.string().nullish() }).nullish(),
});
const LevelSchema = z.enum(['All', 'My', 'None']);
const SecuritySchema = z.looseObject({
  moduleDescription: z.string().nullish(),
  moduleName: z.string().nullish(),
  moduleFunctionDescription: z.string().nullish(),
  moduleFunctionName: z.string().nullish(),
  addLevel: z.unknown(),
  editLevel: z.unknown(),
  deleteLevel: z.unknown(),
  inquireLevel: z.unknown(),
});

const level = (value: unknown): Level | undefined => {
  const parsed = LevelSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
};

export async function readSystemInfo(api: ConnectWiseApi): Promise<{ version: string | undefined }> {
  const body = await api.get('system/info');
  const parsed = z.looseObject({ version: z.string().nullish() }).safeParse(body);
  return { version: parsed.success ? (parsed.data.version ?? undefined) : undefined };
}

/** The calling member. The path is [seen] but its shape is not: an object, or a list of exactly one. */
export async function readMyMember(api: ConnectWiseApi): Promise<MemberInfo | null> {
  const body = await api.get('system/myMembers');
  const candidate = Array.isArray(body) ? (body.length === 1 ? body[0] : undefined) : body;
  const parsed = MemberSchema.safeParse(candidate);
  if (!parsed.success) return null;
  const m = parsed.data;
  if (m.identifier == null && m.licenseClass == null && m.inactiveFlag == null) return null;
  return {
    identifier: m.identifier ?? undefined,
    licenseClass: m.licenseClass ?? undefined,
    inactive: m.inactiveFlag ?? undefined,
    roleName: m.securityRole?.name ?? undefined,
  };
}

/** The caller's rights, matched later on descriptions (identifiers were never observed). */
export async function readMySecurity(api: ConnectWiseApi): Promise<SecurityRight[]> {
  const items = await api.getAll('system/mySecurity');
  const rights: SecurityRight[] = [];
  for (const item of items) {
    const parsed = SecuritySchema.safeParse(item);
    if (!parsed.success) continue;
    const s = parsed.data;
    const module = s.moduleDescription ?? s.moduleName;
    const fn = s.moduleFunctionDescription ?? s.moduleFunctionName;
    if (!module || !fn) continue;
    rights.push({
      module,
      fn,
      add: level(s.addLevel),
      edit: level(s.editLevel),
      delete: level(s.deleteLevel),
      inquire: level(s.inquireLevel),
    });
  }
  return rights;
}

const BOARD_FIELDS = 'id,name,inactiveFlag';
const STATUS_FIELDS = 'id,name,inactive,closedStatus';

function toBoards(items: unknown[], host: string): BoardInfo[] {
  return items.map((item) => {
    const parsed = BoardSchema.safeParse(item);
    if (!parsed.success) throw notConnectWise(host, 'listed a service board without an id or name');
    return { id: parsed.data.id, name: parsed.data.name, inactive: parsed.data.inactiveFlag ?? false };
  });
}

function hostOf(api: ConnectWiseApi): string {
  return new URL(api.discovery.apiBase).host;
}

/** Boards whose name matches by ConnectWise's own comparison (which may ignore case); the caller compares exactly. */
export async function findBoardsByName(api: ConnectWiseApi, name: string): Promise<BoardInfo[]> {
  const items = await api.getAll('service/boards', {
    conditions: equalsCondition('name', name),
    fields: BOARD_FIELDS,
  });
  return toBoards(items, hostOf(api));
}

export async function listBoards(api: ConnectWiseApi, maxItems = 5000): Promise<BoardInfo[]> {
  const items = await api.getAll(
    'service/boards',
    { fields: BOARD_FIELDS, orderBy: 'name asc' },
    { maxItems },
  );
  return toBoards(items, hostOf(api));
}

export async function listStatuses(
  api: ConnectWiseApi,
  boardId: number,
  maxItems = 5000,
): Promise<StatusInfo[]> {
  const items = await api.getAll(
    `service/boards/${boardId}/statuses`,
    { fields: STATUS_FIELDS },
    { maxItems },
  );
  return items.map((item) => {
    const parsed = StatusSchema.safeParse(item);
    if (!parsed.success) throw notConnectWise(hostOf(api), 'listed a status without an id or name');
    const s = parsed.data;
    return { id: s.id, name: s.name, inactive: s.inactive ?? false, closed: s.closedStatus ?? false };
  });
}

/** A read that proves an Inquire right without changing anything: one id, one row. [seen] */
export async function probeRead(
  api: ConnectWiseApi,
  path: 'company/companies' | 'service/tickets' | 'system/securityRoles',
): Promise<void> {
  await api.get(path, { pageSize: 1, fields: 'id' });
}
