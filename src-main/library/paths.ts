/**
 * Resolving a record's hierarchy path to its owning customer, reseller and
 * provider (counting-rules.md R1–R3): the nearest ancestor-or-self node of
 * each type. A HierarchyNode lives at `path` and is itself `path.name`.
 */

export interface NodeInfo {
  /** The node's own path (`path + "." + name`). */
  ownPath: string;
  nodeType: string;
}

export interface ResolvedPath {
  customerPath: string | null;
  resellerPath: string | null;
  providerPath: string | null;
}

export function resolvePath(path: string, nodeTypes: ReadonlyMap<string, string>): ResolvedPath {
  const out: ResolvedPath = { customerPath: null, resellerPath: null, providerPath: null };
  for (let p = path; p; p = parentOf(p)) {
    const type = nodeTypes.get(p)?.toLowerCase();
    if (type === 'customer' && !out.customerPath) out.customerPath = p;
    else if (type === 'reseller' && !out.resellerPath) out.resellerPath = p;
    else if (type === 'provider' && !out.providerPath) out.providerPath = p;
  }
  return out;
}

export function parentOf(path: string): string {
  const cut = path.lastIndexOf('.');
  return cut < 0 ? '' : path.slice(0, cut);
}

export { nodeTypeName } from '../../src-shared/ingest/field-values';
