/**
 * Data that crosses the boundary between the main side (main process, its
 * worker, the CLI) and the renderer. Plain data only — everything here is
 * structured-clone safe, so it passes through IPC, contextBridge and
 * Playwright's exposeBinding unchanged.
 */
import type { AuditView } from '../audit/columns';
import type { LayoutId } from '../audit/layouts';
import type { IngestFinding, ReadProgress, SourceKind, TypeTally } from '../ingest/types';
import type { Verdict, VerifyReport } from '../verify/findings';

/** A source (one platform snapshot or one reported audit) in the audit library. */
export interface SourceSummary {
  /** The id every other channel takes (`library/archive`, `count/run`, …). */
  id: number;
  /** Platform ID + Date Time, or a content hash when the source has none. */
  identity: string;
  kind: SourceKind;
  /** The file or folder name it was imported from. */
  name: string;
  platformId: string | null;
  /** The snapshot's Date Time as the platform wrote it. */
  dateTime: string | null;
  /** ISO 8601. */
  importedAt: string;
  /** ISO 8601 when archived (hidden from views and counts), else null. */
  archivedAt: string | null;
  /** False when the reader found errors: counts over it are not trustworthy. */
  complete: boolean;
  /** For audit sources: the worst verification verdict of its audit CSVs when imported; null for dumps and exports. */
  verdict: Verdict | null;
  /** `Provider Name` and `hostname` from the source's metadata, when it has them (audit CSVs do). */
  provider: string | null;
  host: string | null;
}

/** One imported source's outcome (`vlf-desk import --json`, cli.md). */
export interface ImportResult {
  /** The path as given. */
  source: string;
  kind: SourceKind;
  /** The library source id, as a string (what `import --json` prints); `Number(id)` for the other channels. */
  id: string;
  /** True when the snapshot was already in the library and this import appended to it (every record a conflict). */
  appended: boolean;
  complete: boolean;
  /** Per model type: read, stored, conflicts, skipped. */
  types: Record<string, TypeTally>;
  findings: IngestFinding[];
}

/** Import progress as the services report it: the reader's progress plus which source of the batch. */
export interface ImportProgress extends ReadProgress {
  /** Which of the sources given is being imported (1-based) and how many there are. */
  source: number;
  sources: number;
}

/** What `anonymize` writes (or would write): one ZIP, two for the v5 layout. */
export interface AnonymizeZip {
  /** The file name, e.g. `vlf_Acme_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip`. */
  name: string;
  /** Its size in bytes. */
  bytes: number;
  /** The member paths inside it, in order. */
  members: string[];
}

export type SupportFileType = 'anonymous_breakdown' | 'patch' | 'adaptation_log';

/** `anonymize/preview`: exactly what `anonymize/save` would write, verified in memory, nothing on disk. */
export interface AnonymizePreview {
  layout: LayoutId;
  zips: AnonymizeZip[];
  /** Support files copied from a license ZIP of the same audit. */
  copied: SupportFileType[];
  /** The license ZIP they were copied from, when any were. */
  supportSource?: string;
  /** The generated ZIPs verified together with the input (so V14 knows the names that must not leak). */
  verification: VerifyReport;
  /** V14 alone: true when no customer, reseller or provider name of the input appears in the output. */
  privacy: { clean: boolean; findings: VerifyReport['files'][number]['findings'] };
}

/** `anonymize/save`: the files written (absolute paths) and their verification. */
export interface AnonymizeSaveResult {
  layout: LayoutId;
  written: string[];
  copied: SupportFileType[];
  supportSource?: string;
  verification: VerifyReport;
}

/** A reported audit CSV stored in the library (from an imported license ZIP or detailed CSV). */
export interface ReportedAudit {
  /** The library source it belongs to. */
  sourceId: number;
  /** `vlf_…` file the CSV came from, and the member inside it ('' for a plain CSV). */
  file: string;
  member: string;
  view: AuditView;
  auditVersion: string | null;
  /** `#Date Time` (or the source's), as written. */
  dateTime: string | null;
  platformId: string | null;
  /** Its verification verdict when imported. */
  verdict: Verdict;
}

/** One row of a reported audit with its cells as written (strings: the CSV's own text). */
export interface ReportedRow {
  /** `c:<Customer PKID>` for customer rows, `p:<Provider>` for provider rows. */
  rowKey: string;
  provider: string;
  reseller: string;
  customer: string;
  customerPkid: string;
  cells: Record<string, string>;
}

/** `audits/history`: every reported audit of one platform, oldest first, for the month-over-month trend. */
export interface AuditHistory {
  platformId: string | null;
  audits: Array<ReportedAudit & { rows: ReportedRow[] }>;
}

/** `compare/audits`: two reported audits of the library, cell by cell. */
export interface AuditComparison {
  left: ReportedAudit;
  right: ReportedAudit;
  /** Cells whose text differs (a missing row or column compares as ''). */
  differences: Array<{ rowKey: string; customer: string; column: string; left: string; right: string }>;
  rowsOnlyInLeft: string[];
  rowsOnlyInRight: string[];
}
