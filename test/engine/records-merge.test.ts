/**
 * Records built in parts — each reader thread builds the records of its
 * model types — and joined (records-merge.ts, records-transfer.ts) count
 * exactly as the records built in one place (R90): keys renumbered, tables
 * of one name from several parts joined, texts across block edges intact.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDump } from '../../src-main/ingest/read-dump';
import { generateDump } from '../../src-main/tools/gen-dump';
import { countBuiltRecords } from '../../src-shared/engine/count';
import { packRows, type RowGroup } from '../../src-shared/engine/input';
import { auditCsv, usersCsv } from '../../src-shared/engine/output';
import { BlockTexts, TextColumnBuilder } from '../../src-shared/engine/record-columns';
import { type Records, RecordsBuilder } from '../../src-shared/engine/records';
import { mergeRecordsParts, RecordsMerger } from '../../src-shared/engine/records-merge';
import { recordsPartMessage, recordsPartOf } from '../../src-shared/engine/records-transfer';
import { tempDir } from '../support/temp';

async function groupsOfGeneratedDump(users: number): Promise<RowGroup[]> {
  const dump = join(tempDir(), 'dump');
  await generateDump({ users, out: dump, seed: 5, gzip: false, jsonl: false, apiShape: false, pages: 2 });
  const groups: RowGroup[] = [];
  await readDump(dump, { onBatch: (records) => void groups.push(...packRows(records)) });
  return groups;
}

function outputs(records: Records): string {
  const engine = countBuiltRecords(records, { sourceKind: 'dump', meta: {}, options: {}, sourceFindings: [], complete: true });
  const firstRow = engine.summary.rows.find((r) => r.kind === 'customer')!;
  const explained = ['User Licenses', 'Standalone Devices', 'MS Teams & Voice'].map((c) => JSON.stringify(engine.explain(firstRow.key, c)));
  return [auditCsv(engine.summary, 'legacy', 'detailed'), auditCsv(engine.summary, 'v5', 'detailed'), usersCsv(engine.users({}).users), ...explained].join('\n');
}

/** The groups split over `parts` builders by model type (as read-dump.ts splits a dump), each part through a thread's message. */
function recordsInParts(groups: readonly RowGroup[], parts: number, viaMessage: boolean): Records {
  const types = [...new Set(groups.map((g) => g.modelType))].sort();
  const builders = Array.from({ length: parts }, () => new RecordsBuilder());
  for (const g of groups) builders[types.indexOf(g.modelType) % parts]!.addGroup(g);
  return mergeRecordsParts(
    builders.map((b) => {
      const part = b.finishPart();
      if (!viaMessage) return part;
      const { message, transfer } = recordsPartMessage(part);
      return recordsPartOf(structuredClone(message, { transfer }));
    }),
  );
}

describe('records built in parts and joined count as records built in one place (R90)', () => {
  it('a generated dump of 2,000 users in 1, 2 and 3 parts, with and without the trip between threads: the same CSVs, users and explanations', async () => {
    const groups = await groupsOfGeneratedDump(2000);
    const whole = new RecordsBuilder();
    for (const g of groups) whole.addGroup(g);
    const expected = outputs(whole.finish());
    expect(expected.split('\n').length).toBeGreaterThan(2000);
    for (const parts of [1, 2, 3]) {
      for (const viaMessage of [false, true]) {
        const merged = recordsInParts(groups, parts, viaMessage);
        expect(outputs(merged), `${parts} parts${viaMessage ? ', via message' : ''}`).toBe(expected);
      }
    }
    // Three parts split the three MsolUser types: their table is joined from several parts.
    const types = [...new Set(groups.map((g) => g.modelType))].sort();
    const msolParts = new Set(types.filter((t) => t.endsWith('/MsolUser')).map((t) => types.indexOf(t) % 3));
    expect(msolParts.size).toBeGreaterThan(1);
  });

  it('parts taken in index order whatever order they arrive in; a missing or repeated part is an error', async () => {
    const groups = await groupsOfGeneratedDump(300);
    const types = [...new Set(groups.map((g) => g.modelType))].sort();
    const finishParts = () => {
      const builders = [new RecordsBuilder(), new RecordsBuilder()];
      for (const g of groups) builders[types.indexOf(g.modelType) % 2]!.addGroup(g);
      return builders.map((b) => b.finishPart());
    };
    const inOrder = outputs(mergeRecordsParts(finishParts()));
    const [first, second] = finishParts();
    const late = new RecordsMerger(2);
    late.add(1, second!);
    expect(() => late.finish()).toThrow(/missing/);
    late.add(0, first!);
    expect(outputs(late.finish())).toBe(inOrder);
    expect(() => late.add(0, first!)).toThrow(/twice/);
  });
});

describe('block texts', () => {
  it('texts across block edges, empty, non-Latin and astral texts read back exactly; a keep mask drops the right ones', () => {
    const texts = Array.from({ length: 10_000 }, (_x, i) => (i % 7 === 0 ? '' : i % 11 === 0 ? `😀日本${i}` : `user-${i}@example.com`));
    const builder = new TextColumnBuilder();
    for (const t of texts) builder.push(t);
    expect(builder.at(5000)).toBe(texts[5000]);
    const keep = Uint8Array.from(texts, (_t, i) => (i % 3 === 0 ? 0 : 1));
    const kept = new TextColumnBuilder();
    for (const t of texts) kept.push(t);
    const all = builder.finish(undefined);
    expect(all).toBeInstanceOf(BlockTexts);
    expect(Array.from({ length: all.length }, (_x, i) => all.at(i))).toEqual(texts);
    const some = kept.finish(keep);
    expect(Array.from({ length: some.length }, (_x, i) => some.at(i))).toEqual(texts.filter((_t, i) => i % 3 !== 0));
  });
});
