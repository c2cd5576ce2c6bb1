/**
 * The services of each UCM user and its one legacy subscriber column
 * (counting-rules.md R20–R25, R30–R46).
 */
import type { LegacyColumn } from '../audit/columns';
import { isSameOrAbove } from './hierarchy';
import type { PhoneAssignment } from './phones';
import { RowKeyMap } from './keys';
import type { KeyedTable, Records } from './records';

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

function keySet(keyCount: number, records: KeyedTable): RowKeyMap {
  const set = new RowKeyMap(keyCount, records.length);
  for (let i = 0; i < records.length; i += 1) set.set(records.row[i]!, records.key[i]!, i);
  return set;
}

export function ucmServices(records: Records, phones: PhoneAssignment): UcmServices {
  const { ucmUsers, sparkUsers, webexUsers } = records;
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
  const k = records.keyCount;
  const profileOwners = keySet(k, records.deviceProfiles);
  const rdpOwners = keySet(k, records.remoteDestinationProfiles);
  const aliases = keySet(k, records.cucUsers);
  const webexNames = new RowKeyMap(k, webexUsers.length);
  const webexMails = new RowKeyMap(k, webexUsers.length);
  for (let i = 0; i < webexUsers.length; i += 1) {
    webexNames.set(webexUsers.row[i]!, webexUsers.usernameKey[i]!, i);
    webexMails.set(webexUsers.row[i]!, webexUsers.emailKey[i]!, i);
  }
  const sparkByMail = new RowKeyMap(k, sparkUsers.length);
  for (let i = 0; i < sparkUsers.length; i += 1) sparkByMail.add(sparkUsers.row[i]!, sparkUsers.key[i]!, i);
  const express = keySet(k, records.uccxAgents);
  const enterprise = keySet(k, records.ccdmAgents);

  for (let i = 0; i < n; i += 1) {
    const row = ucmUsers.row[i]!;
    const id = ucmUsers.useridKey[i]!;
    const mail = ucmUsers.mailKey[i]!;
    // R20 EM: profiles on the user, or a DeviceProfile naming it.
    out.em[i] = ucmUsers.phoneProfiles[i]! > 0 || profileOwners.has(row, id) ? 1 : 0;
    // R21 SNR: remote destination profiles on the user, or one naming it (an export's `snr` flag says the same).
    out.snr[i] = ucmUsers.remoteDestinationProfiles[i]! > 0 || ucmUsers.snrFlag[i] === 1 || rdpOwners.has(row, id) ? 1 : 0;
    // R22 VM: a CUC user whose Alias is the user id (an export's `voicemail` flag says the same).
    out.vm[i] = ucmUsers.voicemailFlag[i] === 1 || aliases.has(row, id) ? 1 : 0;
    // R23 WebEx: a Webex user by username or e-mail.
    out.webex[i] = webexNames.has(row, id) || webexMails.has(row, mail) ? 1 : 0;
    // R24 Spark: a Spark user with the e-mail at the user's level or above.
    out.spark[i] = sparkByMail.some(row, mail, (s) => isSameOrAbove(sparkUsers.path.at(s), ucmUsers.path.at(i))) ? 1 : 0;
    // R25: contact center agents leave the subscriber columns.
    out.agent[i] = (express.has(row, id) ? EXPRESS_AGENT : 0) | (enterprise.has(row, id) ? ENTERPRISE_AGENT : 0);
    if (!out.agent[i]) out.column[i] = subscriberColumn(phones.phoneCount[i]!, out, i);
  }
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
