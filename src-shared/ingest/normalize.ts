/**
 * One parsed dump instance → a NormalizedRecord (platform-dump.md §1
 * "Instances"): flat or API shape, pkid and hierarchy path found where the
 * spec says, in that order, and never guessed.
 */
import type { HasherFactory } from '../audit/hash-files';
import type { IngestFinding, NormalizedRecord } from './types';
import { fieldOf, isPlainObject } from './values';

export interface NormalizeContext {
  /** The canonical model type the file's name gives. */
  modelType: string;
  /** The file inside the dump (relative, `/`-separated). */
  file: string;
  /** 0-based position of the instance in its file. */
  index: number;
  /** The instance's JSON text exactly as read. */
  rawJson: string;
  createHasher: HasherFactory;
  /** Where the instance is, for findings; defaults to `record <index + 1>` (JSON lines pass `line N`). */
  location?: string;
}

export type NormalizeResult =
  | { ok: true; record: NormalizedRecord; findings: IngestFinding[] }
  | { ok: false; finding: IngestFinding };

/** Length of a derived pkid: as long as a real one (a 24-hex-digit object id). */
const DERIVED_PKID_HEX_DIGITS = 24;

export function normalizeInstance(instance: unknown, ctx: NormalizeContext): NormalizeResult {
  const fail = (message: string): NormalizeResult => ({
    ok: false,
    finding: { severity: 'ERROR', file: ctx.file, location: locationOf(ctx), message },
  });

  if (!isPlainObject(instance)) {
    return fail(`the instance is ${describeJsonValue(instance)}, not a JSON object; it was skipped`);
  }
  const meta = objectField(instance, 'meta');
  const data = objectField(instance, 'data');

  const declaredType = meta ? fieldOf(meta, 'model_type') : undefined;
  if (
    typeof declaredType === 'string' &&
    declaredType !== ctx.modelType &&
    declaredType.trim() !== '' &&
    declaredType.trim().toLowerCase() !== ctx.modelType.toLowerCase()
  ) {
    return fail(
      `meta.model_type is "${declaredType}" but the file's name says ${ctx.modelType}; the instance was skipped (put it in a file named after its type)`,
    );
  }

  const path = textOf(fieldOf(instance, 'hierarchy')) ?? textOf(meta && fieldOf(meta, 'path')) ?? textOf(meta && fieldOf(meta, 'hierarchy'));
  if (path === undefined) {
    return fail('the instance has no hierarchy path (hierarchy, meta.path or meta.hierarchy); it was skipped');
  }

  const findings: IngestFinding[] = [];
  let pkid = textOf(fieldOf(instance, 'pkid')) ?? textOf(data && fieldOf(data, 'pkid')) ?? selfReferencePkid(meta);
  let pkidDerived = false;
  if (pkid === undefined) {
    pkid = derivePkid(ctx.createHasher, ctx.modelType, path, ctx.rawJson);
    pkidDerived = true;
    findings.push({
      severity: 'WARN',
      file: ctx.file,
      location: locationOf(ctx),
      message: `the instance has no pkid (pkid, data.pkid or meta.references.self[0].pkid); it was given the derived id ${pkid}`,
    });
  }

  return {
    ok: true,
    record: {
      modelType: ctx.modelType,
      pkid,
      pkidDerived,
      path,
      fields: data ?? instance,
      rawJson: ctx.rawJson,
      file: ctx.file,
      index: ctx.index,
    },
    findings,
  };
}

/** Where an instance is, for a finding (built only when there is one: millions of instances have none). */
function locationOf(ctx: NormalizeContext): string {
  return ctx.location ?? `record ${ctx.index + 1}`;
}

/**
 * A stable id for an instance without one: the same instance at the same
 * place in the same type always gets the same id, across loads.
 */
export function derivePkid(createHasher: HasherFactory, modelType: string, path: string, rawJson: string): string {
  const hasher = createHasher('sha256');
  hasher.update(new TextEncoder().encode(`${modelType}\n${path}\n${rawJson}`));
  return hasher.digestHex().slice(0, DERIVED_PKID_HEX_DIGITS);
}

function objectField(o: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const v = fieldOf(o, name);
  return isPlainObject(v) ? v : undefined;
}

/** A non-blank string (trimmed) or a number as text; anything else counts as absent. */
function textOf(v: unknown): string | undefined {
  if (typeof v === 'string') {
    const t = v.trim();
    return t === '' ? undefined : t;
  }
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return undefined;
}

function selfReferencePkid(meta: Record<string, unknown> | undefined): string | undefined {
  if (!meta) return undefined;
  const references = fieldOf(meta, 'references');
  if (!isPlainObject(references)) return undefined;
  const self = fieldOf(references, 'self');
  const first: unknown = Array.isArray(self) ? self[0] : self;
  return isPlainObject(first) ? textOf(fieldOf(first, 'pkid')) : undefined;
}

function describeJsonValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return 'a string';
  return `a ${typeof v}`;
}
