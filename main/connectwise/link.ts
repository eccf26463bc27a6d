/** The `Link` header's `rel="next"` target (RFC 8288), which ConnectWise sends while there are more pages. */

export function nextLink(header: string | string[] | undefined): string | null {
  if (header === undefined) return null;
  const text = Array.isArray(header) ? header.join(',') : header;
  // Entries are `<url>; param; param`, separated by commas; a URL never contains `>` unescaped.
  const entry = /<([^>]*)>\s*((?:;\s*[^;,]*)*)/g;
  for (let match = entry.exec(text); match !== null; match = entry.exec(text)) {
    const params = match[2] ?? '';
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(params);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return match[1] ?? null;
  }
  return null;
}
