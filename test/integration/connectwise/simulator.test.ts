/** The simulator itself behaves as connectwise-api.md describes, so tests against it mean something. */
import { describe, expect, it } from 'vitest';
import { boards, cloud, DEMO, errors, healthy } from '../../support/cw-simulator/scenarios/index.js';
import { simulate } from './helpers.js';

const AUTH = `Basic ${Buffer.from(`${DEMO.companyId}+${DEMO.publicKey}:${DEMO.privateKey}`).toString('base64')}`;
const HEADERS = { authorization: AUTH, clientid: DEMO.clientId, accept: 'application/json' };

async function get(url: string, headers: Record<string, string> = HEADERS) {
  const response = await fetch(url, { headers });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {}
  return {
    status: response.status,
    body,
    link: response.headers.get('link'),
    type: response.headers.get('content-type'),
  };
}

describe('the ConnectWise simulator', () => {
  it('companyinfo: PascalCase fields, null for an unknown company, no auth needed', async () => {
    const sim = await simulate(healthy);
    expect((await get(`${sim.url}/login/companyinfo/demo_msp`, {})).body).toMatchObject({
      CompanyName: 'Demo MSP',
      Codebase: 'v2025_1/',
      CompanyID: 'demo_msp',
      IsCloud: false,
    });
    expect(await get(`${sim.url}/login/companyinfo/nobody`, {})).toMatchObject({ status: 200, body: null });
  });

  it('pages with a default size of 25 and Link headers, and caps pageSize at 1000', async () => {
    const sim = await simulate(boards.manyBoards);
    const base = `${sim.url}/v2025_1/apis/3.0/service/boards`;
    const first = await get(base);
    expect((first.body as unknown[]).length).toBe(25);
    expect(first.link).toBe(`<${base}?page=2>; rel="next", <${base}?page=84>; rel="last"`);
    const big = await get(`${base}?pageSize=5000&page=3`);
    expect((big.body as unknown[]).length).toBe(100);
    expect(big.link).toContain('rel="prev"');
    expect(big.link).not.toContain('rel="next"');
  });

  it('conditions on name and identifier, and a 400 for malformed ones', async () => {
    const sim = await simulate(healthy);
    const api = `${sim.url}/v2025_1/apis/3.0`;
    const q = (c: string) => encodeURIComponent(c);
    expect((await get(`${api}/service/boards?conditions=${q('name="help \\"desk\\""')}`)).body).toMatchObject(
      [{ id: 2 }],
    );
    expect((await get(`${api}/system/members?conditions=${q('identifier="BitAgent"')}`)).body).toMatchObject([
      { id: 178 },
    ]);
    expect((await get(`${api}/service/boards?conditions=${q('name="Help "Desk""')}`)).status).toBe(400);
  });

  it('clientId and auth checks with ConnectWise’s bodies; 403 Security; statuses per board', async () => {
    const sim = await simulate(healthy);
    const api = `${sim.url}/v2025_1/apis/3.0`;
    expect(await get(`${api}/system/info`, { authorization: AUTH })).toMatchObject({ status: 400 });
    expect(await get(`${api}/system/info`, { ...HEADERS, authorization: 'Basic eDp5' })).toMatchObject({
      status: 401,
      body: { code: 'Unauthorized' },
    });
    expect(await get(`${api}/system/securityRoles`)).toMatchObject({
      status: 403,
      body: { code: 'Security' },
    });
    expect((await get(`${api}/service/boards/2/statuses`)).body).toMatchObject([{ id: 21 }, { id: 22 }]);
    expect(await get(`${api}/service/boards/1/statuses/21`)).toMatchObject({
      status: 404,
      body: { message: 'Service Status 21 not found for Service Board 1' },
    });
  });

  it('cloud split: the login host answers API paths with HTML', async () => {
    const sim = await simulate(cloud.cloudSplit);
    const onLogin = await get(`${sim.loginUrl}/v2025_1/apis/3.0/system/info`);
    expect(onLogin.type).toContain('text/html');
    expect((await get(`${sim.apiUrl}/v2025_1/apis/3.0/system/info`)).body).toMatchObject({ isCloud: true });
  });

  it('HTML mode, latency injection, and a record of every request', async () => {
    const html = await simulate(errors.htmlSite);
    expect((await get(`${html.url}/login/companyinfo/demo_msp`)).type).toContain('text/html');
    const sim = await simulate(healthy);
    sim.setLatency(150);
    const started = Date.now();
    await get(`${sim.url}/login/companyinfo/demo_msp`);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(sim.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/login/companyinfo/demo_msp',
      status: 200,
    });
  });
});
