/**
 * For the entity faults only (`entities-expanded`, `hangs-on-entity-bomb`): what a gateway with DTD
 * processing switched on does.
 * Internal entities are expanded (up to a bound, so the bomb cannot exhaust the test machine);
 * an external entity is "resolved" to a fake /etc/passwd line — no file is ever read.
 */
const LIMIT = 4 * 1024 * 1024;
const FAKE_PASSWD = 'root:x:0:0:root:/root:/bin/bash';

/** For the `hangs-on-entity-bomb` fault (REST and SOAP): a body declaring more than three entities. */
export function isEntityBomb(raw: string): boolean {
  return raw.split('<!ENTITY').length - 1 > 3;
}

export function expandEntitiesUnsafely(xml: string): string {
  const doctype = /<!DOCTYPE[^[>]*\[([\s\S]*?)\]\s*>/i.exec(xml);
  if (!doctype) return xml;
  const entities = new Map<string, string>();
  for (const m of doctype[1]!.matchAll(/<!ENTITY\s+(\w+)\s+(?:SYSTEM\s+"[^"]*"|"([^"]*)")\s*>/g)) entities.set(m[1]!, m[2] ?? FAKE_PASSWD);
  let body = xml.slice(0, doctype.index) + xml.slice(doctype.index + doctype[0].length);
  for (let round = 0; round < 10 && /&(\w+);/.test(body); round++) {
    body = body.replace(/&(\w+);/g, (whole, name: string) => entities.get(name) ?? whole);
    if (body.length > LIMIT) return body.slice(0, LIMIT);
  }
  return body;
}
