/**
 * A dump's `meta.json` (platform-dump.md §1 "Platform identity"): a small
 * object of text values that become the audit CSV's `#Key=Value` lines.
 */
import type { IngestFinding, PlatformMeta } from '../../src-shared/ingest/types';
import { isPlainObject } from '../../src-shared/ingest/values';
import { errorMessage, type SourceFile } from './dump-source';

/** meta.json is a dozen keys; anything this large is not one, and is not read into memory. */
export const MAX_META_BYTES = 1024 * 1024;

/** The identity in `meta.json`; problems are added to `findings` (an unreadable file leaves the identity empty). */
export async function readMetaFile(file: SourceFile, findings: IngestFinding[]): Promise<PlatformMeta> {
  const problem = (message: string, severity: IngestFinding['severity'] = 'ERROR'): void => {
    findings.push({ severity, file: file.path, location: '', message });
  };
  let text: string;
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of (await file.open()) as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_META_BYTES) {
        problem(`meta.json is larger than ${MAX_META_BYTES / 1024 / 1024} MB, so it is not a platform identity file; it was not read`);
        return {};
      }
      chunks.push(chunk);
    }
    text = Buffer.concat(chunks).toString('utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    problem(`meta.json could not be read (${errorMessage(e)})`);
    return {};
  }

  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    problem(`meta.json is not valid JSON (${errorMessage(e)}); the platform identity is unknown`);
    return {};
  }
  if (!isPlainObject(parsed)) {
    problem('meta.json does not hold a JSON object of "Key": "value" pairs; the platform identity is unknown');
    return {};
  }

  const meta: PlatformMeta = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (typeof value === 'string') meta[key] = value;
    else if (value === null) meta[key] = '';
    else if (typeof value === 'number' || typeof value === 'boolean') meta[key] = String(value);
    else {
      meta[key] = JSON.stringify(value);
      problem(`meta.json's "${key}" is not a text value; it is used as its JSON text`, 'WARN');
    }
  }
  return meta;
}
