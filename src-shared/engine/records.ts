/**
 * The engine's typed view of the records the rules read (platform-dump.md §1
 * table), each resolved to its count row (R2, R3) and with its keys
 * normalized once (R8, R103).
 */
import { Hierarchy, isBelowSysHcs } from './hierarchy';
import { ColumnReader, type EngineInput, type EngineRow } from './input';
import { keyOf } from './keys';

export interface Rec {
  modelType: string;
  pkid: string;
  path: string;
  row: number;
  /** R55/R56: a Site node on the record's path. */
  underSite: boolean;
}

export interface UcmUser extends Rec {
  userid: string;
  useridKey: string;
  mailid: string;
  mailKey: string;
  deviceKeys: string[];
  phoneProfiles: number;
  remoteDestinationProfiles: number;
  /** Export bundles: `snr` / `voicemail` booleans stand for R21/R22 (platform-dump.md §2). */
  snrFlag: boolean;
  voicemailFlag: boolean;
}

export interface Phone extends Rec {
  name: string;
  nameKey: string;
  product: string;
  class: string;
  ownerKey: string;
  ownerUserName: string;
  /** Export bundles: the users whose associatedDevices list the phone. */
  usernameKeys: string[];
}

export interface KeyedRec extends Rec {
  /** The record's key field as written, and its R8 key. */
  value: string;
  key: string;
}

export interface WebexUser extends Rec {
  username: string;
  usernameKey: string;
  email: string;
  emailKey: string;
}

export interface SparkUser extends KeyedRec {
  callingPro: boolean;
}

export interface SparkPlace extends Rec {
  displayName: string;
  callingType: string;
}

export interface CsOnlineUser extends KeyedRec {
  accountEnabled: boolean;
  enterpriseVoiceEnabled: boolean;
  featureTypes: string[];
}

export interface MsolUser extends KeyedRec {
  isLicensed: boolean;
}

export interface Conference extends KeyedRec {
  name: string;
}

/** The `username_X` fields of a VOSS user that name a linked record (R60–R67). */
export type ExplicitField = 'username_cucm' | 'username_cuc' | 'username_webex_teams' | 'username_ms_teams' | 'username_ms_365' | 'username_uccx';
export const EXPLICIT_FIELDS: readonly ExplicitField[] = ['username_cucm', 'username_cuc', 'username_webex_teams', 'username_ms_teams', 'username_ms_365', 'username_uccx'];

export interface VossUser extends Rec {
  username: string;
  usernameKey: string;
  email: string;
  emailKey: string;
  explicit: Record<ExplicitField, string>;
  hybridStatus: string;
}

export interface Records {
  hierarchy: Hierarchy;
  /** R4/R100: only users strictly below sys.hcs. */
  vossUsers: VossUser[];
  ucmUsers: UcmUser[];
  phones: Phone[];
  deviceProfiles: KeyedRec[];
  remoteDestinationProfiles: KeyedRec[];
  cucUsers: KeyedRec[];
  webexUsers: WebexUser[];
  sparkUsers: SparkUser[];
  sparkUserConfigs: SparkUser[];
  sparkPlaces: SparkPlace[];
  uccxAgents: KeyedRec[];
  ccdmAgents: KeyedRec[];
  csOnlineUsers: CsOnlineUser[];
  mailboxes: KeyedRec[];
  /** R107: the three MsolUser types together. */
  msolUsers: MsolUser[];
  conferences: Conference[];
  phoneServerPhones: KeyedRec[];
  /** Site nodes (R59), as records of their own rows. */
  sites: KeyedRec[];
}

export const MSOL_TYPES = ['device/msgraph/MsolUser', 'device/azureadonline/MsolUser', 'device/msonline/MsolUser'] as const;

export function readRecords(input: EngineInput): Records {
  const hierarchy = new Hierarchy(input);
  const base = (row: EngineRow): Rec => {
    const at = hierarchy.resolve(row.path);
    return { modelType: row.modelType, pkid: row.pkid, path: row.path, row: at.row, underSite: at.underSite };
  };
  const each = <T>(modelType: string, make: (row: EngineRow, read: ColumnReader) => T): T[] => {
    const rows = input.rows(modelType);
    if (!rows.length) return [];
    const read = new ColumnReader(modelType);
    return rows.map((row) => make(row, read));
  };
  const keyed = (modelType: string, column: string) =>
    each(modelType, (row, read): KeyedRec => {
      const value = read.text(row, column);
      return { ...base(row), value, key: keyOf(value) };
    });

  const vossUsers = each('data/User', (row, read): VossUser => {
    const username = read.text(row, 'username');
    const email = read.text(row, 'email');
    const explicit = {} as Record<ExplicitField, string>;
    for (const f of EXPLICIT_FIELDS) explicit[f] = keyOf(read.text(row, f));
    return { ...base(row), username, usernameKey: keyOf(username), email, emailKey: keyOf(email), explicit, hybridStatus: read.text(row, 'mvs_hybrid_status') };
  }).filter((u) => isBelowSysHcs(u.path));

  return {
    hierarchy,
    vossUsers,
    ucmUsers: each('device/cucm/User', (row, read): UcmUser => {
      const userid = read.text(row, 'userid');
      const mailid = read.text(row, 'mailid');
      return {
        ...base(row),
        userid,
        useridKey: keyOf(userid),
        mailid,
        mailKey: keyOf(mailid),
        deviceKeys: read.list(row, 'associateddevices').map(keyOf).filter(Boolean),
        phoneProfiles: read.list(row, 'phoneprofiles').length,
        remoteDestinationProfiles: read.list(row, 'associatedremotedestinationprofiles').length,
        snrFlag: read.bool(row, 'snr'),
        voicemailFlag: read.bool(row, 'voicemail'),
      };
    }),
    phones: each('device/cucm/Phone', (row, read): Phone => {
      const name = read.text(row, 'name');
      const ownerUserName = read.text(row, 'ownerusername');
      return {
        ...base(row),
        name,
        nameKey: keyOf(name),
        product: read.text(row, 'product'),
        class: read.text(row, 'class'),
        ownerUserName,
        ownerKey: keyOf(ownerUserName),
        usernameKeys: read.list(row, 'usernames').map(keyOf).filter(Boolean),
      };
    }),
    deviceProfiles: keyed('device/cucm/DeviceProfile', 'userid'),
    remoteDestinationProfiles: keyed('device/cucm/RemoteDestinationProfile', 'userid'),
    cucUsers: keyed('device/cuc/User', 'alias'),
    webexUsers: each('device/webex/User', (row, read): WebexUser => {
      const username = read.text(row, 'username');
      const email = read.text(row, 'email');
      return { ...base(row), username, usernameKey: keyOf(username), email, emailKey: keyOf(email) };
    }),
    sparkUsers: each('device/spark/User', (row, read): SparkUser => {
      const value = read.text(row, 'email');
      return { ...base(row), value, key: keyOf(value), callingPro: read.bool(row, 'calling_pro') };
    }),
    sparkUserConfigs: each('device/spark/UserConfig', (row, read): SparkUser => {
      const value = read.text(row, 'email');
      return { ...base(row), value, key: keyOf(value), callingPro: read.bool(row, 'calling_pro') };
    }),
    sparkPlaces: each('device/spark/Place', (row, read): SparkPlace => ({
      ...base(row),
      displayName: read.text(row, 'display_name'),
      callingType: read.text(row, 'calling_type'),
    })),
    uccxAgents: keyed('device/uccx/Agent', 'userid'),
    ccdmAgents: keyed('device/ccdm/Agent', 'name'),
    csOnlineUsers: each('device/msteamsonline/CsOnlineUser', (row, read): CsOnlineUser => {
      const value = read.text(row, 'upn');
      return {
        ...base(row),
        value,
        key: keyOf(value),
        accountEnabled: read.bool(row, 'account_enabled'),
        enterpriseVoiceEnabled: read.bool(row, 'enterprise_voice_enabled'),
        featureTypes: read.list(row, 'feature_types').map((t) => t.trim()),
      };
    }),
    mailboxes: keyed('device/msexchangeonline/UserMailbox', 'upn'),
    msolUsers: MSOL_TYPES.flatMap((type) =>
      each(type, (row, read): MsolUser => {
        const value = read.text(row, 'upn');
        return { ...base(row), value, key: keyOf(value), isLicensed: read.bool(row, 'is_licensed') };
      }),
    ),
    conferences: each('device/pexip/Conference', (row, read): Conference => {
      const value = read.text(row, 'owner_email');
      return { ...base(row), value, key: keyOf(value), name: read.text(row, 'name') };
    }),
    phoneServerPhones: keyed('data/PRS_MultiVendorPhone_DAT', 'mac'),
    sites: hierarchy.nodes
      .filter((n) => n.kind === 'site')
      .map((n): KeyedRec => {
        const at = hierarchy.resolve(n.ownPath);
        return { modelType: 'data/HierarchyNode', pkid: n.pkid, path: n.parentPath, row: at.row, underSite: true, value: n.name, key: keyOf(n.name) };
      }),
  };
}

/** The key of a (row, value) pair in the engine's lookup maps (R7: links never cross rows). */
export function inRow(row: number, key: string): string {
  return `${row}\u0000${key}`;
}
