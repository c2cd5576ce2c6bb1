/**
 * One argument schema per channel of the contract. The mapped type makes the
 * compiler insist on a schema for every channel whose output matches the
 * channel's argument type.
 */
import type { Channel, HandlerArgs } from '../../src-shared/api/contract';
import { LEGACY_COUNT_COLUMNS } from '../../src-shared/audit/columns';
import { ArgumentError, arr, bool, either, filePath, nullable, num, obj, oneOf, optional, type Schema, str } from './schema';

const jobId = str({ min: 1, max: 100 });
const id = num({ integer: true, min: 1 });
const countId = str({ min: 1, max: 100 });
const sourceKind = oneOf(['dump', 'export', 'audit'] as const);
const view = oneOf(['detailed', 'anonymous'] as const);
const layout = oneOf(['legacy', 'v5', '19.3'] as const);
const paths = arr(filePath, { min: 1, max: 10_000 });
const filters = optional(arr(obj({ name: str({ max: 200 }), extensions: arr(str({ min: 1, max: 20 }), { max: 50 }) }), { max: 20 }));
const title = optional(str({ max: 200 }));
const userQuery = obj({
  rowKey: optional(str({ max: 4096 })),
  status: optional(oneOf(['Licensed', 'Unlicensed'] as const)),
  column: optional(oneOf(LEGACY_COUNT_COLUMNS)),
  search: optional(str({ max: 500 })),
  offset: optional(num({ integer: true, min: 0 })),
  limit: optional(num({ integer: true, min: 1, max: 1000 })),
});
/** File names only (the dialog picks the folder): no separators. */
const fileName: Schema<string> = (v, at) => {
  const s = str({ min: 1, max: 255 })(v, at);
  if (/[/\\\0]/.test(s)) throw new ArgumentError(`${at} must be a file name without folders, not "${s}"`);
  return s;
};

export const ARG_SCHEMAS: { [K in Channel]: Schema<HandlerArgs<K>> } = {
  'app/info': obj({}),
  'app/loadSample': obj({ jobId }),
  'library/list': obj({ includeArchived: optional(bool) }),
  'library/archive': obj({ id }),
  'library/restore': obj({ id }),
  'library/purge': obj({ id }),
  'library/retention': obj({ days: optional(nullable(num({ integer: true, min: 0, max: 36_500 }))) }),
  'import/run': obj({ jobId, paths, as: optional(sourceKind) }),
  'verify/run': obj({ jobId, paths, expectProvider: optional(str({ max: 500 })) }),
  'count/run': obj({
    jobId,
    source: either(obj({ sourceId: id }), obj({ path: filePath, as: optional(sourceKind) }), '{sourceId} or {path, as?}'),
    fromHierarchy: optional(str({ min: 1, max: 4096 })),
  }),
  'count/users': obj({ countId, query: userQuery }),
  'count/explain': obj({ countId, rowKey: str({ max: 4096 }), column: str({ min: 1, max: 200 }) }),
  'count/csv': obj({ countId, format: oneOf(['legacy', 'v5'] as const), view }),
  'count/usersCsv': obj({ countId, query: optional(userQuery) }),
  'count/close': obj({ countId }),
  'compare/run': obj({ countId, reportedPath: filePath }),
  'compare/audits': obj({ leftSourceId: id, rightSourceId: id, view: optional(view) }),
  'records/raw': obj({ sourceId: id, modelType: str({ min: 1, max: 200 }), pkid: str({ min: 1, max: 200 }) }),
  'audits/history': obj({ platformId: optional(str({ min: 1, max: 500 })), sourceId: optional(id), view: optional(view) }),
  'anonymize/preview': obj({ input: filePath, layout: optional(layout), host: optional(str({ min: 1, max: 255 })) }),
  'anonymize/save': obj({ jobId, input: filePath, layout: optional(layout), host: optional(str({ min: 1, max: 255 })), outDir: filePath }),
  'job/cancel': obj({ jobId }),
  'dialog/openFiles': obj({ title, filters }),
  'dialog/openFolder': obj({ title }),
  'dialog/saveFile': obj({ title, suggestedName: fileName, filters }),
  'export/save': obj({ suggestedName: fileName, content: str({ max: 512 * 1024 * 1024 }), filters }),
  'shell/showItem': obj({ path: filePath }),
};
