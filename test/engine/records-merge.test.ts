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
import { BlockTexts, TextColumnBuilder } from '../../src-shared/engine/text-columns';
import { type Records, RecordsBuilder, type RecordsPart } from '../../src-shared/engine/records';
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

describe('block texts: a count, its users and explanations read every text back exactly (R90, R91)', () => {
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

  it('are UTF-8 in slabs that cross to another thread handed over, not copied: the sender keeps no bytes, the receiver reads every text back', () => {
    const texts = Array.from({ length: 9_000 }, (_x, i) => (i % 5 === 0 ? `Ünïcödé ${i} 😀` : `device-${i}`));
    const builder = new TextColumnBuilder();
    for (const t of texts) builder.push(t);
    const sent = builder.finish(undefined);
    // Mostly ASCII: about one byte per UTF-16 unit, where strings in blocks cost the heap one or two.
    let bytes = 0;
    for (let b = 2; b < sent.blocks.length; b += 3) bytes += sent.blocks[b]!;
    expect(bytes).toBeLessThan(1.2 * texts.join('').length);
    // A slab ends with at most one block's worth unused.
    expect(sent.slabs.reduce((n, s) => n + s.length, 0)).toBeLessThan(bytes + (sent.slabs.length - 1) * 3 * 4096 * 20);
    const { message, transfer } = recordsPartMessage(partWithKeys(sent));
    const received = recordsPartOf(structuredClone(message, { transfer })).keys;
    expect(sent.slabs.every((s) => s.byteLength === 0)).toBe(true);
    expect(Array.from({ length: received.length }, (_x, i) => received.at(i))).toEqual(texts);
  });

  it('a block with an unpaired surrogate (JSON allows "\\ud800", UTF-8 cannot hold it) is kept as text and reads back exactly, also after the trip between threads', () => {
    const texts = Array.from({ length: 5_000 }, (_x, i) => (i === 4_500 ? 'lone \ud800 high' : i === 4_501 ? '\udc00 lone low' : `user-${i}`));
    const builder = new TextColumnBuilder();
    for (const t of texts) builder.push(t);
    expect(builder.at(4_500)).toBe(texts[4_500]);
    const column = builder.finish(undefined);
    expect(column.unpaired.length).toBe(1);
    expect(Array.from({ length: column.length }, (_x, i) => column.at(i))).toEqual(texts);
    const { message, transfer } = recordsPartMessage(partWithKeys(column));
    const received = recordsPartOf(structuredClone(message, { transfer })).keys;
    expect(Array.from({ length: received.length }, (_x, i) => received.at(i))).toEqual(texts);
  });

  it('a keep mask leaves texts out in place, also when the first blocks grow past bytes not yet read (short texts, then long ones)', () => {
    const texts = [
      ...Array.from({ length: 4_096 }, (_x, i) => `${i % 10}`),
      ...Array.from({ length: 4_096 }, (_x, i) => `${'x'.repeat(200)}-${i}`),
      ...Array.from({ length: 3_000 }, (_x, i) => (i % 2 ? `ü${i}` : `lone \ud800 ${i}`)),
    ];
    for (const drop of [[0], [1, 4_096, 9_000], Array.from({ length: 11_192 }, (_x, i) => i).filter((i) => i % 4 === 0)]) {
      const builder = new TextColumnBuilder();
      for (const t of texts) builder.push(t);
      const keep = new Uint8Array(texts.length).fill(1);
      for (const i of drop) keep[i] = 0;
      const kept = builder.finish(keep);
      expect(Array.from({ length: kept.length }, (_x, i) => kept.at(i)), `dropping ${drop.length}`).toEqual(texts.filter((_t, i) => keep[i]));
    }
  });

  it('damaged block tables or bytes are refused, never read as other texts', () => {
    const builder = new TextColumnBuilder();
    for (let i = 0; i < 10; i += 1) builder.push(`text-${i}`);
    const good = builder.finish(undefined);
    expect(() => new BlockTexts(good.slabs, Int32Array.from([0, 0, good.slabs[0]!.length + 1]), good.ends)).toThrow(/bytes it does not hold/);
    expect(() => new BlockTexts(good.slabs, new Int32Array(0), good.ends)).toThrow(/wrong number of blocks/);
    // One byte more than the ends say: the decoded block is longer than its texts.
    const longer = Uint8Array.from([...good.slabs[0]!, 0x41]);
    const damaged = new BlockTexts([longer], Int32Array.from([0, 0, longer.length]), good.ends);
    expect(() => damaged.at(3)).toThrow(/damaged/);
  });
});

/** An otherwise empty records part whose keys are `keys` (the trip between threads carries them like any text column). */
function partWithKeys(keys: BlockTexts): RecordsPart {
  const part = new RecordsBuilder().finishPart();
  return { ...part, keys, keyHashes: new Int32Array(keys.length) };
}
