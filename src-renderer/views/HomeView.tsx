/**
 * Home / library: every imported source (dumps, export bundles, audits) with
 * its platform, date, kind and status; open one to see its counts; archive,
 * restore, purge; drop files to import them; the bundled sample on first start.
 */
import { useCallback, useMemo, useState } from 'react';
import type { SourceSummary } from '../../src-shared/api/contract';
import { call } from '../api/client';
import { VerdictBadge } from '../components/Badges';
import { DropZone } from '../components/DropZone';
import { ErrorBanner } from '../components/ErrorBanner';
import { Toolbar, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { useCount } from '../stores/count';
import { useLibrary } from '../stores/library';
import { useNav } from '../stores/nav';
import { useVerify } from '../stores/verify';

const KIND_LABEL: Record<SourceSummary['kind'], string> = { dump: 'Platform dump', export: 'Export bundle', audit: 'Reported audit' };

export function sourceStatus(s: SourceSummary): string {
  if (s.archivedAt) return 'Archived';
  return s.complete ? 'Complete' : 'Incomplete';
}

/** Opening a source: an audit shows what it reported; a dump or export is counted by the engine. */
export async function openSource(source: SourceSummary): Promise<void> {
  const go = useNav.getState().go;
  if (source.kind === 'audit') {
    go({ view: 'counts' });
    await useCount.getState().openReported(source.id, source.name);
  } else {
    go({ view: 'counts' });
    await useCount.getState().recount({ sourceId: source.id }, source.name);
  }
}

export function HomeView() {
  const { sources, error, info, showArchived } = useLibrary();
  const library = useLibrary.getState();
  const sampleReport = useVerify((s) => s.report);
  const [selected, setSelected] = useState<SourceSummary | undefined>();
  const onActiveRow = useCallback((row: SourceSummary | undefined) => setSelected(row), []);

  const columns = useMemo<Array<TableColumn<SourceSummary>>>(
    () => [
      { id: 'name', header: 'Name', width: 440, pinned: true, render: (s) => s.name, sortValue: (s) => s.name, openable: true, cellTitle: (s) => `${s.name} — Enter opens it` },
      { id: 'kind', header: 'Kind', width: 130, render: (s) => KIND_LABEL[s.kind] },
      { id: 'provider', header: 'Provider · host', width: 200, render: (s) => [s.provider, s.host].filter(Boolean).join(' · ') || '—', sortValue: (s) => s.provider ?? '' },
      { id: 'platform', header: 'Platform ID', width: 200, render: (s) => s.platformId ?? '—' },
      { id: 'date', header: 'Audit date', width: 130, render: (s) => s.dateTime ?? '—' },
      { id: 'imported', header: 'Imported', width: 140, render: (s) => s.importedAt.replace('T', ' ').slice(0, 16) },
      { id: 'status', header: 'Status', width: 100, render: (s) => <span className={`status status-${sourceStatus(s).toLowerCase()}`}>{sourceStatus(s)}</span> },
      { id: 'verdict', header: 'Verdict', width: 80, render: (s) => (s.verdict ? <VerdictBadge verdict={s.verdict} /> : '—'), cellTitle: (s) => (s.verdict ? 'The verification verdict when it was imported' : 'Dumps and exports are not verified') },
    ],
    [],
  );

  async function chooseAndImport(folder: boolean) {
    const paths = folder
      ? [await call('dialog/openFolder', { title: 'Import a platform dump folder' }, { action: 'Choose a folder' })].filter((p): p is string => !!p)
      : await call('dialog/openFiles', { title: 'Import audit files, dumps or export bundles', filters: [{ name: 'Audit files, dumps, exports', extensions: ['zip', 'csv', 'json', 'gz'] }] }, { action: 'Choose files' });
    await library.importPaths(paths);
  }

  const sampleFile = sampleReport?.files[0];
  return (
    <section className="view" aria-labelledby="home-title">
      <ViewHeader title="Library" subtitle={info ? `Library file: ${info.libraryPath}` : undefined}>
        <button type="button" className="primary" onClick={() => void library.loadSample()}>
          Open sample audit
        </button>
      </ViewHeader>
      {error && <ErrorBanner error={error} />}
      {sampleFile && (
        <p className="sample-note" data-testid="sample-verdict">
          Last verification: {sampleReport.files.map((f) => f.file).join(', ')} — <VerdictBadge verdict={verdictOfReport(sampleReport)} />
        </p>
      )}
      <Toolbar>
        <button type="button" onClick={() => void chooseAndImport(false)}>
          Import files…
        </button>
        <button type="button" onClick={() => void chooseAndImport(true)}>
          Import folder…
        </button>
        <span className="sep" />
        <button type="button" disabled={!selected} onClick={() => selected && void openSource(selected)}>
          Open
        </button>
        {selected?.archivedAt ? (
          <>
            <button type="button" onClick={() => void library.restore(selected.id)}>
              Restore
            </button>
            <button type="button" className="danger" onClick={() => window.confirm(`Delete ${selected.name} from the library for good?`) && void library.purge(selected.id)}>
              Purge…
            </button>
          </>
        ) : (
          <button type="button" disabled={!selected} onClick={() => selected && void library.archive(selected.id)}>
            Archive
          </button>
        )}
        <span className="spacer" />
        <label className="check">
          <input type="checkbox" checked={showArchived} onChange={(e) => void library.setShowArchived(e.target.checked)} /> Show archived
        </label>
      </Toolbar>
      <DropZone label="Drop files or folders here to import them" onPaths={(paths) => void library.importPaths(paths)}>
        <VirtualTable
          label="Library sources"
          testId="library-table"
          columns={columns}
          rowCount={sources.length}
          rowAt={(i) => sources[i]}
          rowKey={(s, i) => (s ? String(s.id) : `loading-${i}`)}
          rowClass={(s) => (s.archivedAt ? 'archived' : undefined)}
          onOpen={(s) => void openSource(s)}
          onActiveRow={onActiveRow}
          emptyMessage="The library is empty. Drop audit files, dumps or export bundles here, or open the sample audit."
        />
        <p className="drop-hint muted">Drop audit ZIPs, CSVs, dump folders or export bundles anywhere on this list to import them.</p>
      </DropZone>
    </section>
  );
}

function verdictOfReport(report: { summary: { FAIL: number; WARN: number } }) {
  return report.summary.FAIL ? 'FAIL' : report.summary.WARN ? 'WARN' : 'PASS';
}
