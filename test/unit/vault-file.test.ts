/** The vault file: parsing, salvage of damaged files, migrations, the durable writer, and conf compatibility. */
import { readdirSync, statSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Conf from 'conf';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DRAFT } from '../../common/schemas/draft.js';
import { writeFileDurably } from '../../main/vault/durable-write.js';
import { emptyVaultFile, VAULT_FILE_NAME, type VaultFile } from '../../main/vault/file-format.js';
import { migrateToCurrent } from '../../main/vault/migrations.js';
import { jsonValueAt } from '../../main/vault/salvage.js';
import { parseVault, serializeVault, writeVault } from '../../main/vault/store-file.js';
import { tempDir } from '../support/vault-fixtures.js';

function sampleFile(): VaultFile {
  const file = emptyVaultFile();
  file.savedAt = '2026-12-04T10:00:00.000Z';
  file.draft = {
    ...file.draft,
    companyId: 'acme',
    site: 'eu.myconnectwise.net',
    boardId: 12,
    statuses: ['New'],
  };
  return file;
}

describe('parseVault', () => {
  it('reads back what it wrote', () => {
    const file = sampleFile();
    expect(parseVault(serializeVault(file))).toEqual({ kind: 'ok', file });
  });

  it('fills draft fields added since the file was written with their defaults (no migration needed)', () => {
    const raw = JSON.parse(serializeVault(sampleFile()));
    delete raw.draft.unvalidatedReason;
    const outcome = parseVault(JSON.stringify(raw));
    expect(outcome.kind).toBe('ok');
    if (outcome.kind === 'ok')
      expect(outcome.file.draft.unvalidatedReason).toBe(DEFAULT_DRAFT.unvalidatedReason);
  });

  it('salvages every field that still validates from a file whose shape is wrong', () => {
    const raw = JSON.parse(serializeVault(sampleFile()));
    raw.draft.boardId = 'twelve';
    raw.draft.unknownField = true;
    const outcome = parseVault(JSON.stringify(raw));
    expect(outcome.kind).toBe('damaged');
    if (outcome.kind !== 'damaged') return;
    expect(outcome.salvage.draft.companyId).toBe('acme');
    expect(outcome.salvage.recovered).toContain('site');
    expect(outcome.salvage.recovered).not.toContain('boardId');
    expect(outcome.salvage.recovered).not.toContain('unknownField');
  });

  it('salvages from a truncated file (broken JSON), never a value cut short', () => {
    const text = serializeVault(sampleFile());
    const cut = text.slice(0, text.indexOf('"boardId"') + '"boardId": 1'.length);
    const outcome = parseVault(cut);
    expect(outcome.kind).toBe('damaged');
    if (outcome.kind !== 'damaged') return;
    expect(outcome.why).toBe('not valid JSON');
    expect(outcome.salvage.draft).toMatchObject({ companyId: 'acme', site: 'eu.myconnectwise.net' });
    expect(outcome.salvage.recovered).not.toContain('boardId'); // "1" of 12
    expect(outcome.salvage.recovered).not.toContain('statuses'); // after the cut
  });

  it('treats a file from a newer app, or not ours, as damaged', () => {
    const raw = JSON.parse(serializeVault(sampleFile()));
    expect(parseVault(JSON.stringify({ ...raw, version: 99 }))).toMatchObject({ why: 'newer-version' });
    expect(parseVault('{"hello":"world"}')).toMatchObject({ kind: 'damaged', why: 'not-a-vault' });
    expect(parseVault('')).toMatchObject({ kind: 'damaged', why: 'not valid JSON' });
  });

  it('finds one JSON value at a position, respecting strings and nesting', () => {
    const text = '{"a": {"b": "}]\\"", "c": [1, {"d": 2}]}, "e": 3}';
    expect(jsonValueAt(text, text.indexOf(':') + 1)).toBe('{"b": "}]\\"", "c": [1, {"d": 2}]}');
    expect(jsonValueAt('"unterminated', 0)).toBeNull();
    expect(jsonValueAt('12', 0)).toBeNull();
    expect(jsonValueAt('12,', 0)).toBe('12');
  });
});

describe('migrations', () => {
  const v1 = () => ({ format: 'bitagent.vault', version: 1, draft: { name: 'x' } });

  it('runs each step in order, from the file version to the current one', () => {
    const steps = {
      1: (raw: Record<string, unknown>) => ({ ...raw, renamed: raw.draft, draft: undefined }),
      2: (raw: Record<string, unknown>) => ({ ...raw, added: true }),
    };
    const result = migrateToCurrent(v1(), steps, 3);
    expect(result).toEqual({
      ok: true,
      from: 1,
      value: { format: 'bitagent.vault', version: 3, renamed: { name: 'x' }, draft: undefined, added: true },
    });
  });

  it('refuses a gap, a failing step, a newer file and a foreign one', () => {
    expect(migrateToCurrent(v1(), {}, 2)).toEqual({ ok: false, reason: 'no-migration' });
    const throwing = {
      1: () => {
        throw new Error('boom');
      },
    };
    expect(migrateToCurrent(v1(), throwing, 2)).toEqual({ ok: false, reason: 'migration-failed' });
    expect(migrateToCurrent({ ...v1(), version: 5 }, {}, 1)).toEqual({ ok: false, reason: 'newer-version' });
    expect(migrateToCurrent({ version: 1 }, {}, 1)).toEqual({ ok: false, reason: 'not-a-vault' });
    expect(migrateToCurrent(v1(), {}, 1)).toMatchObject({ ok: true, from: 1 });
  });
});

describe('writeFileDurably', () => {
  it('replaces the file whole, private to the user, with no temporary file left', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'f.json');
    await writeFileDurably(file, 'one');
    await writeFileDurably(file, 'two');
    expect(await readFile(file, 'utf8')).toBe('two');
    expect(readdirSync(dir)).toEqual(['f.json']);
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('leaves the old file and no temporary file when the rename fails', async () => {
    const dir = await tempDir();
    const target = path.join(dir, 'occupied');
    await mkdir(target);
    await writeFile(path.join(target, 'inside'), 'keep');
    await expect(writeFileDurably(target, 'new')).rejects.toThrow();
    expect(readdirSync(dir)).toEqual(['occupied']);
    expect(await readFile(path.join(target, 'inside'), 'utf8')).toBe('keep');
  });
});

describe('electron-store compatibility', () => {
  it('writes the file conf / electron-store would read with the same options (cwd = the user-data folder)', async () => {
    const dir = await tempDir();
    const file = sampleFile();
    await writeVault(dir, file);
    // electron-store 11 is conf 15 with cwd = app.getPath('userData'); conf is what it runs in plain Node.
    const store = new Conf<VaultFile>({ cwd: dir, configName: path.basename(VAULT_FILE_NAME, '.json') });
    expect(store.path).toBe(path.join(dir, VAULT_FILE_NAME));
    expect(store.store).toEqual(file);
  });
});
