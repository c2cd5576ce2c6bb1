/**
 * One table per model type the counting rules read (platform-dump.md §1
 * table), with a typed column per field a rule reads. Values are normalized
 * once, at import: booleans of any spelling become 1/0 (NULL when absent or
 * unreadable), list fields of any shape become a JSON array. Everything else
 * stays in the raw record (raw_chunks) for the drill-down.
 */

/** `type-name`: the last segment of a URI or an object's name (HierarchyNode.node_type). */
export type ColumnKind = 'text' | 'bool' | 'list' | 'type-name';

export interface FieldColumn {
  column: string;
  /** Field name in the record (exact, then case-insensitive); dotted for nested (`calling.type`). */
  field: string;
  kind: ColumnKind;
}

export interface ModelTable {
  modelType: string;
  table: string;
  columns: readonly FieldColumn[];
}

const text = (field: string, column = field.toLowerCase().replace(/[^a-z0-9]+/g, '_')): FieldColumn => ({ column, field, kind: 'text' });
const bool = (field: string, column = field.toLowerCase().replace(/[^a-z0-9]+/g, '_')): FieldColumn => ({ column, field, kind: 'bool' });
const list = (field: string, column = field.toLowerCase().replace(/[^a-z0-9]+/g, '_')): FieldColumn => ({ column, field, kind: 'list' });

export const MODEL_TABLES: readonly ModelTable[] = [
  { modelType: 'data/HierarchyNode', table: 'm_hierarchy_node', columns: [text('name'), { column: 'node_type', field: 'node_type', kind: 'type-name' }, bool('public_sector'), bool('inactive_billing')] },
  {
    modelType: 'data/User',
    table: 'm_user',
    columns: [
      text('username'),
      text('email'),
      text('username_cucm'),
      text('username_cuc'),
      text('username_webex_teams'),
      text('username_ms_teams'),
      text('username_ms_365'),
      text('username_uccx'),
      text('mvs_hybrid_status'),
    ],
  },
  {
    modelType: 'device/cucm/User',
    table: 'm_cucm_user',
    columns: [text('userid'), text('mailid'), list('associatedDevices'), list('phoneProfiles'), list('associatedRemoteDestinationProfiles'), bool('snr'), bool('voicemail')],
  },
  { modelType: 'device/cucm/Phone', table: 'm_cucm_phone', columns: [text('name'), text('product'), text('class'), text('ownerUserName'), list('usernames')] },
  { modelType: 'device/cucm/DeviceProfile', table: 'm_cucm_device_profile', columns: [text('name'), text('product'), text('userid')] },
  { modelType: 'device/cucm/RemoteDestinationProfile', table: 'm_cucm_rdp', columns: [text('name'), text('userId', 'userid')] },
  { modelType: 'device/cuc/User', table: 'm_cuc_user', columns: [text('Alias', 'alias')] },
  { modelType: 'device/webex/User', table: 'm_webex_user', columns: [text('username'), text('email')] },
  { modelType: 'device/spark/User', table: 'm_spark_user', columns: [text('email'), bool('calling_pro')] },
  { modelType: 'device/spark/UserConfig', table: 'm_spark_user_config', columns: [text('email'), bool('calling_pro')] },
  { modelType: 'device/spark/Place', table: 'm_spark_place', columns: [text('displayName', 'display_name'), text('calling.type', 'calling_type')] },
  { modelType: 'device/uccx/Agent', table: 'm_uccx_agent', columns: [text('userID', 'userid')] },
  { modelType: 'device/ccdm/Agent', table: 'm_ccdm_agent', columns: [text('Name', 'name')] },
  {
    modelType: 'device/msteamsonline/CsOnlineUser',
    table: 'm_cs_online_user',
    columns: [text('UserPrincipalName', 'upn'), bool('AccountEnabled', 'account_enabled'), bool('EnterpriseVoiceEnabled', 'enterprise_voice_enabled'), list('FeatureTypes', 'feature_types')],
  },
  { modelType: 'device/msexchangeonline/UserMailbox', table: 'm_user_mailbox', columns: [text('UserPrincipalName', 'upn')] },
  { modelType: 'device/msgraph/MsolUser', table: 'm_msol_user_graph', columns: [text('UserPrincipalName', 'upn'), bool('IsLicensed', 'is_licensed')] },
  { modelType: 'device/azureadonline/MsolUser', table: 'm_msol_user_azuread', columns: [text('UserPrincipalName', 'upn'), bool('IsLicensed', 'is_licensed')] },
  { modelType: 'device/msonline/MsolUser', table: 'm_msol_user_msonline', columns: [text('UserPrincipalName', 'upn'), bool('IsLicensed', 'is_licensed')] },
  { modelType: 'device/pexip/Conference', table: 'm_pexip_conference', columns: [text('name'), text('primary_owner_email_address', 'owner_email')] },
  { modelType: 'data/PRS_MultiVendorPhone_DAT', table: 'm_prs_phone', columns: [text('mac'), text('phoneVendor', 'phone_vendor'), text('phoneModel', 'phone_model')] },
];

/** Records of any other type (export types no rule reads, `export/hybrid`…) keep their fields as JSON. */
export const OTHER_TABLE = 'm_other';

export const TABLE_BY_MODEL_TYPE: ReadonlyMap<string, ModelTable> = new Map(MODEL_TABLES.map((t) => [t.modelType, t]));
