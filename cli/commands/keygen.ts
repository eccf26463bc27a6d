/**
 * `bitagent-cw keygen --out DIR [--dev]`: BitAgent's X25519 recipient key pair. The private half is written
 * readable by its owner only; neither file is ever overwritten (losing a private key loses every submission
 * sealed to it).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateRecipientKeyPair, ioFailureReason, writeFileAtomic } from '../../main/submission/index.js';
import { type Command, CommandFailure, UsageError } from '../usage.js';
import { shown } from './submission-shared.js';

export const PRIVATE_KEY_FILE = 'bitagent-recipient.private.jwk';
export const PUBLIC_KEY_FILE = 'bitagent-recipient.public.jwk';

export const keygenCommand: Command = {
  name: 'keygen',
  synopsis: 'keygen --out DIR [--dev]',
  summary: "Make BitAgent's recipient key pair (X25519) in DIR; never overwrites.",
  async run(args, io) {
    const { values } = parseArgs({
      args,
      strict: true,
      allowPositionals: false,
      options: { out: { type: 'string' }, dev: { type: 'boolean', default: false } },
    });
    if (!values.out) throw new UsageError('--out DIR is required');
    const dir = path.resolve(values.out);
    const privateFile = path.join(dir, PRIVATE_KEY_FILE);
    const publicFile = path.join(dir, PUBLIC_KEY_FILE);

    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
    } catch (error) {
      throw new CommandFailure(`cannot create "${shown(dir)}": ${ioFailureReason(error)}`);
    }
    // Checked before anything is made, so a refusal leaves the folder exactly as it was.
    for (const file of [privateFile, publicFile]) {
      if (existsSync(file))
        throw new CommandFailure(`"${shown(file)}" already exists; keygen never overwrites a key`);
    }
    const pair = await generateRecipientKeyPair({ development: values.dev });
    // The private half first: if it cannot be written, no public key exists that nobody could decrypt for.
    for (const [file, jwk, mode] of [
      [privateFile, pair.privateJwk, 0o600],
      [publicFile, pair.publicJwk, 0o644],
    ] as const) {
      try {
        await writeFileAtomic(file, `${JSON.stringify(jwk, null, 2)}\n`, { mode, overwrite: false });
      } catch (error) {
        throw new CommandFailure(
          `cannot write "${shown(file)}": ${ioFailureReason(error)}${file === publicFile ? ` (the private key was written to "${shown(privateFile)}")` : ''}`,
        );
      }
    }

    io.out(`Key id:      ${pair.publicJwk.kid}`);
    io.out(`Private key: ${privateFile}  (keep it secret; it opens every submission sealed to this key)`);
    io.out(`Public key:  ${publicFile}  (ship it as assets/recipient/${PUBLIC_KEY_FILE})`);
    if (values.dev) io.out('This is a development key (kid "dev-..."): release builds refuse it.');
    return 0;
  },
};
