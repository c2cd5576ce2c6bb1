/**
 * Verify: a batch of ZIPs / CSVs → one row per file with its verdict; open a
 * file → its findings grouped by check, each with the member or line it is
 * about; export the findings as CSV or JSON.
 */
import { useMemo } from 'react';
import type { FileReport, Finding } from '../../src-shared/verify/findings';
import { call } from '../api/client';
import { VerdictBadge } from '../components/Badges';
import { DropZone } from '../components/DropZone';
import { ErrorBanner } from '../components/ErrorBanner';
import { EmptyState, Toolbar, ViewHeader } from '../components/Toolbar';
import { type TableColumn, VirtualTable } from '../components/VirtualTable';
import { useExportRequest } from '../components/use-export';
import { findingsCsv, findingsJson, groupByCheck } from '../model/findings-view';
import { useVerify } from '../stores/verify';

export async function chooseFilesToVerify(): Promise<void> {
  const paths = await call(
    'dialog/openFiles',
    { title: 'Verify audit files', filters: [{ name: 'Audit files', extensions: ['zip', 'csv', 'json'] }] },
    { action: 'Choose files' },
  ).catch(() => [] as string[]);
  await useVerify.getState().run(paths);
}

export async function exportFindings(findings: readonly Finding[], baseName: string, format: 'csv' | 'json'): Promise<void> {
  await call(
    'export/save',
    {
      suggestedName: `${baseName}-findings.${format}`,
      content: format === 'csv' ? findingsCsv(findings) : findingsJson(findings),
      filters: [{ name: format.toUpperCase(), extensions: [format] }],
    },
    { action: 'Export findings' },
  ).catch(() => undefined);
}

function count(f: FileReport, severity: Finding['severity']): number {
  return f.findings.filter((x) => x.severity === severity).length;
}

export function VerifyView() {
  const { report, error, openFile, running } = useVerify();
  const { open } = useVerify.getState();
  const opened = report?.files.find((f) => f.file === openFile);

  const allFindings = useMemo(() => report?.files.flatMap((f) => f.findings) ?? [], [report]);
  useExportRequest(() => {
    if (opened) void exportFindings(opened.findings, opened.file, 'csv');
    else if (report) void exportFindings(allFindings, 'verification', 'csv');
  });

  const columns = useMemo<Array<TableColumn<FileReport>>>(
    () => [
      { id: 'file', header: 'File', width: 560, pinned: true, render: (f) => f.file, sortValue: (f) => f.file, openable: true },
      { id: 'verdict', header: 'Verdict', width: 90, render: (f) => <VerdictBadge verdict={f.verdict} /> },
      { id: 'fail', header: 'FAIL', width: 70, align: 'right', render: (f) => count(f, 'FAIL') },
      { id: 'warn', header: 'WARN', width: 70, align: 'right', render: (f) => count(f, 'WARN') },
      { id: 'info', header: 'INFO', width: 70, align: 'right', render: (f) => count(f, 'INFO') },
      { id: 'checks', header: 'Checks with problems', width: 260, render: (f) => [...new Set(f.findings.filter((x) => x.severity !== 'INFO').map((x) => x.check))].join(' ') || '—' },
    ],
    [],
  );

  return (
    <section className="view" aria-labelledby="verify-title">
      <ViewHeader title="Verify" subtitle="Checks V1–V17 of the audit-file spec: names, ZIP safety, hashes, metadata, columns, values and privacy.">
        <button type="button" className="primary" onClick={() => void chooseFilesToVerify()} disabled={running}>
          Choose files…
        </button>
      </ViewHeader>
      {error && <ErrorBanner error={error} />}
      {report && (
        <Toolbar>
          {opened && (
            <button type="button" onClick={() => open(undefined)}>
              ← All files
            </button>
          )}
          <span className="summary">
            <VerdictBadge verdict="PASS" /> {report.summary.PASS} <VerdictBadge verdict="WARN" /> {report.summary.WARN} <VerdictBadge verdict="FAIL" /> {report.summary.FAIL}
          </span>
          <span className="spacer" />
          <button type="button" onClick={() => void exportFindings(opened?.findings ?? allFindings, opened?.file ?? 'verification', 'csv')}>
            Export CSV
          </button>
          <button type="button" onClick={() => void exportFindings(opened?.findings ?? allFindings, opened?.file ?? 'verification', 'json')}>
            Export JSON
          </button>
        </Toolbar>
      )}
      {opened ? (
        <FileFindings file={opened} />
      ) : report ? (
        <DropZone label="Drop audit files here to verify them" onPaths={(paths) => void useVerify.getState().run(paths)}>
          <VirtualTable
            label="Verified files"
            testId="verify-table"
            columns={columns}
            rowCount={report.files.length}
            rowAt={(i) => report.files[i]}
            rowKey={(f, i) => f?.file ?? String(i)}
            rowClass={(f) => `verdict-${f.verdict.toLowerCase()}`}
            onOpen={(f) => open(f.file)}
          />
        </DropZone>
      ) : (
        <DropZone label="Drop audit files here to verify them" onPaths={(paths) => void useVerify.getState().run(paths)}>
          <EmptyState title="Nothing verified yet">
            <p>Drop license ZIPs, detailed or anonymous CSVs here, or press Ctrl+O to choose them.</p>
          </EmptyState>
        </DropZone>
      )}
    </section>
  );
}

export function FileFindings({ file }: { file: FileReport }) {
  const groups = groupByCheck(file.findings);
  return (
    <div className="findings" data-testid="findings">
      <h2 className="file-title">
        <VerdictBadge verdict={file.verdict} /> {file.file}
      </h2>
      {!groups.length && <p>Every check passed: nothing to report.</p>}
      {groups.map((g) => (
        <section key={g.check} className={`check-group sev-${g.severity.toLowerCase()}`} aria-label={`${g.check} ${g.title}`}>
          <h3>
            <VerdictBadge verdict={g.severity} /> <span className="check-id">{g.check}</span> {g.title}{' '}
            <span className="muted">({g.findings.length})</span>
          </h3>
          <ul>
            {g.findings.map((f, i) => (
              <li key={i} className={`sev-item-${f.severity.toLowerCase()}`}>
                {f.severity !== g.severity && <VerdictBadge verdict={f.severity} />} {f.location && <code className="location">{f.location}</code>}
                <span>{f.message}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
