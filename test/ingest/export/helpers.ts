import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNodeHasher } from '../../../src-main/services/node-hasher';
import { mapExportElement, parseExportJson, type MappedExportElement } from '../../../src-shared/ingest/export-bundle';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'exports');
export const GUIDE_DIR = join(FIXTURES, 'guide');
export const BUNDLE_DIR = join(FIXTURES, 'bundle-2024-05-07');

export function guideFiles(): string[] {
  return readdirSync(GUIDE_DIR).filter((f) => f.endsWith('.json')).sort();
}

export function readGuide(name: string): string {
  return readFileSync(join(GUIDE_DIR, name), 'utf8');
}

/** Map one element the way the reader will: its own JSON text as rawJson, Node's sha256. */
export function mapOne(type: string, value: unknown, index = 0, file = `2024-05-07_0705_${type}.json.gz`): MappedExportElement {
  return mapExportElement(type, value, { file, index, rawJson: JSON.stringify(value), createHasher: createNodeHasher });
}

/** Parse a file's text and map every element; throws when the text does not parse. */
export function mapText(type: string, text: string, file = `2024-05-07_0705_${type}.json`): MappedExportElement {
  const parsed = parseExportJson(text);
  if (!parsed.ok) throw new Error(`expected ${file} to parse: ${parsed.error}`);
  const out: MappedExportElement = { records: [], findings: [] };
  parsed.value.forEach((element, index) => {
    const r = mapOne(type, element, index, file);
    out.records.push(...r.records);
    out.findings.push(...r.findings);
  });
  return out;
}
