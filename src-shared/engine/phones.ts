/**
 * Phones and their owners (counting-rules.md R10–R16, R103, R105, R106, R116).
 */
import { compareByKey, compareCodePoints, RowKeyMap } from './keys';
import type { Phone, Records, UcmUser } from './records';
import type { CountNote } from './types';

export interface PhoneAssignment {
  /** Per phone: the index of the UCM user it belongs to (R11, R12), or -1 (standalone, R15). */
  owner: Int32Array;
  /** Per phone: R10, a CTI port, counted nowhere. */
  cti: Uint8Array;
  /** Per phone: R16, a standalone analog port. */
  analog: Uint8Array;
  /** Per phone: R13/R105, left out of its owner's phone count. */
  droppedSpark: Uint8Array;
  /** Per UCM user: R14, phones(u). */
  phoneCount: Int32Array;
  /** UCM users by (row, user id key): the one that sorts first (R104) when ids repeat. */
  ucmByUserid: RowKeyMap;
}

const CTI_PORT = 'cti port';
const SPARK_REMOTE_DEVICE = 'cisco spark remote device';
const ANALOG_PHONE = 'analog phone';
/** R106: SCCP analog port names. */
const ANALOG_NAME = /^AN[0-9A-Fa-f]+$/;

/**
 * Product and class texts, trimmed and lower-cased once per distinct text: a
 * few dozen products repeat over a million phones, each tested several
 * times. Bounded, so odd data cannot make it grow without end.
 */
const normalized = new Map<string, string>();

function normalize(value: string): string {
  let n = normalized.get(value);
  if (n === undefined) {
    if (normalized.size >= 4096) normalized.clear();
    normalized.set(value, (n = value.trim().toLowerCase()));
  }
  return n;
}

/** R111: product and class compared trimmed and case-insensitively. */
const sameText = (value: string, wanted: string) => normalize(value) === wanted;

/** R10: CTI ports are never counted. */
export function isCtiPort(p: Phone): boolean {
  return sameText(p.product, CTI_PORT) || sameText(p.class, CTI_PORT);
}

/** R13: a Spark Remote Device. */
export function isSparkRemoteDevice(p: Phone): boolean {
  return sameText(p.product, SPARK_REMOTE_DEVICE);
}

/** R16/R106: an analog port by product or by name. */
export function isAnalogPort(p: Phone): boolean {
  return sameText(p.product, ANALOG_PHONE) || ANALOG_NAME.test(p.name.trim());
}

const byUserid = (users: readonly UcmUser[]) => (a: number, b: number) =>
  compareByKey(users[a]!.userid, users[a]!.pkid, users[b]!.userid, users[b]!.pkid);

export function assignPhones(records: Records, notes: CountNote[]): PhoneAssignment {
  const { ucmUsers, phones } = records;
  const first = byUserid(ucmUsers);
  const ucmByUserid = new RowKeyMap(records.keyCount, ucmUsers.length);
  // R11: who lists a device in associatedDevices; several users → the one whose userid sorts first.
  const claimedBy = new RowKeyMap(records.keyCount, phones.length);
  ucmUsers.forEach((u, i) => {
    ucmByUserid.keepFirst(u.row, u.useridKey, i, first);
    for (const device of u.deviceKeys) claimedBy.keepFirst(u.row, device, i, first);
  });
  // Export bundles say it from the phone's side: `usernames` lists the users that associate it.
  phones.forEach((p) => {
    if (!p.nameKey) return;
    for (const name of p.usernameKeys) {
      const user = ucmByUserid.get(p.row, name);
      if (user !== undefined) claimedBy.keepFirst(p.row, p.nameKey, user, first);
    }
  });

  const owner = new Int32Array(phones.length).fill(-1);
  const cti = new Uint8Array(phones.length);
  const analog = new Uint8Array(phones.length);
  const droppedSpark = new Uint8Array(phones.length);
  const phoneNames = new RowKeyMap(records.keyCount, phones.length);
  const dangling = new DanglingNames(notes);

  phones.forEach((p, i) => {
    phoneNames.set(p.row, p.nameKey, i);
    if (isCtiPort(p)) {
      cti[i] = 1;
      return;
    }
    // R11: association wins over owner id; R12: an unknown owner is ignored.
    const owned = claimedBy.get(p.row, p.nameKey) ?? ucmByUserid.get(p.row, p.ownerKey);
    if (owned !== undefined) owner[i] = owned;
    else {
      if (p.ownerKey) dangling.add('R116', `phone ${p.name || p.pkid}: ownerUserName "${p.ownerUserName}" names no UCM user of its customer; it is standalone (R12)`);
      if (isAnalogPort(p)) analog[i] = 1;
    }
  });

  // R116: associatedDevices entries that name no phone of the row.
  for (const u of ucmUsers) {
    u.deviceKeys.forEach((device, d) => {
      if (!phoneNames.has(u.row, device)) dangling.add('R116', `UCM user ${u.userid || u.pkid}: associatedDevices names "${u.deviceNames[d]}", which is no phone of its customer`);
    });
  }
  dangling.flush();

  // R14 with R13/R105: Spark Remote Devices drop out only next to another phone.
  const other = new Int32Array(ucmUsers.length);
  const spark = new Int32Array(ucmUsers.length);
  phones.forEach((p, i) => {
    const u = owner[i]!;
    if (u < 0) return;
    if (isSparkRemoteDevice(p)) spark[u]! += 1;
    else other[u]! += 1;
  });
  const phoneCount = new Int32Array(ucmUsers.length);
  for (let u = 0; u < ucmUsers.length; u += 1) phoneCount[u] = other[u]! > 0 ? other[u]! : spark[u]!;
  phones.forEach((p, i) => {
    const u = owner[i]!;
    if (u >= 0 && other[u]! > 0 && isSparkRemoteDevice(p)) droppedSpark[i] = 1;
  });

  return { owner, cti, analog, droppedSpark, phoneCount, ucmByUserid };
}

/**
 * Notes of one kind are capped: a million dangling names would bury
 * everything else. The ones kept are the first in code-point order, so the
 * notes do not depend on the order the records arrived in.
 */
const MAX_NOTES_PER_RULE = 50;

export class DanglingNames {
  private readonly kept = new Map<string, string[]>();
  private readonly counts = new Map<string, number>();

  constructor(private readonly notes: CountNote[]) {}

  add(rule: string, message: string): void {
    this.counts.set(rule, (this.counts.get(rule) ?? 0) + 1);
    let kept = this.kept.get(rule);
    if (!kept) this.kept.set(rule, (kept = []));
    if (kept.length === MAX_NOTES_PER_RULE && compareCodePoints(message, kept[kept.length - 1]!) >= 0) return;
    let at = kept.length;
    while (at > 0 && compareCodePoints(message, kept[at - 1]!) < 0) at -= 1;
    kept.splice(at, 0, message);
    if (kept.length > MAX_NOTES_PER_RULE) kept.pop();
  }

  flush(): void {
    for (const [rule, kept] of this.kept) {
      for (const message of kept) this.notes.push({ rule, message });
      const n = this.counts.get(rule)!;
      if (n > kept.length) this.notes.push({ rule, message: `… and ${n - kept.length} more ${rule} notes like these` });
    }
  }
}
