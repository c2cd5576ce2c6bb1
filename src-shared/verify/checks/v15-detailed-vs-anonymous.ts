import { CUSTOMER_PKID, FLAG_COLUMNS, PROVIDER_PKID } from '../../audit/columns';
import { CappedFindings } from '../capped';
import { type CsvDocument, locate } from '../csv-document';
import type { Finding, MakeFinding } from '../findings';

/** Which audit a CSV belongs to: the platform and time it was written (from metadata, else the file name). */
export function auditKey(doc: CsvDocument): string | undefined {
  const platform = doc.meta.get('Platform ID');
  const time = doc.meta.get('Date Time');
  if (platform && time) return `${platform}|${time}`;
  const n = doc.fileName;
  return n ? `${n.provider}_${n.host}|${n.timestamp}` : undefined;
}

/**
 * V15 (FAIL): when the detailed and anonymous files of one audit are both
 * present, they have the same PKIDs and identical counts. Rows are matched by
 * Customer PKID; provider rows (blank PKID) by their order.
 * Findings are made for the anonymous file's report (`make`) and point at the detailed file's line.
 */
export function checkDetailedMatchesAnonymous(make: MakeFinding, detailed: CsvDocument, anonymous: CsvDocument): Finding[] {
  const out = new CappedFindings(make, 'V15', locate(anonymous));
  const where = (doc: CsvDocument, line?: number, column?: string) => {
    const inside = locate(doc, line, column);
    return inside ? `${doc.file} (${inside})` : doc.file;
  };
  const columns = anonymous.columns.valueColumns.filter((c) => detailed.csv.header.includes(c));
  const missingColumns = anonymous.columns.valueColumns.filter((c) => !detailed.csv.header.includes(c));
  for (const c of missingColumns) {
    out.add('FAIL', locate(anonymous, anonymous.csv.headerLine, c), `The anonymous file has column "${c}", which the detailed file ${detailed.file} lacks.`);
  }

  const dRows = rowsByKey(detailed);
  const aRows = rowsByKey(anonymous);
  let skipped = 0;
  for (const [key, a] of aRows) {
    const d = dRows.get(key);
    if (!d) {
      out.add('FAIL', locate(anonymous, a.line), `${describeKey(key)} is in the anonymous file but not in the detailed file ${detailed.file}.`);
      continue;
    }
    // A row with the wrong number of fields already fails V10; its counts cannot be lined up.
    if (!a.wellFormed || !d.wellFormed) {
      skipped += 1;
      continue;
    }
    for (const c of columns) {
      const av = a.fields[anonymous.csv.header.indexOf(c)] ?? '';
      const dv = d.fields[detailed.csv.header.indexOf(c)] ?? '';
      if (av !== dv) {
        const kind = FLAG_COLUMNS.has(c) ? 'flag' : 'count';
        out.add(
          'FAIL',
          locate(anonymous, a.line, c),
          `The ${kind} for ${describeKey(key)} is ${av} here but ${dv} in ${where(detailed, d.line, c)}.`,
        );
      }
    }
  }
  for (const [key, d] of dRows) {
    if (!aRows.has(key)) {
      out.add('FAIL', locate(anonymous), `${describeKey(key)} is in the detailed file (${where(detailed, d.line)}) but not in the anonymous file.`);
    }
  }
  if (skipped) {
    out.add('INFO', locate(anonymous), `The counts of ${skipped} row(s) were not compared with ${detailed.file} because one side has the wrong number of fields (V10).`);
  }
  return out.result();
}

interface KeyedRow {
  line: number;
  fields: string[];
  wellFormed: boolean;
}

function rowsByKey(doc: CsvDocument): Map<string, KeyedRow> {
  const pkid = doc.csv.header.indexOf(CUSTOMER_PKID);
  const providerPkid = doc.csv.header.indexOf(PROVIDER_PKID);
  const map = new Map<string, KeyedRow>();
  let providerRow = 0;
  const width = doc.csv.header.length;
  for (const row of doc.csv.rows) {
    // The PKID sits before the counts, so it can be read even from a row that is too short or long.
    const id = pkid >= 0 ? (row.fields[pkid] ?? '').toLowerCase() : '';
    let key: string;
    if (id) key = `customer ${id}`;
    else {
      providerRow += 1;
      const p = providerPkid >= 0 ? row.fields[providerPkid] : '';
      key = p ? `provider row ${p.toLowerCase()}` : `provider row #${providerRow}`;
    }
    if (!map.has(key)) map.set(key, { ...row, wellFormed: row.fields.length === width });
  }
  return map;
}

function describeKey(key: string): string {
  return key.startsWith('customer ') ? `Customer PKID ${key.slice('customer '.length)}` : `the ${key}`;
}
