/** Boards and statuses: more than a page of them, an inactive board, boards that cannot be listed. */
import type { SimBoard, SimStatus } from '../types.js';
import { healthy, SUPPORT_STATUSES, variant } from './healthy.js';

/** 2100 boards, Support last: three pages of 1000. */
export const manyBoards = variant({
  name: 'many-boards',
  description: '2100 service boards; Support is the last.',
  boards: [
    ...Array.from(
      { length: 2099 },
      (_, i): SimBoard => ({
        id: 1000 + i,
        name: `Customer Board ${String(i).padStart(4, '0')}`,
        statuses: [],
      }),
    ),
    { id: 1, name: 'Support', statuses: SUPPORT_STATUSES },
  ],
});

/** A Support board with 1200 statuses: the status list itself needs two pages. */
export const manyStatuses = variant({
  name: 'many-statuses',
  description: 'Support has 1200 statuses; the wanted ones are on the second page.',
  boards: [
    {
      id: 1,
      name: 'Support',
      statuses: [
        ...Array.from({ length: 1195 }, (_, i): SimStatus => ({ id: 5000 + i, name: `Stage ${i}` })),
        ...SUPPORT_STATUSES.slice(0, 5),
      ],
    },
  ],
});

export const inactiveBoard = variant({
  name: 'inactive-board',
  description: 'The Support board exists but is inactive.',
  boards: healthy.boards.map((b) => (b.name === 'Support' ? { ...b, inactiveFlag: true } : b)),
});

export const boardsForbidden = variant({
  name: 'boards-forbidden',
  description: 'Listing service boards is refused with 403.',
  boardsForbidden: true,
});

/** Link headers naming another host: the client must never send keys there. */
export const foreignLinks = variant({
  name: 'foreign-links',
  description: 'Link headers point at another host.',
  linkHost: 'elsewhere.invalid',
  maxPageSize: 2,
});

/** The first board query (the one with conditions) is refused with 400, as a server that reads them differently might. */
export const conditionsRejected = variant({
  name: 'conditions-rejected',
  description: 'The conditions query on service/boards answers 400; the plain list works.',
  faults: [
    {
      path: 'service/boards',
      kind: 'status',
      status: 400,
      body: { code: 'InvalidObject', message: 'conditions could not be parsed', errors: null },
      times: 1,
    },
  ],
});
