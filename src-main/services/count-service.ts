/**
 * The counting engine as a service: count a source (a dump, an export bundle,
 * or a source already in the library) and keep the result for the
 * drill-down, Explain, CSV output and Compare.
 *
 * PLACEHOLDER: the signatures are final; the engine lands behind them.
 */
import type { AuditView } from '../../src-shared/audit/columns';
import type { CountDiff, CountFormat, CountOptions, CountSession, UserQuery } from '../../src-shared/engine/types';
import type { ReadProgress, SourceKind } from '../../src-shared/ingest/types';

export type CountInput =
  | { kind: 'path'; path: string; as?: SourceKind }
  | { kind: 'library'; libraryPath: string; sourceId: number };

export interface CountServiceOptions {
  options?: CountOptions;
  onProgress?: (p: ReadProgress) => void;
  signal?: AbortSignal;
}

export interface CountedSource extends CountSession {
  /** The audit CSV (`vlf-desk count`): byte-identical for the same input (R90). `meta` overrides `#Key=Value` lines. */
  csv(format: CountFormat, view: AuditView, meta?: Readonly<Record<string, string>>): string;
  /** The users CSV (`vlf-desk users`, cli.md). */
  usersCsv(query?: UserQuery): string;
  /** Recount vs a reported audit CSV's text (detailed or anonymous, legacy or v5). */
  diff(reportedCsvText: string, reportedFileName: string): CountDiff;
}

export class CountUnavailableError extends Error {}

export async function countSource(_input: CountInput, _opts: CountServiceOptions = {}): Promise<CountedSource> {
  throw new CountUnavailableError('the counting engine is not yet available');
}
