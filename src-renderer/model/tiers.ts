/**
 * Column groups of the Counts table, by the license each column bills
 * (guide seed 001 §2.5, "Table 1: Licensing Audit Details Sheet", column
 * "VOSS License"):
 *
 * - Essential — "Y - Essential": One Phone, SNR, EM, EM & SNR, Standalone Phones.
 * - Premium — "Y - Premium": every other subscriber permutation that carries
 *   VM / WebEx / Spark or several phones, the standalone WebEx / Voicemail /
 *   Spark accounts, MS Teams & Voice (± Exchange) and PexIP only.
 * - Contact Center — "Y - Contact Center license": UCCE and UCCX.
 * - Info — "N - Info": subsets and flags that bill nothing by themselves
 *   (more-than-10 phones, UCM users without services, analog ports, Standard
 *   Users with Spark, Teams without voice, O365 without Teams, multi-vendor,
 *   Site Count, the Public Sector / Inactive Billing flags).
 *   Two columns the guide marks "Y" but not with one of the three tiers also
 *   sit here: "Cisco and MS Integrated Service" is an incremental Hybrid SKU on
 *   users already counted in a tier, and "Phone Server Phones" is its own
 *   Phone Server SKU; putting either in a tier would double-count that tier.
 *
 * The v5 summary counts (§2.4.1) are a different cut of the same users, so
 * they form a fifth group, "Summary (v5)", rather than being spread over tiers.
 */
import { LEGACY_COUNT_COLUMNS, type LegacyColumn, SUMMARY_COUNT_COLUMNS, type SummaryColumn } from '../../src-shared/audit/columns';

export type Tier = 'Essential' | 'Premium' | 'Contact Center' | 'Info';
export type ColumnGroupName = Tier | 'Summary (v5)';

export const TIER_OF_LEGACY: Readonly<Record<LegacyColumn, Tier>> = {
  'One Phone & Spark (No VM & No WebEx)': 'Premium',
  'One Phone (No VM & No WebEx & No Spark)': 'Essential',
  'One Phone & VM (No WebEx)': 'Premium',
  'One Phone & WebEx': 'Premium',
  'Multiple Phones': 'Premium',
  'Users With More Than 10 Phones': 'Info',
  'UCM User (No Phone & No EM & No VM & No WebEx & No SNR & No Spark)': 'Info',
  'SNR (No Phone & No EM & No VM & No WebEx & No Spark)': 'Essential',
  'VM (No Phone & No EM & No WebEx)': 'Premium',
  'WebEx (No Phone & No EM)': 'Premium',
  'Spark (No Phone & No EM & No SNR & No VM & No WebEx)': 'Premium',
  'EM & Spark (No Phone & No VM & No WebEx)': 'Premium',
  'EM (No Phone & No SNR & No VM & No WebEx & No Spark)': 'Essential',
  'EM & SNR (No Phone & No VM & No WebEx & No Spark)': 'Essential',
  'EM & VM (No Phone & No WebEx)': 'Premium',
  'EM & WebEx (No Phone)': 'Premium',
  'Standalone Phones (No UCM User)': 'Essential',
  'Standalone WebEx (No UCM User)': 'Premium',
  'Standalone Voicemail (No UCM User)': 'Premium',
  'Contact Center Enterprise': 'Contact Center',
  'Contact Center Express': 'Contact Center',
  'Standalone Spark (No UCM User)': 'Premium',
  'Public Sector': 'Info',
  'Inactive Billing': 'Info',
  'Standalone Analog Ports (No UCM User)': 'Info',
  'Standard Users with Spark': 'Info',
  'MS Teams (No Voice)': 'Info',
  'MS Teams & Voice': 'Premium',
  'MS Teams & Voice & Exchange': 'Premium',
  'MS 0365 User (no Teams)': 'Info',
  'Cisco and MS Integrated Service': 'Info',
  'Multi-vendor Users': 'Info',
  'PexIP only': 'Premium',
  'Phone Server Phones': 'Info',
  'Site Count': 'Info',
};

export const TIERS: readonly Tier[] = ['Essential', 'Premium', 'Contact Center', 'Info'];

/** Which output a column comes from: the 35 legacy columns or the v5 summary counts. */
export type ColumnSource = 'legacy' | 'summary';

export interface CountColumn {
  /** Unique id within the table: `legacy:<name>` / `summary:<name>` (both outputs have a "Contact Center Express"). */
  id: string;
  source: ColumnSource;
  name: LegacyColumn | SummaryColumn;
  group: ColumnGroupName;
}

export interface ColumnGroup {
  name: ColumnGroupName;
  columns: CountColumn[];
}

export function columnId(source: ColumnSource, name: string): string {
  return `${source}:${name}`;
}

/** The column groups in display order; inside a group, columns keep their header order. */
export function countColumnGroups(): ColumnGroup[] {
  const groups: ColumnGroup[] = TIERS.map((name) => ({ name, columns: [] }));
  for (const name of LEGACY_COUNT_COLUMNS) {
    const group = TIER_OF_LEGACY[name];
    groups[TIERS.indexOf(group)]!.columns.push({ id: columnId('legacy', name), source: 'legacy', name, group });
  }
  groups.push({
    name: 'Summary (v5)',
    columns: SUMMARY_COUNT_COLUMNS.map((name) => ({ id: columnId('summary', name), source: 'summary', name, group: 'Summary (v5)' as const })),
  });
  return groups;
}

export function allCountColumns(): CountColumn[] {
  return countColumnGroups().flatMap((g) => g.columns);
}
