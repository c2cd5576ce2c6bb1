/**
 * The model types a platform dump may hold (platform-dump.md §1's table) and
 * how a dump file's name names its type:
 * `<model type with "/" replaced by ".">[.<anything>].<json|jsonl|ndjson>[.gz]`,
 * matched case-insensitively.
 */

export const MODEL_TYPES = [
  'data/HierarchyNode',
  'data/User',
  'device/cucm/User',
  'device/cucm/Phone',
  'device/cucm/DeviceProfile',
  'device/cucm/RemoteDestinationProfile',
  'device/cuc/User',
  'device/webex/User',
  'device/spark/User',
  'device/spark/UserConfig',
  'device/spark/Place',
  'device/uccx/Agent',
  'device/ccdm/Agent',
  'device/msteamsonline/CsOnlineUser',
  'device/msexchangeonline/UserMailbox',
  'device/msgraph/MsolUser',
  'device/azureadonline/MsolUser',
  'device/msonline/MsolUser',
  'device/pexip/Conference',
  'data/PRS_MultiVendorPhone_DAT',
] as const;

export type ModelType = (typeof MODEL_TYPES)[number];

export type DumpFileFormat = 'json' | 'jsonl';

export interface DumpFileName {
  /** Canonical spelling, e.g. `device/cucm/Phone`. */
  modelType: ModelType;
  /** `json`: an array or an API list answer; `jsonl`: one instance per line (`.jsonl`, `.ndjson`). */
  format: DumpFileFormat;
  gzip: boolean;
}

/** Dotted, lower-cased type → canonical type; longest first, so the most specific type wins should one ever be another's dotted prefix. */
const DOTTED_TYPES: ReadonlyArray<readonly [string, ModelType]> = MODEL_TYPES.map(
  (t) => [t.replace(/\//g, '.').toLowerCase(), t] as const,
).sort((a, b) => b[0].length - a[0].length);

const CANONICAL_BY_LOWER = new Map<string, ModelType>(MODEL_TYPES.map((t) => [t.toLowerCase(), t]));

const DATA_FILE = /^(.+)\.(json|jsonl|ndjson)(\.gz)?$/i;

/** The last segment of a `/`- or `\`-separated path. */
function baseName(name: string): string {
  const cut = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
  return cut < 0 ? name : name.slice(cut + 1);
}

/** What a dump file's name says it holds, or undefined when it names no known model type. */
export function parseDumpFileName(name: string): DumpFileName | undefined {
  const m = DATA_FILE.exec(baseName(name));
  if (!m) return undefined;
  const stem = m[1]!.toLowerCase();
  for (const [dotted, modelType] of DOTTED_TYPES) {
    if (stem === dotted || stem.startsWith(`${dotted}.`)) {
      return { modelType, format: m[2]!.toLowerCase() === 'json' ? 'json' : 'jsonl', gzip: m[3] !== undefined };
    }
  }
  return undefined;
}

/** The canonical model type a dump file's name names (a path is fine: only its last segment counts). */
export function modelTypeFromFileName(name: string): ModelType | undefined {
  return parseDumpFileName(name)?.modelType;
}

export function isDumpDataFileName(name: string): boolean {
  return parseDumpFileName(name) !== undefined;
}

/** The canonical spelling of a model type written in any case (`device/CUCM/phone`), or undefined when unknown. */
export function canonicalModelType(type: string): ModelType | undefined {
  return CANONICAL_BY_LOWER.get(type.trim().toLowerCase());
}

/** The file name a model type's data goes in: `device/cucm/Phone` → `device.cucm.Phone`. */
export function dottedModelType(type: ModelType): string {
  return type.replace(/\//g, '.');
}
