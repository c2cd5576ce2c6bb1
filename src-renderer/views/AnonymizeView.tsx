/**
 * Anonymize: from a detailed CSV (or the recount, saved as one first) to the
 * license ZIP the platform would have written. Choose the layout, preview
 * exactly which files go into the ZIP and confirm V14 finds no name in them,
 * then save and verify what was written.
 */
import { useState } from 'react';
import type { AnonymizePreview, AnonymizeSaveResult } from '../../src-shared/api/contract';
import type { LayoutId } from '../../src-shared/audit/layouts';
import { call } from '../api/client';
import { runJob } from '../api/run-job';
import { VerdictBadge } from '../components/Badges';
import { ErrorBanner } from '../components/ErrorBanner';
import { EmptyState, Toolbar, ViewHeader } from '../components/Toolbar';
import { plainError, type PlainError } from '../model/errors';
import { formatBytes } from '../model/format';
import { useCount } from '../stores/count';
import { useLibrary } from '../stores/library';
import { useNav } from '../stores/nav';
import { useVerify } from '../stores/verify';

const LAYOUTS: ReadonlyArray<{ id: LayoutId; label: string }> = [
  { id: 'legacy', label: 'legacy (4.x audits)' },
  { id: 'v5', label: 'v5 (5.x audits)' },
  { id: '19.3', label: '19.3' },
];

export function AnonymizeView() {
  const info = useLibrary((s) => s.info);
  const { origin } = useCount();
  const go = useNav((s) => s.go);
  const [input, setInput] = useState<string | undefined>();
  const [layout, setLayout] = useState<LayoutId>('legacy');
  const [preview, setPreview] = useState<AnonymizePreview | undefined>();
  const [saved, setSaved] = useState<AnonymizeSaveResult | undefined>();
  const [error, setError] = useState<PlainError | undefined>();
  const sampleCsv = info?.samplePaths.find((p) => /_detailed_.*\.csv$/i.test(p));

  async function previewOf(path: string, chosen: LayoutId) {
    setInput(path);
    setPreview(undefined);
    setSaved(undefined);
    setError(undefined);
    try {
      setPreview(await call('anonymize/preview', { input: path, layout: chosen }, { action: 'Preview the anonymous ZIP' }));
    } catch (e) {
      setError(plainError(e, 'Preview'));
    }
  }

  async function chooseCsv() {
    const [path] = await call('dialog/openFiles', { title: 'The detailed CSV to anonymize', filters: [{ name: 'Detailed CSV or license_detailed ZIP', extensions: ['csv', 'zip'] }] }, { action: 'Choose a file' }).catch(() => [] as string[]);
    if (path) await previewOf(path, layout);
  }

  /** The recount becomes a detailed CSV on disk first: anonymize reads files, never window memory. */
  async function fromRecount() {
    if (origin?.kind !== 'recount') return;
    try {
      const content = await call('count/csv', { countId: origin.countId, format: layout === 'v5' ? 'v5' : 'legacy', view: 'detailed' }, { action: 'Write the recount' });
      const path = await call('export/save', { suggestedName: 'recount_detailed.csv', content, filters: [{ name: 'CSV', extensions: ['csv'] }] }, { action: 'Save the recount' });
      if (path) await previewOf(path, layout);
    } catch (e) {
      setError(plainError(e, 'Anonymizing the recount'));
    }
  }

  async function save() {
    if (!input || !preview) return;
    const outDir = await call('dialog/openFolder', { title: 'Where to write the anonymous ZIP' }, { action: 'Choose a folder' }).catch(() => null);
    if (!outDir) return;
    try {
      setSaved(await runJob('Writing the anonymous ZIP', 'anonymize', (jobId) => call('anonymize/save', { jobId, input, layout, outDir }, { action: 'Save the anonymous ZIP' })));
    } catch (e) {
      setError(plainError(e, 'Saving'));
    }
  }

  async function verifyWritten() {
    if (!saved) return;
    go({ view: 'verify' });
    await useVerify.getState().run(saved.written);
  }

  return (
    <section className="view" aria-labelledby="anonymize-title">
      <ViewHeader title="Anonymize" subtitle="Write the license ZIP (anonymous CSV, hashes, support files) from a detailed CSV — no names leave the building." />
      <Toolbar>
        <button type="button" onClick={() => void chooseCsv()}>
          Choose detailed CSV…
        </button>
        {sampleCsv && (
          <button type="button" onClick={() => void previewOf(sampleCsv, layout)}>
            Use the sample’s detailed CSV
          </button>
        )}
        <button type="button" disabled={origin?.kind !== 'recount'} title={origin?.kind !== 'recount' ? 'Open a platform dump first: its recount is saved as a detailed CSV' : undefined} onClick={() => void fromRecount()}>
          From the recount…
        </button>
        <span className="sep" />
        <label>
          Layout{' '}
          <select
            value={layout}
            onChange={(e) => {
              const next = e.target.value as LayoutId;
              setLayout(next);
              if (input) void previewOf(input, next);
            }}
          >
            {LAYOUTS.map((l) => (
              <option key={l.id} value={l.id}>
                {l.label}
              </option>
            ))}
          </select>
        </label>
      </Toolbar>
      {error && <ErrorBanner error={error} />}
      {!input && !error && (
        <EmptyState title="Choose what to anonymize">
          <p>A detailed CSV (vlf_…_detailed_….csv) or a v5 license_detailed ZIP. Support files are copied from a license ZIP of the same audit lying beside it.</p>
        </EmptyState>
      )}
      {input && <p className="muted">Input: {input}</p>}
      {preview && (
        <div className="preview" data-testid="anonymize-preview">
          <h2>What will be written ({preview.layout} layout)</h2>
          {preview.zips.map((z) => (
            <div key={z.name} className="zip-card">
              <h3>
                {z.name} <span className="muted">{formatBytes(z.bytes)}</span>
              </h3>
              <ul>
                {z.members.map((m) => (
                  <li key={m}>
                    <code>{m}</code>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          {preview.copied.length > 0 && <p className="muted">Copied from {preview.supportSource}: {preview.copied.join(', ')}.</p>}
          <p className={preview.privacy.clean ? 'ok-line' : 'fail-line'} data-testid="privacy">
            {preview.privacy.clean
              ? 'V14 privacy: no customer, reseller or provider name of the input appears in these files.'
              : `V14 privacy: ${preview.privacy.findings.length} finding(s) — names would leak; do not send this ZIP.`}
          </p>
          {preview.privacy.findings.map((f, i) => (
            <p key={i} className="fail-line">
              {f.location}: {f.message}
            </p>
          ))}
          <p>
            Verification of the preview:{' '}
            {preview.verification.files.map((f) => (
              <span key={f.file}>
                <VerdictBadge verdict={f.verdict} /> {f.file}{' '}
              </span>
            ))}
          </p>
          <button type="button" className="primary" disabled={!preview.privacy.clean} onClick={() => void save()}>
            Save ZIP…
          </button>
        </div>
      )}
      {saved && (
        <div className="saved" data-testid="anonymize-saved">
          <h2>Written</h2>
          <ul>
            {saved.written.map((p) => (
              <li key={p}>
                <code>{p}</code>{' '}
                <button type="button" className="link" onClick={() => void call('shell/showItem', { path: p }, { action: 'Show the file' }).catch(() => undefined)}>
                  Show in folder
                </button>
              </li>
            ))}
          </ul>
          <p>
            {saved.verification.files.map((f) => (
              <span key={f.file}>
                <VerdictBadge verdict={f.verdict} /> {f.file}{' '}
              </span>
            ))}
          </p>
          <button type="button" onClick={() => void verifyWritten()}>
            Verify the written ZIP
          </button>
        </div>
      )}
    </section>
  );
}
