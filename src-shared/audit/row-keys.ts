/**
 * How a row of an audit CSV is known across files: by its Customer PKID, or,
 * for a provider row (blank Customer PKID), by its provider (name, else
 * PKID) and its order among that provider's rows. The library stores reported
 * audits under these keys (store-audit.ts), and V16 finds the same rows in a
 * file being verified with them.
 */
import { CUSTOMER_PKID, PROVIDER_PKID } from './columns';

/** The key of each row, in order. `header` is the CSV's column names. */
export function auditRowKeys(header: readonly string[], rows: ReadonlyArray<{ fields: readonly string[] }>): string[] {
  const customerPkid = header.indexOf(CUSTOMER_PKID);
  const provider = header.indexOf('Provider');
  const providerPkid = header.indexOf(PROVIDER_PKID);
  const cell = (fields: readonly string[], i: number): string => (i >= 0 ? (fields[i] ?? '') : '');
  const providerRows = new Map<string, number>();
  return rows.map((row) => {
    const pkid = cell(row.fields, customerPkid);
    if (pkid) return customerRowKey(pkid);
    const owner = cell(row.fields, provider) || cell(row.fields, providerPkid);
    const n = (providerRows.get(owner) ?? 0) + 1;
    providerRows.set(owner, n);
    return `provider:${owner}#${n}`;
  });
}

const CUSTOMER = 'customer:';

export function customerRowKey(customerPkid: string): string {
  return `${CUSTOMER}${customerPkid.toLowerCase()}`;
}

/** The Customer PKID of a customer row's key; undefined for a provider row's. */
export function customerPkidOfKey(key: string): string | undefined {
  return key.startsWith(CUSTOMER) ? key.slice(CUSTOMER.length) : undefined;
}

export function isCustomerRowKey(key: string): boolean {
  return customerPkidOfKey(key) !== undefined;
}
