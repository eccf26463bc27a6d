import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../common/errors.js';
import type { SecurityRight } from '../../../main/connectwise/resources.js';
import {
  checkLeastPrivilege,
  checkPermissions,
  type PermissionEvidence,
} from '../../../main/validation/checks/permissions.js';

const r = (
  module: string,
  fn: string,
  add?: SecurityRight['add'],
  edit?: SecurityRight['add'],
  del?: SecurityRight['add'],
  inquire?: SecurityRight['add'],
): SecurityRight => ({ module, fn, add, edit, delete: del, inquire });
const GUIDE = [
  r('Companies', 'Company Maintenance', 'None', 'None', 'None', 'All'),
  r('Service Desk', 'Service Tickets', 'All', 'All', 'None', 'All'),
  r('System', 'Member Maintenance', 'None', 'None', 'None', 'None'),
];
const ok = <T>(value: T) => ({ ok: true as const, value });
const err = (code: ConstructorParameters<typeof AppFailure>[0]) => ({
  ok: false as const,
  error: new AppFailure(code, `failed: ${code}`),
});

function evidence(patch: Partial<PermissionEvidence> = {}): PermissionEvidence {
  return {
    security: ok(GUIDE),
    probes: { companies: ok(undefined), tickets: ok(undefined) },
    securityRoles: err('forbidden'),
    roleName: 'BitAgent API',
    ...patch,
  };
}

describe('permissions', () => {
  it('passes when the rights match the guide and the reads work', () => {
    expect(checkPermissions(evidence()).status).toBe('pass');
  });

  it('fails naming module, function and level for a missing Edit', () => {
    const security = ok(GUIDE.map((x) => (x.fn === 'Service Tickets' ? { ...x, edit: 'None' as const } : x)));
    const result = checkPermissions(evidence({ security }));
    expect(result.status).toBe('fail');
    expect(result.detail).toContain('Service Desk › Service Tickets › Edit is None; BitAgent needs All');
    expect(result.step).toBe('role');
    expect(result.fix).toContain('System › Security Roles › BitAgent API');
  });

  it('fails a refused read even when mySecurity cannot be read', () => {
    const result = checkPermissions(
      evidence({
        security: err('forbidden'),
        probes: { companies: err('forbidden'), tickets: ok(undefined) },
      }),
    );
    expect(result.status).toBe('fail');
    expect(result.detail).toContain('Companies › Company Maintenance › Inquire');
    expect(result.detail).toMatch(/Not verifiable: .*Service Tickets › Add/);
  });

  it('Inquire My fails (BitAgent would see only its own records)', () => {
    const security = ok(
      GUIDE.map((x) => (x.fn === 'Company Maintenance' ? { ...x, inquire: 'My' as const } : x)),
    );
    expect(checkPermissions(evidence({ security })).detail).toContain('Company Maintenance › Inquire is My');
  });

  it('Add and Edit are unverified, never passed, when the caller cannot read its own rights', () => {
    for (const code of ['forbidden', 'not-found', 'timeout'] as const) {
      const result = checkPermissions(evidence({ security: err(code) }));
      expect(result.status).toBe('unverified');
      expect(result.detail).toContain('Service Tickets › Add');
      expect(result.detail).toContain('Service Tickets › Edit');
    }
  });

  it('rights listed under unexpected descriptions ([guess] semantics) degrade to unverified', () => {
    const security = ok([r('Service', 'Tickets', 'All', 'All', 'None', 'All')]);
    expect(checkPermissions(evidence({ security })).status).toBe('unverified');
  });

  it('levels outside All/My/None degrade to unverified', () => {
    const security = ok(GUIDE.map((x) => (x.fn === 'Service Tickets' ? { ...x, add: undefined } : x)));
    expect(checkPermissions(evidence({ security })).status).toBe('unverified');
  });

  it('matches descriptions regardless of case and spacing', () => {
    const security = ok([
      r('companies', 'company  maintenance', 'None', 'None', 'None', 'All'),
      r('SERVICE DESK', 'Service Tickets', 'All', 'All', 'None', 'All'),
    ]);
    expect(checkPermissions(evidence({ security })).status).toBe('pass');
  });
});

describe('least privilege', () => {
  it('passes with exactly the guide', () => expect(checkLeastPrivilege(evidence()).status).toBe('pass'));

  it('warns naming each right beyond the matrix', () => {
    const security = ok([
      ...GUIDE.filter((x) => x.fn !== 'Member Maintenance'),
      r('System', 'Member Maintenance', 'None', 'None', 'None', 'All'),
      r('Service Desk', 'Service Tickets', 'All', 'All', 'All', 'All'),
    ]);
    const result = checkLeastPrivilege(evidence({ security }));
    expect(result.status).toBe('warn');
    expect(result.detail).toContain('System › Member Maintenance › Inquire: All (BitAgent needs None)');
    expect(result.detail).toContain('Service Desk › Service Tickets › Delete: All (BitAgent needs None)');
    expect(result.step).toBe('role');
  });

  it('a readable security-roles list is itself a finding', () => {
    const result = checkLeastPrivilege(evidence({ securityRoles: ok(undefined) }));
    expect(result.status).toBe('warn');
    expect(result.detail).toContain('System › Security Roles');
  });

  it('is unverified when rights cannot be read and nothing else shows extra rights', () => {
    expect(checkLeastPrivilege(evidence({ security: err('forbidden') })).status).toBe('unverified');
    expect(checkLeastPrivilege(evidence({ security: ok([]) })).status).toBe('unverified');
  });

  it('still warns from the security-roles read when rights cannot be read', () => {
    expect(
      checkLeastPrivilege(evidence({ security: err('forbidden'), securityRoles: ok(undefined) })).status,
    ).toBe('warn');
  });
});
