/** Engine results typed as the engine will return them, for the counts views before the engine lands. */
import { LEGACY_COUNT_COLUMNS, type LegacyColumn, SUMMARY_COUNT_COLUMNS, type SummaryColumn } from '../../src-shared/audit/columns';
import type { CellValue, CountRow, CountSummary, UserResult } from '../../src-shared/engine/types';

export function countRow(key: string, kind: CountRow['kind'], customer: string, values: Partial<Record<LegacyColumn, CellValue>> = {}, summary: Partial<Record<SummaryColumn, CellValue>> = {}): CountRow {
  const legacy = Object.fromEntries(LEGACY_COUNT_COLUMNS.map((c) => [c, c in values ? (values[c] as CellValue) : c === 'Public Sector' || c === 'Inactive Billing' ? 'N' : 0])) as Record<LegacyColumn, CellValue>;
  const sums = Object.fromEntries(SUMMARY_COUNT_COLUMNS.map((c) => [c, summary[c] ?? 0])) as Record<SummaryColumn, CellValue>;
  return {
    key,
    kind,
    provider: 'Acme-Telecom',
    reseller: kind === 'customer' ? 'Blue Reseller' : '',
    customer,
    providerPkid: '65d5f0a1b2c3d4e5f6070001',
    customerPkid: kind === 'customer' ? `65d5f0a1b2c3d4e5f607${key.slice(-4).padStart(4, '0')}` : '',
    providerPath: 'sys.hcs.Acme-Telecom',
    customerPath: kind === 'customer' ? `sys.hcs.Acme-Telecom.${customer}` : '',
    legacy,
    summary: sums,
    written: true,
  };
}

export function sampleSummary(): CountSummary {
  return {
    meta: { 'Platform ID': '65d5f0a1b2c3d4e5f6071829', 'Date Time': '2024-02-21 05:53' },
    rows: [
      countRow('p:sys.hcs.Acme-Telecom', 'provider', '', { 'Standalone Phones (No UCM User)': 3 }),
      countRow('c:sys.hcs.Acme-Telecom.Harbor Bank', 'customer', 'Harbor Bank', { 'Multiple Phones': 19, 'Users With More Than 10 Phones': 2, 'Site Count': 4, 'MS Teams & Voice': null }, { 'User Licenses': 21 }),
      countRow('c:sys.hcs.Acme-Telecom.Delta', 'customer', 'Delta Logistics', { 'One Phone & VM (No WebEx)': 4, 'Inactive Billing': 'Y', 'Site Count': 1, 'MS Teams & Voice': null, 'Contact Center Express': 2 }, { 'User Licenses': 4 }),
    ],
    unavailable: ['MS Teams & Voice'],
    notes: [],
    sourceFindings: [],
    complete: true,
  };
}

export function user(i: number, overrides: Partial<UserResult> = {}): UserResult {
  return {
    rowKey: 'c:sys.hcs.Acme-Telecom.Harbor Bank',
    customerPkid: '65d5f0a1b2c3d4e5f6071a01',
    pkid: `65d5f0a1b2c3d4e5f${String(i).padStart(7, '0')}`,
    username: `user${i}`,
    email: `user${i}@harbor.example`,
    status: i % 3 === 0 ? 'Unlicensed' : 'Licensed',
    licenses: i % 3 === 0 ? 0 : 1,
    legacyColumns: i % 3 === 0 ? [] : ['Multiple Phones'],
    linkedServices: i % 3 === 0 ? [] : [{ modelType: 'device/cucm/User', key: `user${i}`, pkid: `cucm${i}`, rule: 'R61', licensing: true }],
    rules: i % 3 === 0 ? [] : ['R61'],
    ...overrides,
  };
}
