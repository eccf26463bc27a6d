/**
 * `member`: the calling member should be an active API member. `/system/myMembers` is a [seen] path with
 * [guess] semantics, so anything short of a clear answer is "unverified", and only a clear bad answer warns.
 */
import type { CheckResult } from '../../../common/schemas/validation.js';
import type { MemberInfo } from '../../connectwise/resources.js';
import { pass, quote, result } from '../result.js';
import type { Settled } from '../settled.js';

const FIX_UNVERIFIED =
  'In ConnectWise, check System › Members › API Members: the member is there, active, and owns these keys.';

export function checkMember(member: Settled<MemberInfo | null>): CheckResult {
  if (!member.ok)
    return result(
      'member',
      'unverified',
      member.error.code === 'forbidden'
        ? 'The API member may not read its own member record (HTTP 403), so it could not be checked.'
        : `The member record could not be read (${member.error.message})`,
      FIX_UNVERIFIED,
    );
  const m = member.value;
  if (m === null)
    return result(
      'member',
      'unverified',
      'ConnectWise answered, but not with a member record this app understands.',
      FIX_UNVERIFIED,
    );

  const who = m.identifier ? `Member ${quote(m.identifier)}` : 'The member';
  const role = m.roleName ? `, role ${quote(m.roleName)}` : '';
  const problems: string[] = [];
  const fixes: string[] = [];
  if (m.inactive === true) {
    problems.push(`${who} is marked inactive.`);
    fixes.push(
      'Make the member active again (System › Members › API Members), or create the API key on an active API member.',
    );
  }
  if (m.licenseClass !== undefined && m.licenseClass !== 'A') {
    problems.push(`${who} is not an API member (licence class ${m.licenseClass}).`);
    fixes.push(
      'Create the keys on a dedicated API member (System › Members › API Members), not on a person’s account.',
    );
  }
  if (problems.length > 0)
    return result(
      'member',
      'warn',
      `${problems.join(' ')}${role ? ` (${role.slice(2)})` : ''}`,
      fixes.join(' '),
    );
  if (m.inactive === undefined || m.licenseClass === undefined)
    return result(
      'member',
      'unverified',
      `${who}${role}: ConnectWise did not say whether it is ${m.inactive === undefined ? 'active' : 'an API member'}.`,
      FIX_UNVERIFIED,
    );
  return pass('member', `${who}${role}: an active API member.`);
}
