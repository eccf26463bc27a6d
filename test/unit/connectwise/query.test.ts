import { describe, expect, it } from 'vitest';
import { buildQuery, equalsCondition, quoteConditionString } from '../../../main/connectwise/conditions.js';
import { nextLink } from '../../../main/connectwise/link.js';
import { backoffMs, DEFAULT_RETRY, parseRetryAfter } from '../../../main/connectwise/retry.js';
import { parseConditions } from '../../support/cw-simulator/conditions.js';

describe('conditions', () => {
  it.each([
    ['Support', '"Support"'],
    ['*New (Email Connector)', '"*New (Email Connector)"'],
    ['Help "Desk"', '"Help \\"Desk\\""'],
    ['back\\slash', '"back\\\\slash"'],
    ['>Closed & done=yes', '">Closed & done=yes"'],
  ])('quotes %j as %s', (name, quoted) => expect(quoteConditionString(name)).toBe(quoted));

  it('round-trips through a conditions parser: the quoted name matches exactly that name', () => {
    for (const name of ['Help "Desk"', '*New (Email Connector)', 'a\\"b', 'x" or name="y']) {
      const matches = parseConditions(equalsCondition('name', name));
      expect(matches({ name })).toBe(true);
      expect(matches({ name: 'y' })).toBe(false);
    }
  });

  it('encodes the whole value: spaces as %20 (never +), quotes, = and & escaped', () => {
    const query = buildQuery({
      conditions: equalsCondition('name', 'Help "Desk" & Co'),
      pageSize: 1000,
      x: undefined,
    });
    expect(query).toBe('?conditions=name%3D%22Help%20%5C%22Desk%5C%22%20%26%20Co%22&pageSize=1000');
    expect(query).not.toContain('+');
    expect(decodeURIComponent(query.split('&')[0]?.split('=')[1] ?? '')).toBe('name="Help \\"Desk\\" & Co"');
  });

  it('builds nothing from nothing', () => expect(buildQuery({})).toBe(''));
});

describe('nextLink', () => {
  it('finds rel="next" among others', () => {
    const header =
      '<https://h/v/apis/3.0/service/boards?page=2&pageSize=25>; rel="next", <https://h/v/apis/3.0/service/boards?page=9&pageSize=25>; rel="last"';
    expect(nextLink(header)).toBe('https://h/v/apis/3.0/service/boards?page=2&pageSize=25');
  });
  it('accepts unquoted and multi-valued rels, any order and case', () => {
    expect(nextLink('<https://h/b?page=1>; rel=first, <https://h/b?page=3>; REL=next')).toBe(
      'https://h/b?page=3',
    );
    expect(nextLink('<https://h/b?page=3>; title="x"; rel="last next"')).toBe('https://h/b?page=3');
  });
  it('is null when there is no next', () => {
    expect(nextLink(undefined)).toBeNull();
    expect(nextLink('<https://h/b?page=1>; rel="prev", <https://h/b?page=1>; rel="first"')).toBeNull();
    expect(nextLink('garbage')).toBeNull();
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or an HTTP date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(['0'])).toBe(0);
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:05 GMT', now)).toBe(5000);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:05 GMT', now)).toBe(0);
    expect(parseRetryAfter(undefined)).toBeNull();
    expect(parseRetryAfter('soon')).toBeNull();
    expect(parseRetryAfter('-1')).toBeNull();
  });

  it('backs off exponentially, with jitter, never past the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(backoffMs(1, policy, () => 0)).toBe(50);
    expect(backoffMs(1, policy, () => 1)).toBe(100);
    expect(backoffMs(3, policy, () => 1)).toBe(400);
    expect(backoffMs(10, policy, () => 1)).toBe(1000);
    expect(backoffMs(10, policy, () => 0)).toBe(500);
  });
});
