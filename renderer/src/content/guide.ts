/**
 * What the written guide (integration-guide.txt) asks the admin to type or pick, word for word. The wizard shows
 * each value exactly as it is here, with a copy button. Change a value here only when the guide changes.
 */

export const CLIENT_ID_URL = 'https://developer.connectwise.com/ClientID';
export const DOCS_URL =
  'https://docs.connectwise.com/ConnectWise_Access_Management_Documentation/Integrations/ConnectWise_PSA_integration';

/** Step A: the ClientID Access Request Form at developer.connectwise.com. */
export const CLIENT_ID_FORM = {
  integrationName: 'BitAgent',
  description: 'Custom API access for BitAgent',
  product: 'Manage',
} as const;

export const CLIENT_ID_EXAMPLE = '7a002312-3831-42a6-cff5-8cd2c8d969f1';
export const PUBLIC_KEY_EXAMPLE = 'vghjZiwbW3Sunp9V';
export const PRIVATE_KEY_EXAMPLE = 'rVdHgPaKX3WPmnh5';

/** Step B: the security role. */
export const ROLE_CLICK_PATH = ['System', 'Security Roles', '+'] as const;
export const ROLE_ID = 'BitAgent API';

export interface PermissionRow {
  /** Checklist id (draft.checklist). */
  id: string;
  module: string;
  fn: string;
  add: string;
  edit: string;
  del: string;
  inquire: string;
}

/** The permission table exactly as the guide gives it. Everything else stays "None". */
export const PERMISSIONS: readonly PermissionRow[] = [
  {
    id: 'role.companyMaintenance',
    module: 'Companies',
    fn: 'Company Maintenance',
    add: 'None',
    edit: 'None',
    del: 'None',
    inquire: 'All',
  },
  {
    id: 'role.serviceTickets',
    module: 'Service Desk',
    fn: 'Service Tickets',
    add: 'All',
    edit: 'All',
    del: 'None',
    inquire: 'All',
  },
];

export const ROLE_CHECKLIST = {
  created: 'role.created',
  everythingElseNone: 'role.everythingElseNone',
  saved: 'role.saved',
} as const;

/** Step C: the API member. */
export const MEMBER_CLICK_PATH = ['System', 'Members', 'Api Members'] as const;
export const API_KEYS_CLICK_PATH = ['API Keys', '+'] as const;
export const API_KEY_DESCRIPTION = 'BitAgent API';

export interface MemberField {
  label: string;
  value: string;
  /** Whether the value is the guide's example of something that is the MSP's own. */
  example?: boolean;
  note?: string;
}

export const MEMBER_LEVEL = 'Corporate (Level 1)';

/** The guide's New Member form, in the order ConnectWise shows it. */
export function memberFields(memberIdentifier: string, roleName: string): MemberField[] {
  return [
    { label: 'Member ID', value: memberIdentifier },
    { label: 'Member Name', value: memberIdentifier },
    { label: 'Role ID', value: roleName, note: 'The role from the previous step.' },
    { label: 'Level', value: MEMBER_LEVEL, note: 'Your highest level.' },
    {
      label: 'Name',
      value: 'Corporate',
      example: true,
      note: 'The name of that level in your PSA.',
    },
    {
      label: 'Location',
      value: 'Support',
      example: true,
      note: 'As for a regular member who works your tickets.',
    },
    {
      label: 'Business Unit',
      value: 'Professional Services',
      example: true,
      note: 'Also called Department.',
    },
    { label: 'Default Territory', value: 'Support', example: true },
    { label: 'Time Zone', value: 'US Mountain', example: true, note: 'Your own time zone.' },
  ];
}

/** Step 6: the defaults the guide gives. */
export const DEFAULT_BOARD = 'Support';
export const DEFAULT_STATUSES = [
  'New',
  'New (Email Connector)',
  'New (Portal)',
  '*New',
  '*New (Email Connector)',
];
