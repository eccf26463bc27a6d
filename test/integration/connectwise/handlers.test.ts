/** The four contract calls through the real dispatcher, with the input reader injected (the vault's stand-in). */
import { describe, expect, it } from 'vitest';
import { AppFailure } from '../../../common/errors.js';
import { ValidationProgressSchema, ValidationReportSchema } from '../../../common/schemas/validation.js';
import { type CallContext, createDispatcher, type Handlers } from '../../../main/dispatch.js';
import { silentLogger } from '../../../main/log.js';
import { createConnectWiseHandlers } from '../../../main/validation/handlers.js';
import {
  boards,
  cloud,
  healthy,
  inputFor,
  type SimInput,
} from '../../support/cw-simulator/scenarios/index.js';
import { FAST_RETRY, simulate } from './helpers.js';

function dispatcherFor(readInput: () => Promise<SimInput>) {
  // Only the four ConnectWise channels are called here; the rest of the table belongs to other services.
  const handlers = createConnectWiseHandlers(readInput, { retry: FAST_RETRY }) as unknown as Handlers;
  const events: { event: string; payload: unknown }[] = [];
  const ctx: CallContext = { runtime: 'harness', emit: (event, payload) => events.push({ event, payload }) };
  const dispatch = createDispatcher(handlers, silentLogger);
  return { call: (channel: string, input: unknown) => dispatch(channel, input, ctx), events };
}

describe('connectwise.* and validation.run through the dispatcher', () => {
  it('connectwise.companyInfo: what companyinfo says, before any key exists', async () => {
    const sim = await simulate(cloud.cloudSplit);
    const { call } = dispatcherFor(() => Promise.reject(new Error('not needed')));
    expect(await call('connectwise.companyInfo', { site: sim.url, companyId: 'demo_msp' })).toEqual({
      ok: true,
      value: {
        companyName: 'Demo MSP',
        companyId: 'demo_msp',
        version: 'v2025.1',
        codebase: 'v2025_1/',
        isCloud: true,
        apiBase: `${sim.apiUrl}/v2025_1/apis/3.0/`,
      },
    });
  });

  it('connectwise.companyInfo: typed errors cross the boundary', async () => {
    const sim = await simulate(healthy);
    const { call } = dispatcherFor(() => Promise.reject(new Error('not needed')));
    expect(await call('connectwise.companyInfo', { site: sim.url, companyId: 'nobody' })).toMatchObject({
      ok: false,
      error: { code: 'unknown-company' },
    });
    expect(
      await call('connectwise.companyInfo', { site: 'http://psa.mymsp.com', companyId: 'x' }),
    ).toMatchObject({
      ok: false,
      error: { code: 'invalid-input', field: 'site' },
    });
    expect(await call('connectwise.companyInfo', { site: sim.url, companyId: 'x', extra: 1 })).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
  });

  it('connectwise.listBoards and listStatuses, with the stored input', async () => {
    const sim = await simulate(healthy);
    const { call } = dispatcherFor(async () => inputFor(healthy, sim.url));
    const boardList = await call('connectwise.listBoards', {});
    expect(boardList).toMatchObject({ ok: true });
    expect((boardList as { value: { name: string }[] }).value.map((b) => b.name)).toEqual(
      healthy.boards.map((b) => b.name).sort((a, b) => a.localeCompare(b)),
    );
    const statusList = await call('connectwise.listStatuses', { boardId: 1 });
    expect((statusList as { value: unknown[] }).value).toContainEqual({
      id: 8,
      name: '>Closed',
      inactive: false,
      closed: true,
    });
    expect(await call('connectwise.listStatuses', { boardId: 999 })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });
  });

  it('listBoards across pages, and a refusal as forbidden', async () => {
    const many = await simulate(boards.manyBoards);
    const { call } = dispatcherFor(async () => inputFor(boards.manyBoards, many.url));
    expect(((await call('connectwise.listBoards', {})) as { value: unknown[] }).value).toHaveLength(2100);
    const refused = await simulate(boards.boardsForbidden);
    const second = dispatcherFor(async () => inputFor(boards.boardsForbidden, refused.url));
    expect(await second.call('connectwise.listBoards', {})).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  });

  it('listBoards refuses to call out with missing secrets, and passes the vault’s own failures through', async () => {
    const sim = await simulate(healthy);
    const { call } = dispatcherFor(async () => inputFor(healthy, sim.url, { privateKey: '' }));
    expect(await call('connectwise.listBoards', {})).toMatchObject({
      ok: false,
      error: { code: 'invalid-input' },
    });
    expect(sim.requests).toHaveLength(0);
    const locked = dispatcherFor(() => Promise.reject(new AppFailure('locked', 'The vault is locked.')));
    expect(await locked.call('connectwise.listBoards', {})).toEqual({
      ok: false,
      error: { code: 'locked', message: 'The vault is locked.' },
    });
  });

  it('validation.run: the report, and a progress event per check and state, tagged with the run id', async () => {
    const sim = await simulate(healthy);
    const { call, events } = dispatcherFor(async () => inputFor(healthy, sim.url));
    const outcome = await call('validation.run', { runId: 'run-42' });
    expect(outcome.ok).toBe(true);
    const report = ValidationReportSchema.parse((outcome as { value: unknown }).value);
    expect(report.ok).toBe(true);
    expect(events).toHaveLength(20);
    for (const { event, payload } of events) {
      expect(event).toBe('validation.progress');
      expect(ValidationProgressSchema.parse(payload).runId).toBe('run-42');
    }
  });
});
