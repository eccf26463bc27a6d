/**
 * Lists as ConnectWise serves them: `fields` projection, `conditions`, `page`/`pageSize` (default 25, capped
 * at the maximum), and a `Link` header with next/prev/first/last while there is more [seen].
 */
import { parseConditions, type Row } from './conditions.js';

export interface Page {
  rows: Row[];
  link: string | undefined;
}

export function pageOf(
  all: readonly Row[],
  query: Record<string, string>,
  self: { origin: string; path: string; rawQuery: string },
  maxPageSize: number,
): Page {
  let rows = [...all];
  if (query.conditions !== undefined) rows = rows.filter(parseConditions(query.conditions));
  const requested = Number(query.pageSize ?? 25);
  const pageSize = Math.max(
    1,
    Math.min(Number.isFinite(requested) ? Math.floor(requested) : 25, maxPageSize),
  );
  const page = Math.max(1, Math.floor(Number(query.page ?? 1)) || 1);
  const last = Math.max(1, Math.ceil(rows.length / pageSize));
  const slice = rows.slice((page - 1) * pageSize, page * pageSize).map((row) => project(row, query.fields));

  const at = (n: number) => `<${self.origin}${self.path}?${withPage(self.rawQuery, n)}>`;
  const links: string[] = [];
  if (page < last) links.push(`${at(page + 1)}; rel="next"`);
  if (page > 1) links.push(`${at(page - 1)}; rel="prev"`, `${at(1)}; rel="first"`);
  if (page < last) links.push(`${at(last)}; rel="last"`);
  return { rows: slice, link: links.length > 0 ? links.join(', ') : undefined };
}

/** The query string with `page` set, everything else kept byte for byte. */
function withPage(rawQuery: string, page: number): string {
  const parts = rawQuery === '' ? [] : rawQuery.split('&').filter((p) => !/^page=/i.test(p));
  return [...parts, `page=${page}`].join('&');
}

function project(row: Row, fields: string | undefined): Row {
  if (fields === undefined || fields.trim() === '') return row;
  const out: Row = {};
  for (const field of fields.split(',').map((f) => f.trim())) if (field in row) out[field] = row[field];
  return out;
}
