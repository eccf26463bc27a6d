/** The API member and its security role: missing rights, extra rights, and rights that cannot be read. */
import { GUIDE_RIGHTS, healthy, right, variant } from './healthy.js';

const replaceRight = (fn: string, levels: Parameters<typeof right>[2]) =>
  GUIDE_RIGHTS.map((r) => (r.moduleFunctionDescription === fn ? right(r.moduleDescription, fn, levels) : r));

export const missingTicketEdit = variant({
  name: 'missing-ticket-edit',
  description: 'Service Tickets Edit is None.',
  security: replaceRight('Service Tickets', ['All', 'None', 'None', 'All']),
});

export const companiesInquireMy = variant({
  name: 'companies-inquire-my',
  description: 'Company Maintenance Inquire is My, not All (reads still succeed).',
  security: replaceRight('Company Maintenance', ['None', 'None', 'None', 'My']),
});

export const noCompanyRead = variant({
  name: 'no-company-read',
  description: 'Company Maintenance Inquire is None: reading companies is refused with 403.',
  security: replaceRight('Company Maintenance', ['None', 'None', 'None', 'None']),
});

export const overPrivileged = variant({
  name: 'over-privileged',
  description: 'The role grants Delete on tickets, Member Maintenance and Security Roles too.',
  security: [
    ...replaceRight('Service Tickets', ['All', 'All', 'All', 'All']).filter(
      (r) => r.moduleFunctionDescription !== 'Member Maintenance',
    ),
    right('System', 'Member Maintenance', ['None', 'None', 'None', 'All']),
  ],
  securityRoles: [{ id: 63, name: 'BitAgent API' }],
});

/** mySecurity refused: Add and Edit cannot be known; the read probes still answer. */
export const securityUnreadable = variant({
  name: 'security-unreadable',
  description: 'The member may not read /system/mySecurity.',
  security: 'forbidden',
  reads: { companies: true, tickets: true },
});

export const fullMemberInactive = variant({
  name: 'full-member-inactive',
  description: 'The keys belong to an inactive full (not API) member.',
  member: {
    id: 12,
    identifier: 'jsmith',
    licenseClass: 'F',
    inactiveFlag: true,
    securityRole: { id: 1, name: 'Admin' },
  },
});

export const memberUnreadable = variant({
  name: 'member-unreadable',
  description: '/system/myMembers answers 403.',
  member: 'forbidden',
});

export const memberUnrecognised = variant({
  name: 'member-unrecognised',
  description: '/system/myMembers answers with an empty list.',
  member: 'unrecognised',
});

export { healthy };
