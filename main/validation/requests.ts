/**
 * Every request a validation makes, started as early as its inputs allow, so independent calls overlap:
 *   round 1  companyinfo
 *   round 2  system/info, myMembers, mySecurity, securityRoles, the two read probes, the board by name
 *   round 3  the board's statuses
 * (a failed board name adds the full board list; a 401 adds the two key diagnoses). GET only.
 */
import type { ConnectWiseApi, Credentials } from '../connectwise/api.js';
import type { Discovery } from '../connectwise/discovery.js';
import {
  listStatuses,
  type MemberInfo,
  probeRead,
  readMyMember,
  readMySecurity,
  readSystemInfo,
  type SecurityRight,
  type StatusInfo,
} from '../connectwise/resources.js';
import type { Session } from '../connectwise/session.js';
import { type BoardLookup, lookupBoard } from './checks/board.js';
import type { KeysDiagnosis } from './checks/connection.js';
import type { InputGate, PreparedInput } from './checks/input.js';
import { type Settled, settle } from './settled.js';

/** `null`: not attempted (its inputs were missing or an earlier step failed). */
type Maybe<T> = Promise<Settled<T> | null>;

export interface Requests {
  discovery: Maybe<Discovery>;
  /** The discovery in use once the API answered (a 404 may have made it discover again). */
  latestDiscovery(): Maybe<Discovery>;
  info: Maybe<{ version: string | undefined }>;
  member: Maybe<MemberInfo | null>;
  security: Maybe<SecurityRight[]>;
  securityRoles: Maybe<void>;
  companies: Maybe<void>;
  tickets: Maybe<void>;
  board: Maybe<BoardLookup>;
  statuses: Maybe<StatusInfo[]>;
  /** Only asked for when the keys were refused: two more GETs that find the common mistakes. */
  diagnoseKeys(): Promise<KeysDiagnosis | null>;
}

export function credentialsOf(p: PreparedInput): Credentials {
  return { companyId: p.companyId, publicKey: p.publicKey, privateKey: p.privateKey, clientId: p.clientId };
}

export function startRequests(p: PreparedInput, gate: InputGate, session: Session): Requests {
  const discovery: Maybe<Discovery> = gate.site
    ? settle(session.discover(p.site, p.companyId))
    : Promise.resolve(null);
  const api: Promise<ConnectWiseApi | null> = discovery.then((d) =>
    d?.ok && gate.credentials ? session.api(d.value, credentialsOf(p)) : null,
  );
  const whenApi = <T>(read: (api: ConnectWiseApi) => Promise<T>): Maybe<T> =>
    api.then((a) => (a ? settle(read(a)) : null));

  const board = gate.board ? whenApi((a) => lookupBoard(a, p.board)) : Promise.resolve(null);
  const statuses: Maybe<StatusInfo[]> = board.then(async (b) => {
    const found = b?.ok ? b.value.found : null;
    const a = await api;
    return found && a && gate.statuses ? settle(listStatuses(a, found.id)) : null;
  });

  let diagnosis: Promise<KeysDiagnosis | null> | null = null;
  return {
    discovery,
    async latestDiscovery() {
      const [d, a] = await Promise.all([discovery, api]);
      return a && d?.ok ? { ok: true, value: a.discovery } : d;
    },
    info: whenApi(readSystemInfo),
    member: whenApi(readMyMember),
    security: whenApi(readMySecurity),
    securityRoles: whenApi((a) => probeRead(a, 'system/securityRoles')),
    companies: whenApi((a) => probeRead(a, 'company/companies')),
    tickets: whenApi((a) => probeRead(a, 'service/tickets')),
    board,
    statuses,
    diagnoseKeys() {
      diagnosis ??= discovery.then((d) => (d?.ok ? diagnoseKeys(session, d.value, credentialsOf(p)) : null));
      return diagnosis;
    },
  };
}

/** Tries the two mistakes users make most [reported]: keys swapped, Company ID in the wrong case. */
async function diagnoseKeys(session: Session, d: Discovery, creds: Credentials): Promise<KeysDiagnosis> {
  const works = async (c: Credentials) => {
    const outcome = await settle(readSystemInfo(session.api(d, c)));
    return outcome.ok || outcome.error.code === 'forbidden';
  };
  const [swapped, spelled] = await Promise.all([
    works({ ...creds, publicKey: creds.privateKey, privateKey: creds.publicKey }),
    d.companyId !== creds.companyId ? works({ ...creds, companyId: d.companyId }) : Promise.resolve(false),
  ]);
  return { swapped, companyAsSpelled: spelled ? d.companyId : null };
}
