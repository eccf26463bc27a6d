import { describe, expect, it } from 'vitest';
import { checkInput, prepareInput } from '../../../main/validation/checks/input.js';
import { closestNames, editDistance } from '../../../main/validation/similar.js';

const good = {
  site: 'na.myconnectwise.net',
  companyId: 'demo_msp',
  clientId: '7a002312-3831-42a6-cff5-8cd2c8d969f1',
  publicKey: 'vghjZiwbW3Sunp9V',
  privateKey: 'rVdHgPaKX3WPmnh5',
  board: 'Support',
  statuses: ['New', ' *New ', '', 'New'],
};

describe('input check', () => {
  it('passes well-formed input, trimming and de-duplicating statuses', () => {
    const prepared = prepareInput(good);
    expect(prepared.statuses).toEqual(['New', '*New']);
    const { result, gate } = checkInput(prepared);
    expect(result.status).toBe('pass');
    expect(Object.values(gate).every(Boolean)).toBe(true);
  });

  it('fails a Client ID that is not a GUID without quoting it, pointing at its step', () => {
    const { result, gate } = checkInput(prepareInput({ ...good, clientId: 'not-a-guid-SECRETVALUE' }));
    expect(result.status).toBe('fail');
    expect(result.step).toBe('client-id');
    expect(JSON.stringify(result)).not.toContain('SECRETVALUE');
    expect(gate.credentials).toBe(false);
    expect(gate.site).toBe(true);
  });

  it('warns (not fails) about keys of an unusual form, never quoting them', () => {
    const { result, gate } = checkInput(
      prepareInput({ ...good, publicKey: 'short+Key!', privateKey: 'x'.repeat(20) }),
    );
    expect(result.status).toBe('warn');
    expect(result.detail).toContain(
      'public key is 10 characters including characters other than letters and digits',
    );
    expect(result.detail).toContain('private key is 20 characters;');
    expect(JSON.stringify(result)).not.toContain('short+Key!');
    expect(gate.credentials).toBe(true);
  });

  it.each<[Partial<typeof good>, string, keyof ReturnType<typeof checkInput>['gate']]>([
    [{ site: ' ' }, 'site', 'site'],
    [{ companyId: '' }, 'site', 'company'],
    [{ publicKey: '' }, 'member', 'credentials'],
    [{ privateKey: good.publicKey }, 'member', 'credentials'],
    [{ board: '' }, 'board', 'board'],
    [{ statuses: [' '] }, 'board', 'statuses'],
  ])('fails %j (step %s) and closes the %s gate', (patch, step, gateKey) => {
    const { result, gate } = checkInput(prepareInput({ ...good, ...patch }));
    expect(result.status).toBe('fail');
    expect(result.step).toBe(step);
    expect(gate[gateKey]).toBe(false);
  });
});

describe('closest names', () => {
  const boards = ['Support', 'Help "Desk"', 'Projects', 'Customer Support', 'Sales'];
  it('suggests case and punctuation variants first', () => {
    expect(closestNames('support', boards)[0]).toBe('Support');
    expect(closestNames('Help Desk', boards)[0]).toBe('Help "Desk"');
    expect(closestNames('New Email Connector', ['*New (Email Connector)', 'New', 'Closed'])[0]).toBe(
      '*New (Email Connector)',
    );
  });
  it('catches typos, and suggests nothing for unrelated names', () => {
    expect(closestNames('Suport', boards)).toContain('Support');
    expect(closestNames('Zebra', boards)).toEqual([]);
  });
  it('never suggests the name itself, and at most three', () => {
    expect(closestNames('Support', boards)).not.toContain('Support');
    expect(closestNames('a', ['a1', 'a2', 'a3', 'a4', 'b']).length).toBeLessThanOrEqual(3);
  });
  it('measures edit distance', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
