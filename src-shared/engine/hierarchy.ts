/**
 * The hierarchy and the count rows (counting-rules.md R1–R3, R5, R6, R57,
 * R100, R102, R115): which row every record is counted in, resolved once per
 * distinct path.
 */
import { compareCodePoints } from './keys';
import { ColumnReader, type EngineRow } from './input';
import { CountError, type CountNote, type CountRow } from './types';

export type NodeKind = 'provider' | 'reseller' | 'customer' | 'site' | 'other';

export interface HierarchyNodeInfo {
  pkid: string;
  name: string;
  kind: NodeKind;
  /** The path the node lives at (its parent's path). */
  parentPath: string;
  /** Its own path: parentPath + "." + name. */
  ownPath: string;
  publicSector: boolean;
  inactiveBilling: boolean;
}

/** A count row before counting: who it is (R2, R3), and its customer's R57 flags (false on provider rows). */
export interface RowIdentity extends Pick<CountRow, 'key' | 'kind' | 'provider' | 'reseller' | 'customer' | 'providerPkid' | 'customerPkid' | 'providerPath' | 'customerPath'> {
  publicSector: boolean;
  inactiveBilling: boolean;
}

export interface PathInfo {
  row: number;
  /** R55/R56: a Site node is on the path (ancestor-or-self). */
  underSite: boolean;
}

const NO_PROVIDER_KEY = 'p:';

export class Hierarchy {
  readonly nodes: HierarchyNodeInfo[] = [];
  readonly rows: RowIdentity[] = [];
  readonly notes: CountNote[] = [];
  private readonly byOwnPath = new Map<string, HierarchyNodeInfo>();
  private readonly rowByKey = new Map<string, number>();
  private readonly pathCache = new Map<string, PathInfo>();

  constructor(nodeRows: readonly EngineRow[]) {
    const read = new ColumnReader('data/HierarchyNode');
    for (const row of nodeRows) {
      const name = read.text(row, 'name');
      if (name.trim() === '') {
        this.notes.push({ rule: 'R1', message: `HierarchyNode ${row.pkid} at ${row.path} has no name; it is not a node of the hierarchy` });
        continue;
      }
      const node: HierarchyNodeInfo = {
        // R115: a node without pkid gets the derived id, prefixed so nobody takes it for a real one.
        pkid: row.pkidDerived ? `derived-${row.pkid}` : row.pkid,
        name,
        kind: nodeKind(read.text(row, 'node_type')),
        parentPath: row.path,
        ownPath: row.path ? `${row.path}.${name}` : name,
        publicSector: read.bool(row, 'public_sector'),
        inactiveBilling: read.bool(row, 'inactive_billing'),
      };
      const seen = this.byOwnPath.get(node.ownPath);
      if (seen) {
        // R115: the smaller pkid wins, with a warning.
        const [winner, loser] = compareCodePoints(node.pkid, seen.pkid) < 0 ? [node, seen] : [seen, node];
        this.notes.push({
          rule: 'R115',
          message: `two hierarchy nodes have the path ${node.ownPath} (${winner.pkid}, ${loser.pkid}); ${winner.pkid} is used`,
        });
        this.byOwnPath.set(node.ownPath, winner);
        continue;
      }
      this.byOwnPath.set(node.ownPath, node);
    }
    this.nodes.push(...this.byOwnPath.values());
    if (!this.nodes.some((n) => n.kind === 'provider' || n.kind === 'customer')) {
      throw new CountError('R6', 'no provider or customer hierarchy exists: the source has no Provider or Customer HierarchyNode');
    }
    // Every customer has a row, even an empty one; provider rows appear when something lands in them (R3).
    for (const node of this.nodes) if (node.kind === 'customer') this.customerRow(node);
  }

  node(ownPath: string): HierarchyNodeInfo | undefined {
    return this.byOwnPath.get(ownPath);
  }

  /** R2/R3: the row of a record at `path`, and whether a Site is on the way. */
  resolve(path: string): PathInfo {
    let info = this.pathCache.get(path);
    if (info) return info;
    let customer: HierarchyNodeInfo | undefined;
    let provider: HierarchyNodeInfo | undefined;
    let underSite = false;
    for (let p = path; p !== ''; p = parentOf(p)) {
      const node = this.byOwnPath.get(p);
      if (!node) continue;
      if (node.kind === 'site') underSite = true;
      else if (node.kind === 'customer' && !customer) customer = node;
      else if (node.kind === 'provider' && !provider) provider = node;
    }
    const row = customer ? this.customerRow(customer) : this.providerRow(provider);
    info = { row, underSite };
    this.pathCache.set(path, info);
    return info;
  }

  /** The nearest node of a kind strictly above `path`. */
  ancestor(path: string, kind: NodeKind): HierarchyNodeInfo | undefined {
    for (let p = parentOf(path); p !== ''; p = parentOf(p)) {
      const node = this.byOwnPath.get(p);
      if (node?.kind === kind) return node;
    }
    return undefined;
  }

  private customerRow(node: HierarchyNodeInfo): number {
    const key = `c:${node.ownPath}`;
    const found = this.rowByKey.get(key);
    if (found !== undefined) return found;
    const provider = this.ancestor(node.ownPath, 'provider');
    const reseller = this.ancestor(node.ownPath, 'reseller');
    return this.addRow({
      key,
      kind: 'customer',
      provider: provider?.name ?? '',
      reseller: reseller?.name ?? '',
      customer: node.name,
      providerPkid: provider?.pkid ?? '',
      customerPkid: node.pkid,
      providerPath: provider?.ownPath ?? '',
      customerPath: node.ownPath,
      publicSector: node.publicSector,
      inactiveBilling: node.inactiveBilling,
    });
  }

  /** R3: the row of a provider (records above customer level), or the blank-provider row. */
  private providerRow(node: HierarchyNodeInfo | undefined): number {
    const key = node ? `p:${node.ownPath}` : NO_PROVIDER_KEY;
    const found = this.rowByKey.get(key);
    if (found !== undefined) return found;
    return this.addRow({
      key,
      kind: node ? 'provider' : 'no-provider',
      provider: node?.name ?? '',
      reseller: '',
      customer: '',
      providerPkid: node?.pkid ?? '',
      customerPkid: '',
      providerPath: node?.ownPath ?? '',
      customerPath: '',
      publicSector: false,
      inactiveBilling: false,
    });
  }

  private addRow(identity: RowIdentity): number {
    this.rows.push(identity);
    this.rowByKey.set(identity.key, this.rows.length - 1);
    return this.rows.length - 1;
  }

  /**
   * R5/R102: the rows `--from-hierarchy` keeps. A pkid matches exactly, then
   * case-insensitively; a path matches exactly. Unknown nodes are an error.
   */
  rowsUnder(pkidOrPath: string): (row: RowIdentity) => boolean {
    const wanted = pkidOrPath.trim();
    const node =
      this.nodes.find((n) => n.pkid === wanted) ??
      this.nodes.find((n) => n.pkid.toLowerCase() === wanted.toLowerCase()) ??
      this.byOwnPath.get(wanted);
    if (!node) {
      throw new CountError('R5', `--from-hierarchy ${pkidOrPath}: no hierarchy node has that pkid or path`);
    }
    const inside = (path: string) => path !== '' && (path === node.ownPath || path.startsWith(`${node.ownPath}.`));
    return (row) => (row.kind === 'customer' ? inside(row.customerPath) : row.kind === 'provider' ? inside(row.providerPath) : false);
  }
}

/** R111: node types are recognized case-insensitively. */
function nodeKind(type: string): NodeKind {
  switch (type.trim().toLowerCase()) {
    case 'provider':
      return 'provider';
    case 'reseller':
      return 'reseller';
    case 'customer':
      return 'customer';
    case 'site':
      return 'site';
    default:
      return 'other';
  }
}

export function parentOf(path: string): string {
  const cut = path.lastIndexOf('.');
  return cut < 0 ? '' : path.slice(0, cut);
}

/** R4/R100: VOSS users count only strictly below `sys.hcs`. */
export function isBelowSysHcs(path: string): boolean {
  return path.startsWith('sys.hcs.');
}

/** "s sits at the same level as u or above it on u's path" (R24, R54). */
export function isSameOrAbove(upper: string, lower: string): boolean {
  return upper === lower || lower.startsWith(`${upper}.`);
}
