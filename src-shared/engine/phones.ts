/**
 * Phones and their owners (counting-rules.md R10–R16, R103, R105, R106, R116).
 */
import { compareByKey, compareCodePoints, RowKeyMap } from './keys';
import { listAt, symbolTest } from './record-columns';
import type { PhoneTable, Records, UcmUserTable } from './records';
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

/** R111: product and class compared trimmed and case-insensitively. */
const is = (wanted: string) => (value: string) => value.trim().toLowerCase() === wanted;

/**
 * What the phone rules ask of a product or class, answered once per
 * distinct text (a few dozen products repeat over a million phones).
 */
export class PhoneKinds {
  private readonly ctiProduct: Uint8Array;
  private readonly ctiClass: Uint8Array;
  private readonly sparkProduct: Uint8Array;
  private readonly analogProduct: Uint8Array;

  constructor(private readonly phones: PhoneTable) {
    this.ctiProduct = symbolTest(phones.product, is(CTI_PORT));
    this.ctiClass = symbolTest(phones.class, is(CTI_PORT));
    this.sparkProduct = symbolTest(phones.product, is(SPARK_REMOTE_DEVICE));
    this.analogProduct = symbolTest(phones.product, is(ANALOG_PHONE));
  }

  /** R10: CTI ports are never counted. */
  isCtiPort(i: number): boolean {
    return this.ctiProduct[this.phones.product.codes[i]!] === 1 || this.ctiClass[this.phones.class.codes[i]!] === 1;
  }

  /** R13: a Spark Remote Device. */
  isSparkRemoteDevice(i: number): boolean {
    return this.sparkProduct[this.phones.product.codes[i]!] === 1;
  }

  /** R16/R106: an analog port by product or by name. */
  isAnalogPort(i: number): boolean {
    return this.analogProduct[this.phones.product.codes[i]!] === 1 || ANALOG_NAME.test(this.phones.name.at(i).trim());
  }
}

const byUserid = (users: UcmUserTable) => (a: number, b: number) => compareByKey(users.userid.at(a), users.pkid.at(a), users.userid.at(b), users.pkid.at(b));

export function assignPhones(records: Records, notes: CountNote[]): PhoneAssignment {
  const { ucmUsers, phones } = records;
  const kinds = new PhoneKinds(phones);
  const first = byUserid(ucmUsers);
  const ucmByUserid = new RowKeyMap(records.keyCount, ucmUsers.length);
  // R11: who lists a device in associatedDevices; several users → the one whose userid sorts first.
  const claimedBy = new RowKeyMap(records.keyCount, phones.length);
  const { start: deviceStart, items: deviceKeys } = ucmUsers.deviceKeys;
  for (let i = 0; i < ucmUsers.length; i += 1) {
    const row = ucmUsers.row[i]!;
    ucmByUserid.keepFirst(row, ucmUsers.useridKey[i]!, i, first);
    for (let k = deviceStart[i]!; k < deviceStart[i + 1]!; k += 1) claimedBy.keepFirst(row, deviceKeys[k]!, i, first);
  }
  // Export bundles say it from the phone's side: `usernames` lists the users that associate it.
  for (let i = 0; i < phones.length; i += 1) {
    const nameKey = phones.nameKey[i]!;
    if (!nameKey) continue;
    for (const name of listAt(phones.usernameKeys, i)) {
      const user = ucmByUserid.get(phones.row[i]!, name);
      if (user !== undefined) claimedBy.keepFirst(phones.row[i]!, nameKey, user, first);
    }
  }

  const owner = new Int32Array(phones.length).fill(-1);
  const cti = new Uint8Array(phones.length);
  const analog = new Uint8Array(phones.length);
  const droppedSpark = new Uint8Array(phones.length);
  const phoneNames = new RowKeyMap(records.keyCount, phones.length);
  const dangling = new DanglingNames(notes);

  for (let i = 0; i < phones.length; i += 1) {
    const row = phones.row[i]!;
    phoneNames.set(row, phones.nameKey[i]!, i);
    if (kinds.isCtiPort(i)) {
      cti[i] = 1;
      continue;
    }
    // R11: association wins over owner id; R12: an unknown owner is ignored.
    const owned = claimedBy.get(row, phones.nameKey[i]!) ?? ucmByUserid.get(row, phones.ownerKey[i]!);
    if (owned !== undefined) owner[i] = owned;
    else {
      if (phones.ownerKey[i]) {
        dangling.add('R116', `phone ${phones.name.at(i) || phones.pkid.at(i)}: ownerUserName "${phones.ownerUserName.at(i)}" names no UCM user of its customer; it is standalone (R12)`);
      }
      if (kinds.isAnalogPort(i)) analog[i] = 1;
    }
  }

  // R116: associatedDevices entries that name no phone of the row.
  for (let i = 0; i < ucmUsers.length; i += 1) {
    const row = ucmUsers.row[i]!;
    for (let k = deviceStart[i]!; k < deviceStart[i + 1]!; k += 1) {
      if (!phoneNames.has(row, deviceKeys[k]!)) {
        const user = ucmUsers.userid.at(i) || ucmUsers.pkid.at(i);
        const device = ucmUsers.deviceNames.items.at(ucmUsers.deviceNames.start[i]! + (k - deviceStart[i]!));
        dangling.add('R116', `UCM user ${user}: associatedDevices names "${device}", which is no phone of its customer`);
      }
    }
  }
  dangling.flush();

  // R14 with R13/R105: Spark Remote Devices drop out only next to another phone.
  const other = new Int32Array(ucmUsers.length);
  const spark = new Int32Array(ucmUsers.length);
  for (let i = 0; i < phones.length; i += 1) {
    const u = owner[i]!;
    if (u < 0) continue;
    if (kinds.isSparkRemoteDevice(i)) spark[u]! += 1;
    else other[u]! += 1;
  }
  const phoneCount = new Int32Array(ucmUsers.length);
  for (let u = 0; u < ucmUsers.length; u += 1) phoneCount[u] = other[u]! > 0 ? other[u]! : spark[u]!;
  for (let i = 0; i < phones.length; i += 1) {
    const u = owner[i]!;
    if (u >= 0 && other[u]! > 0 && kinds.isSparkRemoteDevice(i)) droppedSpark[i] = 1;
  }

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
