/**
 * The service behind submission.recipient / preview / export, over a Node port and a temp data folder, with
 * the vault stood in for by a plain function (the lead wires the real one). Files are opened with the
 * development private key to check what was really sealed.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppFailure } from '../../common/errors.js';
import { DEFAULT_DRAFT, type Draft } from '../../common/schemas/draft.js';
import {
  SECRET_MASK,
  SubmissionExportResultSchema,
  SubmissionPreviewSchema,
} from '../../common/schemas/submission.js';
import { createLogger } from '../../main/log.js';
import { createNodePort, type NodePort } from '../../main/platform/node-port.js';
import {
  createFileKeyStore,
  createSubmissionService,
  DEFAULT_RECIPIENT_JWK_PATH,
  generateRecipientKeyPair,
  openSubmission,
  type SubmissionSecrets,
  suggestedName,
} from '../../main/submission/index.js';
import {
  CANARY,
  canaryLeaks,
  DEV_PUBLIC_JWK_PATH,
  devPrivateJwk,
  passingReport,
  ROOT,
} from '../support/dev-recipient.js';

const COMPLETE: Draft = {
  ...DEFAULT_DRAFT,
  contactName: 'Ada Lovelace',
  contactEmail: 'ada@example.com',
  companyId: 'acme',
  boardId: 1,
  statuses: ['New', 'new (portal)', 'Unknown status'],
  statusIds: [
    { id: 11, name: 'New' },
    { id: 12, name: 'New (Portal)' },
  ],
};

let dir: string;
let port: NodePort;
let logLines: string[];
let draft: Draft;
let secrets: SubmissionSecrets;

function service(overrides: { recipientJwkPath?: string; chooseSavePath?: NodePort['chooseSavePath'] } = {}) {
  const log = createLogger((line) => logLines.push(line));
  return createSubmissionService({
    port: overrides.chooseSavePath ? { ...port, chooseSavePath: overrides.chooseSavePath } : port,
    log,
    readSubmissionInput: async () => ({ draft, secrets }),
    keyStore: createFileKeyStore(path.join(dir, 'installation-key.jwk')),
    now: () => new Date('2026-03-04T05:06:07.000Z'),
    ...(overrides.recipientJwkPath ? { recipientJwkPath: overrides.recipientJwkPath } : {}),
  });
}

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'bitagent-submission-service-'));
  port = createNodePort({ userDataDir: dir, packageJsonPath: path.join(ROOT, 'package.json') });
  logLines = [];
  draft = { ...COMPLETE };
  secrets = { ...CANARY };
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('submission.recipient', () => {
  it('by default, the shipped assets/ key: the development one, flagged as such', async () => {
    expect(DEFAULT_RECIPIENT_JWK_PATH).toBe(DEV_PUBLIC_JWK_PATH);
    expect(await service().recipient()).toEqual({ kid: expect.stringMatching(/^dev-/), development: true });
  });

  it('a production key is not flagged; a missing or broken key file is a clear io failure', async () => {
    const { publicJwk } = await generateRecipientKeyPair();
    const file = path.join(dir, 'prod.public.jwk');
    await writeFile(file, JSON.stringify(publicJwk));
    expect(await service({ recipientJwkPath: file }).recipient()).toEqual({
      kid: publicJwk.kid,
      development: false,
    });
    await expect(service({ recipientJwkPath: path.join(dir, 'none.jwk') }).recipient()).rejects.toMatchObject(
      {
        code: 'io',
      },
    );
    await writeFile(file, JSON.stringify({ ...publicJwk, crv: 'P-256' }));
    await expect(service({ recipientJwkPath: file }).recipient()).rejects.toMatchObject({ code: 'io' });
  });
});

describe('submission.preview', () => {
  it('shows what will be sent with every secret masked, as a valid contract output', async () => {
    const preview = await service().preview();
    expect(SubmissionPreviewSchema.parse(preview)).toEqual(preview);
    expect(preview.payload.connectwise).toMatchObject({
      clientId: SECRET_MASK,
      publicKey: SECRET_MASK,
      privateKey: SECRET_MASK,
      companyId: 'acme',
      board: { id: 1, name: 'Support' },
      statuses: [
        { id: 11, name: 'New' },
        { id: 12, name: 'new (portal)' },
        { id: null, name: 'Unknown status' },
      ],
      apiBase: '',
      codebase: '',
    });
    expect(preview.missing).toEqual([]);
    expect(preview.recipient.development).toBe(true);
    expect(preview.signer.fingerprint).toMatch(/^([A-Z2-7]{4} ){7}[A-Z2-7]{4}$/);
    expect(preview.payload.validation).toEqual({ validated: false, reason: '' });
    expect(canaryLeaks(JSON.stringify(preview))).toEqual([]);
  });

  it('lists what is missing instead of refusing', async () => {
    draft = { ...COMPLETE, contactEmail: ' ', board: '', statuses: [] };
    secrets = { clientId: '', publicKey: CANARY.publicKey, privateKey: '' };
    const preview = await service().preview();
    expect(preview.missing).toEqual(['contactEmail', 'clientId', 'privateKey', 'board', 'statuses']);
    expect(preview.payload.connectwise).toMatchObject({
      clientId: '',
      privateKey: '',
      publicKey: SECRET_MASK,
    });
  });

  it('uses the last report: a passing one as the validation, its connection for apiBase and codebase', async () => {
    draft = { ...COMPLETE, lastReport: passingReport() };
    const preview = await service().preview();
    expect(preview.payload.validation).toEqual(passingReport());
    expect(preview.payload.connectwise.apiBase).toBe(passingReport().connection?.apiBase);
    expect(preview.payload.connectwise.codebase).toBe('v4_6_release/');
  });
});

describe('submission.export', () => {
  it('refuses while fields are missing, naming them, and writes nothing', async () => {
    draft = { ...COMPLETE, companyId: '' };
    secrets = { ...CANARY, publicKey: '' };
    const error = await service()
      .export({ unvalidatedReason: 'x' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppFailure);
    expect(error).toMatchObject({ code: 'invalid-input', field: 'companyId' });
    expect((error as Error).message).toMatch(/the Company ID, the public key/);
    expect(existsSync(port.downloadsDir)).toBe(false);
  });

  it('without a passing report, requires a reason', async () => {
    await expect(service().export({})).rejects.toMatchObject({
      code: 'invalid-input',
      field: 'unvalidatedReason',
    });
    draft = { ...COMPLETE, lastReport: passingReport({ ok: false }) };
    await expect(service().export({ unvalidatedReason: '   ' })).rejects.toMatchObject({
      message: expect.stringMatching(/did not pass/),
    });
  });

  it('writes a file under the harness downloads folder that opens to exactly what was collected', async () => {
    const svc = service();
    const preview = await svc.preview();
    const result = await svc.export({ unvalidatedReason: 'Our PSA is not reachable from this laptop.' });
    expect(SubmissionExportResultSchema.parse(result)).toEqual(result);
    expect(path.dirname(result.path)).toBe(port.downloadsDir);
    expect(path.basename(result.path)).toBe('bitagent-connectwise-acme-2026-03-04.bitagent');
    expect(result.signer).toEqual(preview.signer);
    const bytes = await readFile(result.path);
    expect(result.bytes).toBe(bytes.length);
    expect(canaryLeaks(bytes.toString())).toEqual([]);

    const opened = await openSubmission(bytes, devPrivateJwk());
    expect(opened.signer).toEqual(preview.signer);
    expect(opened.payload).toEqual({
      ...preview.payload,
      connectwise: { ...preview.payload.connectwise, ...CANARY },
      validation: { validated: false, reason: 'Our PSA is not reachable from this laptop.' },
    });
  });

  it('sends a failing report with the reason, and a passing one as is', async () => {
    const failing = passingReport({ ok: false });
    draft = { ...COMPLETE, lastReport: failing };
    const first = await service().export({ unvalidatedReason: 'BitAgent will fix the board with us' });
    expect((await openSubmission(await readFile(first.path), devPrivateJwk())).payload.validation).toEqual({
      validated: false,
      reason: 'BitAgent will fix the board with us',
      report: failing,
    });
    draft = { ...COMPLETE, lastReport: passingReport() };
    const second = await service().export({});
    expect(path.basename(second.path)).toBe('bitagent-connectwise-acme-2026-03-04 (2).bitagent');
    expect((await openSubmission(await readFile(second.path), devPrivateJwk())).payload.validation).toEqual(
      passingReport(),
    );
  });

  it('uses the draft’s saved reason when the call gives none', async () => {
    draft = { ...COMPLETE, unvalidatedReason: 'Saved earlier' };
    const result = await service().export({});
    const opened = await openSubmission(await readFile(result.path), devPrivateJwk());
    expect(opened.payload.validation).toEqual({ validated: false, reason: 'Saved earlier' });
  });

  it('a cancelled save dialog writes nothing', async () => {
    const svc = service({ chooseSavePath: async () => null });
    await expect(svc.export({ unvalidatedReason: 'x' })).rejects.toMatchObject({ code: 'cancelled' });
    expect(existsSync(port.downloadsDir)).toBe(false);
  });

  it('an unwritable destination is an io failure that does not quote the file’s content', async () => {
    const svc = service({ chooseSavePath: async () => path.join(dir, 'no', 'such', 'folder', 'x.bitagent') });
    const error = await svc.export({ unvalidatedReason: 'x' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'io', message: expect.stringMatching(/does not exist/) });
  });

  it('the same installation key signs every export, across restarts', async () => {
    const a = await service().export({ unvalidatedReason: 'x' });
    const b = await service().export({ unvalidatedReason: 'x' });
    expect(b.signer).toEqual(a.signer);
    expect((await readdir(port.downloadsDir)).length).toBe(2);
  });

  it('no secret reaches the log', async () => {
    await service().preview();
    await service().export({ unvalidatedReason: 'x' });
    expect(logLines.length).toBeGreaterThan(0);
    expect(canaryLeaks(logLines.join('\n'))).toEqual([]);
  });
});

describe('suggestedName', () => {
  it('keeps only safe characters of the company id', () => {
    const at = new Date('2026-01-02T00:00:00Z');
    expect(suggestedName('acme', at)).toBe('bitagent-connectwise-acme-2026-01-02.bitagent');
    expect(suggestedName('../../etc/passwd', at)).toBe('bitagent-connectwise-etc-passwd-2026-01-02.bitagent');
    expect(suggestedName('', at)).toBe('bitagent-connectwise-company-2026-01-02.bitagent');
  });
});
