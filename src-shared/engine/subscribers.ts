/**
 * The services of each UCM user and its one legacy subscriber column
 * (counting-rules.md R20–R25, R30–R46).
 */
import type { LegacyColumn } from '../audit/columns';
import { isSameOrAbove } from './hierarchy';
import type { PhoneAssignment } from './phones';
import { inRow } from './keys';
import type { KeyedRec, Records } from './records';

export interface UcmServices {
  em: Uint8Array;
  snr: Uint8Array;
  vm: Uint8Array;
  webex: Uint8Array;
  spark: Uint8Array;
  /** R25: 1 Contact Center Express agent, 2 Enterprise, 3 both; 0 not an agent. */
  agent: Uint8Array;
  /** R30–R44: the column of each non-agent subscriber, or null for agents. */
  column: Array<SubscriberColumn | null>;
}

export const EXPRESS_AGENT = 1;
export const ENTERPRISE_AGENT = 2;

/** R30–R44 in the order they are tried: the first that fits wins. */
export const SUBSCRIBER_COLUMNS = [
  { rule: 'R30', column: 'Multiple Phones' },
  { rule: 'R31', column: 'One Phone & WebEx' },
  { rule: 'R32', column: 'One Phone & VM (No WebEx)' },
  { rule: 'R33', column: 'One Phone & Spark (No VM & No WebEx)' },
  { rule: 'R34', column: 'One Phone (No VM & No WebEx & No Spark)' },
  { rule: 'R35', column: 'EM & WebEx (No Phone)' },
  { rule: 'R36', column: 'EM & VM (No Phone & No WebEx)' },
  { rule: 'R37', column: 'EM & Spark (No Phone & No VM & No WebEx)' },
  { rule: 'R38', column: 'EM & SNR (No Phone & No VM & No WebEx & No Spark)' },
  { rule: 'R39', column: 'EM (No Phone & No SNR & No VM & No WebEx & No Spark)' },
  { rule: 'R40', column: 'WebEx (No Phone & No EM)' },
  { rule: 'R41', column: 'VM (No Phone & No EM & No WebEx)' },
  { rule: 'R42', column: 'Spark (No Phone & No EM & No SNR & No VM & No WebEx)' },
  { rule: 'R43', column: 'SNR (No Phone & No EM & No VM & No WebEx & No Spark)' },
  { rule: 'R44', column: 'UCM User (No Phone & No EM & No VM & No WebEx & No SNR & No Spark)' },
] as const satisfies ReadonlyArray<{ rule: string; column: LegacyColumn }>;

export type SubscriberColumn = (typeof SUBSCRIBER_COLUMNS)[number];

const COLUMN_BY_RULE = new Map<string, SubscriberColumn>(SUBSCRIBER_COLUMNS.map((c) => [c.rule, c]));

/** R46 leaves out the columns that already say Spark. */
export const SPARK_COLUMNS: ReadonlySet<string> = new Set(['R33', 'R37', 'R42']);

function keySet(records: readonly KeyedRec[]): Set<number> {
  const set = new Set<number>();
  for (const r of records) if (r.key) set.add(inRow(r.row, r.key));
  return set;
}

export function ucmServices(records: Records, phones: PhoneAssignment): UcmServices {
  const { ucmUsers } = records;
  const n = ucmUsers.length;
  const out: UcmServices = {
    em: new Uint8Array(n),
    snr: new Uint8Array(n),
    vm: new Uint8Array(n),
    webex: new Uint8Array(n),
    spark: new Uint8Array(n),
    agent: new Uint8Array(n),
    column: new Array<SubscriberColumn | null>(n).fill(null),
  };
  const profileOwners = keySet(records.deviceProfiles);
  const rdpOwners = keySet(records.remoteDestinationProfiles);
  const aliases = keySet(records.cucUsers);
  const webexNames = new Set<number>();
  const webexMails = new Set<number>();
  for (const w of records.webexUsers) {
    if (w.usernameKey) webexNames.add(inRow(w.row, w.usernameKey));
    if (w.emailKey) webexMails.add(inRow(w.row, w.emailKey));
  }
  const sparkPaths = new Map<number, string[]>();
  for (const s of records.sparkUsers) {
    if (!s.key) continue;
    const k = inRow(s.row, s.key);
    const list = sparkPaths.get(k);
    if (list) list.push(s.path);
    else sparkPaths.set(k, [s.path]);
  }
  const express = keySet(records.uccxAgents);
  const enterprise = keySet(records.ccdmAgents);

  ucmUsers.forEach((u, i) => {
    const id = u.useridKey ? inRow(u.row, u.useridKey) : 0;
    const mail = u.mailKey ? inRow(u.row, u.mailKey) : 0;
    // R20 EM: profiles on the user, or a DeviceProfile naming it.
    out.em[i] = u.phoneProfiles > 0 || (id !== 0 && profileOwners.has(id)) ? 1 : 0;
    // R21 SNR: remote destination profiles on the user, or one naming it (an export's `snr` flag says the same).
    out.snr[i] = u.remoteDestinationProfiles > 0 || u.snrFlag || (id !== 0 && rdpOwners.has(id)) ? 1 : 0;
    // R22 VM: a CUC user whose Alias is the user id (an export's `voicemail` flag says the same).
    out.vm[i] = u.voicemailFlag || (id !== 0 && aliases.has(id)) ? 1 : 0;
    // R23 WebEx: a Webex user by username or e-mail.
    out.webex[i] = (id !== 0 && webexNames.has(id)) || (mail !== 0 && webexMails.has(mail)) ? 1 : 0;
    // R24 Spark: a Spark user with the e-mail at the user's level or above.
    out.spark[i] = mail !== 0 && (sparkPaths.get(mail) ?? []).some((p) => isSameOrAbove(p, u.path)) ? 1 : 0;
    // R25: contact center agents leave the subscriber columns.
    out.agent[i] = (id !== 0 && express.has(id) ? EXPRESS_AGENT : 0) | (id !== 0 && enterprise.has(id) ? ENTERPRISE_AGENT : 0);
    if (!out.agent[i]) out.column[i] = subscriberColumn(phones.phoneCount[i]!, out, i);
  });
  return out;
}

/** R30–R44: the first column whose condition fits. */
function subscriberColumn(phoneCount: number, s: UcmServices, i: number): SubscriberColumn {
  const [webex, vm, spark, em, snr] = [s.webex[i] === 1, s.vm[i] === 1, s.spark[i] === 1, s.em[i] === 1, s.snr[i] === 1];
  const pick = (rule: SubscriberColumn['rule']) => COLUMN_BY_RULE.get(rule)!;
  if (phoneCount > 1) return pick('R30');
  if (phoneCount === 1) return pick(webex ? 'R31' : vm ? 'R32' : spark ? 'R33' : 'R34');
  if (em) return pick(webex ? 'R35' : vm ? 'R36' : spark ? 'R37' : snr ? 'R38' : 'R39');
  if (webex) return pick('R40');
  if (vm) return pick('R41');
  if (spark) return pick('R42');
  if (snr) return pick('R43');
  return pick('R44');
}
