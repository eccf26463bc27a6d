/**
 * The healthy PSA: everything set up as integration-guide.txt asks. `serve --demo` runs it, and its demo
 * credentials (fake values, fine to print) are what a user types into the wizard.
 */
import type { Scenario, SimRight, SimStatus } from '../types.js';

export const DEMO = {
  companyId: 'demo_msp',
  clientId: 'b17a9e47-5eed-4d00-8000-000000000001',
  publicKey: 'DemoPublicKey001',
  privateKey: 'DemoPrivateKey01',
  board: 'Support',
  statuses: ['New', 'New (Email Connector)', 'New (Portal)', '*New', '*New (Email Connector)'],
} as const;

const right = (
  moduleDescription: string,
  moduleFunctionDescription: string,
  [addLevel, editLevel, deleteLevel, inquireLevel]: SimRight['addLevel'][],
): SimRight => ({
  moduleDescription,
  moduleFunctionDescription,
  addLevel: addLevel ?? 'None',
  editLevel: editLevel ?? 'None',
  deleteLevel: deleteLevel ?? 'None',
  inquireLevel: inquireLevel ?? 'None',
});

/** The role of the guide's Step B, plus a few functions left at None as ConnectWise lists them. */
export const GUIDE_RIGHTS: SimRight[] = [
  right('Companies', 'Company Maintenance', ['None', 'None', 'None', 'All']),
  right('Companies', 'Contacts', ['None', 'None', 'None', 'None']),
  right('Service Desk', 'Service Tickets', ['All', 'All', 'None', 'All']),
  right('Service Desk', 'Resource Scheduling', ['None', 'None', 'None', 'None']),
  right('System', 'Member Maintenance', ['None', 'None', 'None', 'None']),
  right('System', 'Security Roles', ['None', 'None', 'None', 'None']),
];

export { right };

export const SUPPORT_STATUSES: SimStatus[] = [
  { id: 1, name: 'New', defaultFlag: true, sortOrder: 0 },
  { id: 2, name: 'New (Email Connector)', sortOrder: 1 },
  { id: 3, name: 'New (Portal)', sortOrder: 2 },
  { id: 4, name: '*New', sortOrder: 3 },
  { id: 5, name: '*New (Email Connector)', sortOrder: 4 },
  { id: 6, name: 'In Progress', sortOrder: 5 },
  { id: 7, name: 'Waiting Customer', sortOrder: 6 },
  { id: 8, name: '>Closed', closedStatus: true, sortOrder: 7 },
  { id: 9, name: 'Completed', closedStatus: true, sortOrder: 8 },
  { id: 10, name: 'New (Old Portal)', inactive: true, sortOrder: 9 },
];

export const healthy: Scenario = {
  name: 'healthy',
  description: 'A PSA set up exactly as the integration guide asks.',
  topology: 'single',
  company: {
    companyId: DEMO.companyId,
    companyName: 'Demo MSP',
    codebase: 'v2025_1/',
    versionCode: 'v2025.1',
    versionNumber: 'v4.6.112233',
    isCloud: false,
  },
  credentials: { publicKey: DEMO.publicKey, privateKey: DEMO.privateKey, clientIds: [DEMO.clientId] },
  member: {
    id: 178,
    identifier: 'BitAgent',
    licenseClass: 'A',
    inactiveFlag: false,
    securityRole: { id: 63, name: 'BitAgent API' },
  },
  security: GUIDE_RIGHTS,
  securityRoles: 'forbidden',
  boards: [
    { id: 1, name: 'Support', statuses: SUPPORT_STATUSES },
    {
      id: 2,
      name: 'Help "Desk"',
      statuses: [
        { id: 21, name: 'New' },
        { id: 22, name: 'Assigned' },
      ],
    },
    { id: 3, name: 'Projects', statuses: [{ id: 31, name: 'Planned' }] },
    { id: 4, name: 'Old Support', inactiveFlag: true, statuses: [{ id: 41, name: 'New' }] },
  ],
  system: { version: 'v2025.1.112233', isCloud: false, serverTimeZone: 'Eastern Standard Time' },
};

/** A scenario that differs from the healthy one in the fields given. */
export function variant(patch: Partial<Scenario> & Pick<Scenario, 'name' | 'description'>): Scenario {
  return { ...healthy, ...patch };
}
