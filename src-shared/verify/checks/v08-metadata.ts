import { timestampMinutes } from '../../audit/file-names';
import {
  EXTRA_METADATA_KEYS,
  LICENSE_EXPIRY_PLACEHOLDER,
  LICENSE_TOKEN_PLACEHOLDER,
  type MetadataKey,
  metadataOrderFor,
  parseMetadataDateTime,
} from '../../audit/metadata';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

const MINUTES_PER_DAY = 24 * 60;

const VALUE_RULES: Partial<Record<MetadataKey, { test: (v: string) => boolean; expected: string }>> = {
  'Platform ID': { test: (v) => /^[0-9a-f]{24}$/i.test(v), expected: '24 hexadecimal characters' },
  'Date Time': { test: (v) => parseMetadataDateTime(v) !== undefined, expected: 'a date and time as YYYY-MM-DD HH:MM' },
  'Audit Version': { test: (v) => /^\d+\.\d+(\.\d+)?$/.test(v), expected: 'a version such as 4.1.5' },
  'License Token': { test: (v) => v === LICENSE_TOKEN_PLACEHOLDER || /^\S+$/.test(v), expected: `a token or ${LICENSE_TOKEN_PLACEHOLDER}` },
  'License Expiry': {
    test: (v) => v === LICENSE_EXPIRY_PLACEHOLDER || /^\d{4}-\d{2}-\d{2}([ T]\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v),
    expected: `a date-time or ${LICENSE_EXPIRY_PLACEHOLDER}`,
  },
};

export interface MetadataCheckOptions {
  /** `verify --expect-provider`: a different `#Provider Name` fails the file. */
  expectProvider?: string | undefined;
}

/**
 * V8: the metadata lines are present for the audit version, in order, with
 * valid values; `Provider Name` and `hostname` agree with the file name;
 * `Date Time` is within a day of the name's timestamp. WARN, FAIL when
 * `Audit Version` is missing.
 */
export function checkMetadata(make: MakeFinding, doc: CsvDocument, options: MetadataCheckOptions = {}): Finding[] {
  const findings: Finding[] = [];
  const lines = doc.csv.metadata;
  const at = (line?: number) => locate(doc, line);

  for (const p of doc.csv.problems) {
    if (p.kind === 'metadata-syntax') findings.push(make('V8', 'WARN', at(p.line), `A metadata ${p.message}.`));
  }

  const versionLine = lines.find((l) => l.key === 'Audit Version');
  if (!versionLine) {
    findings.push(
      make('V8', 'FAIL', at(), 'The #Audit Version line is missing, so the file cannot be checked against its format.'),
    );
    return findings;
  }
  if (!doc.auditVersion) {
    findings.push(make('V8', 'FAIL', at(versionLine.line), `#Audit Version "${versionLine.value}" is not a version such as 4.1.5.`));
    return findings;
  }

  const order = metadataOrderFor(doc.auditVersion);
  const seen = new Set<string>();
  for (const l of lines) {
    if (seen.has(l.key)) findings.push(make('V8', 'WARN', at(l.line), `#${l.key} appears more than once.`));
    seen.add(l.key);
    if (!order.includes(l.key as MetadataKey) && !EXTRA_METADATA_KEYS.has(l.key)) {
      findings.push(make('V8', 'INFO', at(l.line), `#${l.key} is not a metadata line of audit version ${doc.auditVersion.text}.`));
    }
  }
  const missing = order.filter((k) => !seen.has(k));
  for (const k of missing) {
    findings.push(make('V8', 'WARN', at(), `The #${k} line required by audit version ${doc.auditVersion.text} is missing.`));
  }
  const present = lines.map((l) => l.key).filter((k) => order.includes(k as MetadataKey));
  const expectedOrder = order.filter((k) => seen.has(k));
  if (present.join('\n') !== expectedOrder.join('\n')) {
    findings.push(
      make('V8', 'WARN', at(lines[0]?.line), `The metadata lines are out of order; audit version ${doc.auditVersion.text} writes them as ${order.join(', ')}.`),
    );
  }

  for (const l of lines) {
    const key = l.key as MetadataKey;
    if (!order.includes(key)) continue;
    if (l.value.trim() === '') {
      findings.push(make('V8', 'WARN', at(l.line), `#${l.key} is empty.`));
      continue;
    }
    const rule = VALUE_RULES[key];
    if (rule && !rule.test(l.value)) {
      findings.push(make('V8', 'WARN', at(l.line), `#${l.key} is "${l.value}"; expected ${rule.expected}.`));
    }
  }

  findings.push(...checkAgainstFileName(make, doc));

  const provider = doc.meta.get('Provider Name');
  if (options.expectProvider !== undefined && provider !== options.expectProvider) {
    const line = lines.find((l) => l.key === 'Provider Name')?.line;
    findings.push(
      make('V8', 'FAIL', at(line), `The file is from provider "${provider ?? ''}", but "${options.expectProvider}" was expected.`),
    );
  }
  return findings;
}

function checkAgainstFileName(make: MakeFinding, doc: CsvDocument): Finding[] {
  const name = doc.fileName;
  if (!name) return [];
  const findings: Finding[] = [];
  const lineOf = (key: string) => doc.csv.metadata.find((l) => l.key === key)?.line;
  const provider = doc.meta.get('Provider Name');
  const host = doc.meta.get('hostname');
  // The name's <provider>_<host> part is compared as a whole: either may contain "_".
  const nameMiddle = `${name.provider}_${name.host}`;
  if (provider && !nameMiddle.startsWith(`${provider}_`)) {
    findings.push(make('V8', 'WARN', locate(doc, lineOf('Provider Name')), `#Provider Name is "${provider}", but the file name says "${name.provider}".`));
  }
  if (host && !nameMiddle.endsWith(`_${host}`)) {
    findings.push(make('V8', 'WARN', locate(doc, lineOf('hostname')), `#hostname is "${host}", but the file name says "${name.host}".`));
  }
  // Each may fit one end of the name while something lies between them (provider "Acme", host "H", name "Acme_Telecom_H").
  if (provider && host && nameMiddle.startsWith(`${provider}_`) && nameMiddle.endsWith(`_${host}`) && nameMiddle !== `${provider}_${host}`) {
    findings.push(
      make('V8', 'WARN', locate(doc, lineOf('Provider Name')), `#Provider Name "${provider}" and #hostname "${host}" do not make up the file name's "${nameMiddle}".`),
    );
  }
  const dt = parseMetadataDateTime(doc.meta.get('Date Time') ?? '');
  const ts = timestampMinutes(name.timestamp);
  if (dt !== undefined && ts !== undefined && Math.abs(dt - ts) > MINUTES_PER_DAY) {
    findings.push(
      make('V8', 'WARN', locate(doc, lineOf('Date Time')), `#Date Time ${doc.meta.get('Date Time')} is more than a day from the file name's ${name.timestamp}.`),
    );
  }
  return findings;
}
