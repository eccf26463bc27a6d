/** Discovery (cloud split host, on-premise, unknown company, a moved codebase) and paging over real HTTP. */
import { describe, expect, it } from 'vitest';
import { findBoardsByName, listBoards, listStatuses } from '../../../main/connectwise/resources.js';
import { openSession } from '../../../main/connectwise/session.js';
import { boards, cloud, DEMO, healthy, onprem, variant } from '../../support/cw-simulator/scenarios/index.js';
import { caught, FAST_RETRY, simulate } from './helpers.js';

const creds = {
  companyId: DEMO.companyId,
  clientId: DEMO.clientId,
  publicKey: DEMO.publicKey,
  privateKey: DEMO.privateKey,
};

async function session<T>(
  site: string,
  use: (api: ReturnType<ReturnType<typeof openSession>['api']>) => Promise<T>,
) {
  const s = openSession({ retry: FAST_RETRY });
  try {
    return await use(s.api(await s.discover(site, DEMO.companyId), creds));
  } finally {
    await s.close();
  }
}

describe('discovery', () => {
  it('cloud: the API host is companyinfo’s SiteUrl, on its own server, and every API call goes there', async () => {
    const sim = await simulate(cloud.cloudSplit);
    expect(sim.apiUrl).not.toBe(sim.loginUrl);
    const boardList = await session(sim.url, async (api) => {
      expect(api.discovery.apiBase).toBe(`${sim.apiUrl}/v2025_1/apis/3.0/`);
      expect(api.discovery.isCloud).toBe(true);
      expect(api.discovery.version).toBe('v2025.1');
      return listBoards(api);
    });
    expect(boardList.length).toBeGreaterThan(0);
    expect(sim.requests[0]?.server).toBe('login');
    expect(sim.requests.slice(1).every((r) => r.server === 'api')).toBe(true);
  });

  it('on-premise: no SiteUrl, so the entered host; codebase v4_6_release/', async () => {
    const sim = await simulate(onprem.onPremise);
    await session(sim.url, async (api) => {
      expect(api.discovery.apiBase).toBe(`${sim.url}/v4_6_release/apis/3.0/`);
      expect(api.discovery.isCloud).toBe(false);
      await listBoards(api);
    });
    expect(sim.requests.at(-1)?.path).toBe('/v4_6_release/apis/3.0/service/boards');
  });

  it('accepts the site pasted as a full ConnectWise.aspx URL', async () => {
    const sim = await simulate(onprem.onPremise);
    await session(`${sim.url}/v4_6_release/ConnectWise.aspx?locale=en_US`, async (api) => {
      expect(api.discovery.site.loginOrigin).toBe(sim.url);
    });
  });

  it.each([
    ['a 200 with a null body', healthy],
    ['a 404', variant({ name: 'unknown-404', description: '', unknownCompany: '404' })],
  ])('unknown company as %s → unknown-company', async (_, scenario) => {
    const sim = await simulate(scenario);
    const s = openSession();
    try {
      const error = await caught(() => s.discover(sim.url, 'nosuchcompany'));
      expect(error.code).toBe('unknown-company');
    } finally {
      await s.close();
    }
  });

  it('finds the company whatever its case, and reports ConnectWise’s spelling', async () => {
    const sim = await simulate(healthy);
    const s = openSession();
    try {
      expect((await s.discover(sim.url, 'DEMO_MSP')).companyId).toBe('demo_msp');
    } finally {
      await s.close();
    }
  });

  it('a codebase that moved after discovery: one 404, one re-discovery, then the new base', async () => {
    const sim = await simulate(onprem.justUpgraded);
    await session(sim.url, async (api) => {
      expect(api.discovery.codebase).toBe('v2024_2/');
      await expect(listBoards(api)).resolves.toHaveLength(healthy.boards.length);
      expect(api.discovery.codebase).toBe('v2025_1/');
    });
    expect(sim.requests.map((r) => `${r.status} ${r.path}`)).toEqual([
      '200 /login/companyinfo/demo_msp',
      '404 /v2024_2/apis/3.0/service/boards',
      '200 /login/companyinfo/demo_msp',
      '200 /v2025_1/apis/3.0/service/boards',
    ]);
  });
});

describe('paging and conditions', () => {
  it('follows Link rel="next" past the first page: 2100 boards in three pages of 1000', async () => {
    const sim = await simulate(boards.manyBoards);
    const all = await session(sim.url, (api) => listBoards(api));
    expect(all).toHaveLength(2100);
    expect(new Set(all.map((b) => b.id)).size).toBe(2100);
    const pages = sim.requests.filter((r) => r.apiPath === 'service/boards');
    expect(pages.map((r) => [r.query.page, r.query.pageSize])).toEqual([
      ['1', '1000'],
      ['2', '1000'],
      ['3', '1000'],
    ]);
  });

  it('a status list longer than a page', async () => {
    const sim = await simulate(boards.manyStatuses);
    const statuses = await session(sim.url, (api) => listStatuses(api, 1));
    expect(statuses).toHaveLength(1200);
    expect(statuses.at(-1)?.name).toBe('*New (Email Connector)');
    expect(sim.requests.filter((r) => r.apiPath === 'service/boards/1/statuses')).toHaveLength(2);
  });

  it('stops at the item cap instead of reading every page', async () => {
    const sim = await simulate(boards.manyBoards);
    expect(await session(sim.url, (api) => listBoards(api, 1500))).toHaveLength(1500);
    expect(sim.requests.filter((r) => r.apiPath === 'service/boards')).toHaveLength(2);
  });

  it('never follows a next link to another host: the page number is asked of our own host', async () => {
    const sim = await simulate(boards.foreignLinks);
    const all = await session(sim.url, (api) => listBoards(api));
    expect(all.map((b) => b.name)).toEqual(healthy.boards.map((b) => b.name));
    // maxPageSize 2 with 4 boards: two pages, both asked of the simulator.
    expect(sim.requests.filter((r) => r.apiPath === 'service/boards').map((r) => r.query.page)).toEqual([
      '1',
      '2',
    ]);
  });

  it('quotes and encodes names with quotes and parentheses so the server matches exactly one', async () => {
    const sim = await simulate(healthy);
    const found = await session(sim.url, (api) => findBoardsByName(api, 'Help "Desk"'));
    expect(found).toEqual([{ id: 2, name: 'Help "Desk"', inactive: false }]);
    const request = sim.requests.find((r) => r.apiPath === 'service/boards');
    expect(request?.query.conditions).toBe('name="Help \\"Desk\\""');
    expect(request?.rawQuery).toContain('conditions=name%3D%22Help%20%5C%22Desk%5C%22%22');
    expect(request?.query.fields).toBe('id,name,inactiveFlag');
  });
});
