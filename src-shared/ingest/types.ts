/**
 * What every source reader produces (platform-dump.md): normalized model
 * instances in batches, plus findings that name the file and the byte, line
 * or record where something was wrong. Shared by the readers (main process),
 * the audit library and, later, the counting engine.
 */

export type SourceKind = 'dump' | 'export' | 'audit';

export type IngestSeverity = 'ERROR' | 'WARN' | 'INFO';

export interface IngestFinding {
  severity: IngestSeverity;
  /** The file inside the source (relative path, `/`-separated), or '' for the source as a whole. */
  file: string;
  /** `byte N`, `line N`, `record N` (1-based), or ''. */
  location: string;
  /** What is wrong and, where useful, what to do. */
  message: string;
}

/** One model instance, normalized (platform-dump.md §1; export bundles §2). */
export interface NormalizedRecord {
  /** Canonical model type, e.g. `device/cucm/User`. */
  modelType: string;
  pkid: string;
  /** True when the instance had no pkid and one was derived from type, path and content. */
  pkidDerived: boolean;
  /** The dotted hierarchy path of the node the instance lives at. */
  path: string;
  /** The instance's fields: its `data` object when present, else the instance itself (export records: mapped, see §2). */
  fields: Record<string, unknown>;
  /** The instance exactly as read (JSON text), for the drill-down. */
  rawJson: string;
  /** The file it came from (relative path inside the source) and its 0-based position there. */
  file: string;
  index: number;
  /**
   * The position of its file among the source's data files in path order —
   * the order the library stores them in. Reader threads read different files
   * at once, so arrival order is not file order; a repeated (model type,
   * pkid) keeps the record of the lowest fileOrder, as the library does.
   */
  fileOrder?: number;
  /** For export bundles: the export type it came from (e.g. `subscriber`). */
  exportType?: string;
}

/** Platform identity from `meta.json` (dump) or the file names (export), for the audit CSV's metadata lines. */
export type PlatformMeta = Record<string, string>;

export interface ReadProgress {
  phase: 'scan' | 'read' | 'store' | 'save';
  /** The file being read, relative to the source. */
  file: string;
  records: number;
  bytes: number;
  /** Total bytes to read (compressed sizes as on disk), when known. */
  totalBytes: number;
}

export interface TypeTally {
  read: number;
  stored: number;
  conflicts: number;
  skipped: number;
}
