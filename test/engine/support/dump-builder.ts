/**
 * Builds an EngineInput in memory from plain objects, the way the reader and
 * the library do (fields → typed column values by columnValue over the model
 * table's columns), and counts it. Tests then read cells, users and
 * explanations with the small helpers below.
 *
 *   const b = new DumpBuilder();
 *   const { customer } = b.tenant();            // sys.hcs.P1 / C1 / S1
 *   b.ucmUser(customer, 'alice', { associatedDevices: ['SEP1'] });
 *   b.phone(customer, 'SEP1');
 *   expect(cell(b.count(), 'C1', 'One Phone (No VM & No WebEx & No Spark)')).toBe(1);
 */
import type { LegacyColumn, SummaryColumn } from '../../../src-shared/audit/columns';
import { type CountedEngine, countRecords } from '../../../src-shared/engine/count';
import { EngineInput } from '../../../src-shared/engine/input';
import { SUBSCRIBER_COLUMNS } from '../../../src-shared/engine/subscribers';
import type { CellValue, CountRow, UserResult } from '../../../src-shared/engine/types';
import { columnValue } from '../../../src-shared/ingest/field-values';
import { TABLE_BY_MODEL_TYPE } from '../../../src-shared/ingest/model-fields';
import type { SourceKind } from '../../../src-shared/ingest/types';

export type Fields = Record<string, unknown>;

export interface BuiltRecord {
  modelType: string;
  pkid: string;
  path: string;
  fields: Fields;
  /** As if the instance had no pkid and the reader derived one (R115). */
  pkidDerived?: boolean;
}

export interface CountContext {
  sourceKind?: SourceKind;
  fromHierarchy?: string;
}

export class DumpBuilder {
  /** Every record added, in order (property tests write them to files). */
  readonly records: BuiltRecord[] = [];
  private seq = 0;

  /** Any record; returns its pkid (auto `pk-0001`, … unless given). */
  record(modelType: string, path: string, fields: Fields = {}, pkid?: string): string {
    if (!TABLE_BY_MODEL_TYPE.has(modelType)) throw new Error(`no model table for ${modelType}`);
    this.seq += 1;
    const id = pkid ?? `pk-${String(this.seq).padStart(4, '0')}`;
    this.records.push({ modelType, pkid: id, path, fields });
    return id;
  }

  /** Marks the record with this pkid as having a derived pkid (the reader found none). */
  derived(pkid: string): void {
    for (const r of this.records) if (r.pkid === pkid) r.pkidDerived = true;
  }

  /** A hierarchy node living at `parent`; returns its own path. */
  node(type: unknown, parent: string, name: string, fields: Fields = {}, pkid?: string): string {
    this.record('data/HierarchyNode', parent, { name, node_type: type, ...fields }, pkid);
    return parent ? `${parent}.${name}` : name;
  }

  provider(name = 'P1', parent = 'sys.hcs', fields: Fields = {}): string {
    return this.node('Provider', parent, name, fields);
  }

  customer(parent: string, name: string, fields: Fields = {}, pkid?: string): string {
    return this.node('Customer', parent, name, fields, pkid);
  }

  site(parent: string, name: string): string {
    return this.node('Site', parent, name);
  }

  /** The usual shape: provider P1, customer C1 (pkid `C1-pkid`), site S1. */
  tenant(customerName = 'C1', provider = 'sys.hcs.P1'): { provider: string; customer: string; site: string } {
    if (!this.records.some((r) => r.modelType === 'data/HierarchyNode' && `${r.path}.${String(r.fields.name)}` === provider)) {
      const cut = provider.lastIndexOf('.');
      this.provider(provider.slice(cut + 1), provider.slice(0, cut));
    }
    const customer = this.customer(provider, customerName, {}, `${customerName}-pkid`);
    return { provider, customer, site: this.site(customer, 'S1') };
  }

  vossUser(path: string, username: string, fields: Fields = {}): string {
    return this.record('data/User', path, { username, ...fields });
  }

  ucmUser(path: string, userid: string, fields: Fields = {}): string {
    return this.record('device/cucm/User', path, { userid, ...fields });
  }

  phone(path: string, name: string, fields: Fields = {}): string {
    return this.record('device/cucm/Phone', path, { name, product: 'Cisco 8845', ...fields });
  }

  /** The EngineInput the library would give back for these records. */
  input(): EngineInput {
    const input = new EngineInput();
    for (const r of this.records) {
      const table = TABLE_BY_MODEL_TYPE.get(r.modelType)!;
      const values = table.columns.map((c) => columnValue(r.fields, c));
      input.add({ modelType: r.modelType, pkid: r.pkid, path: r.path, values, ...(r.pkidDerived ? { pkidDerived: true } : {}) });
    }
    return input;
  }

  count(context: CountContext = {}): CountedEngine {
    const options = context.fromHierarchy === undefined ? {} : { fromHierarchy: context.fromHierarchy };
    return countRecords(this.input(), { sourceKind: context.sourceKind ?? 'dump', meta: {}, options });
  }
}

/** The customer row named `customer` (throws when there is none or several). */
export function rowOf(engine: CountedEngine, customer: string): CountRow {
  const rows = engine.summary.rows.filter((r) => r.kind === 'customer' && r.customer === customer);
  if (rows.length !== 1) throw new Error(`${rows.length} customer rows named ${customer}`);
  return rows[0]!;
}

/** The provider row of provider `name`, or the blank-provider row for ''. */
export function providerRowOf(engine: CountedEngine, name: string): CountRow | undefined {
  return engine.summary.rows.find((r) => (name === '' ? r.kind === 'no-provider' : r.kind === 'provider' && r.provider === name));
}

/** A cell of a customer row: the legacy column of that name, else the summary column. */
export function cell(engine: CountedEngine, customer: string, column: LegacyColumn | SummaryColumn): CellValue {
  const row = rowOf(engine, customer);
  return column in row.legacy ? row.legacy[column as LegacyColumn] : row.summary[column as SummaryColumn];
}

/** The labels (user id, name, e-mail) of the records counted in a cell (R91). */
export function counted(engine: CountedEngine, customer: string, column: LegacyColumn | SummaryColumn): string[] {
  return engine
    .explain(rowOf(engine, customer).key, column)
    .filter((r) => r.weight !== 0)
    .map((r) => r.label)
    .sort();
}

/** The subscriber column (R30–R44) a UCM user of `customer` landed in, or undefined (an agent, R25). */
export function columnOf(engine: CountedEngine, customer: string, userid: string): LegacyColumn | undefined {
  const key = rowOf(engine, customer).key;
  const found = SUBSCRIBER_COLUMNS.filter((c) => engine.explain(key, c.column).some((r) => r.label === userid));
  if (found.length > 1) throw new Error(`${userid} is in ${found.length} subscriber columns`);
  return found[0]?.column;
}

/** The VOSS user result of `username` (throws when there is none or several). */
export function userOf(engine: CountedEngine, username: string): UserResult {
  const users = engine.users({}).users.filter((u) => u.username === username);
  if (users.length !== 1) throw new Error(`${users.length} VOSS users named ${username}`);
  return users[0]!;
}
