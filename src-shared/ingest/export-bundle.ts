/**
 * The subscriber data export bundle (platform-dump.md §2, guide §3.2–3.3):
 * what the export types are, how their files are named, how their JSON is
 * read, and how each record becomes a normalized model instance.
 *
 * Pure: no Node modules. Hashing is injected (`HasherFactory`), like
 * hash-files.ts, so the worker, the CLI and the tests run this unchanged.
 */
import type { HasherFactory } from '../audit/hash-files';
import type { IngestFinding, NormalizedRecord } from './types';

// ---------------------------------------------------------------------------
// The export types (guide §3.3)
// ---------------------------------------------------------------------------

export interface ExportTypeInfo {
  /** The `type` as it appears in file names and in `voss export type <type>`. */
  type: string;
  /** Guide section, e.g. `3.3.12`. */
  section: string;
  /** The guide section's title, as printed. */
  title: string;
  /**
   * The ELEMENT column of the section's layout table(s), in table order. Nested
   * elements are dotted as the guide prints them (`lines.cucm_dn`).
   */
  fields: readonly string[];
  /** Listed in §3.2.1's `type` parameter list (three documented types are not, see below). */
  inTypeList: boolean;
}

/** The location columns most layouts start with, in their usual table order. */
const LOCATION = ['provider_name', 'reseller_name', 'customer_name', 'division_name', 'location_name', 'hierarchy'] as const;
/** Customer-level layouts (no division or site). */
const CUSTOMER_LEVEL = ['provider_name', 'reseller_name', 'customer_name', 'hierarchy'] as const;
const E164_MEMBERS = ['E164Members', 'E164Members.e164_number', 'E164Members.e164_range'] as const;

/**
 * All documented export types. The guide has 23 sections §3.3.1–§3.3.23, which
 * matches platform-dump.md §2 ("all 23 documented types"). The `type` list of
 * §3.2.1 names only 20 of them: `webex_devices` (§3.3.16), `webex_workspaces`
 * (§3.3.17) and `ms_o365_sku_service_plans` (§3.3.19) have a section and a
 * file name but are missing from that list (and §3.1.1's sample `voss export
 * group subscriber` output names only 14, an older release). The sections are
 * what a bundle can contain, so all 23 are read.
 */
export const EXPORT_TYPES: readonly ExportTypeInfo[] = [
  {
    type: 'analogue_line_mgcp',
    section: '3.3.1',
    title: 'Analogue line MGCP Data Export',
    fields: [...LOCATION, 'usernames', 'gateway', 'port_number', 'port_type', 'description', 'cucm_dn', ...E164_MEMBERS, 'E164'],
    inTypeList: true,
  },
  {
    type: 'analogue_line_sccp',
    section: '3.3.2',
    title: 'Analogue Line SCCP Data Export',
    fields: [...LOCATION, 'usernames', 'gateway', 'port_number', 'port_type', 'description', 'E164Members', 'cucm_dn', 'E164', 'E164Members.e164_number', 'E164Members.e164_range'],
    inTypeList: true,
  },
  {
    type: 'call_pickup_group',
    section: '3.3.3',
    title: 'Call Pickup Group Data Export',
    fields: [...LOCATION, 'pickup_group_name', 'pickup_group_number', 'pickup_group_partition', 'member', 'member.cucm_dn', 'member.partition'],
    inTypeList: true,
  },
  {
    type: 'contact_center_enterprise',
    section: '3.3.4',
    title: 'Contact Center Enterprise Data Export',
    fields: [...LOCATION, 'Name', 'PeripheralNumber', 'Supervisor'],
    inTypeList: true,
  },
  {
    type: 'contact_center_express',
    section: '3.3.5',
    title: 'Contact Center Express Data Export',
    fields: [...LOCATION, 'username', 'userID', 'firstName', 'lastName', 'extension', 'teamName', 'type', 'autoAvailable'],
    inTypeList: true,
  },
  {
    type: 'customer',
    section: '3.3.6',
    title: 'Customer Data Export',
    fields: [...CUSTOMER_LEVEL, 'account_id', 'external_id'],
    inTypeList: true,
  },
  {
    type: 'extension_mobility',
    section: '3.3.7',
    title: 'Extension Mobility Data Export',
    fields: [...LOCATION, 'username', 'device_type', 'device_profile_name', 'lines', 'lines.cucm_dn', 'lines.line_order', 'lines.E164', ...E164_MEMBERS],
    inTypeList: true,
  },
  {
    type: 'fmc',
    section: '3.3.8',
    title: 'FMC Data Export',
    fields: [...LOCATION, 'username', 'destination', 'fmc_enabled'],
    inTypeList: true,
  },
  {
    type: 'hunt_group',
    section: '3.3.9',
    title: 'Hunt Group Data Export',
    // This table lists `hierarchy` before `location_name`.
    fields: [
      'provider_name', 'reseller_name', 'customer_name', 'division_name', 'hierarchy', 'location_name',
      'hunt_group_name', 'pilot_number', 'E164', 'lines', 'lines.cucm_dn', 'lines.line_group_name', ...E164_MEMBERS, 'partition',
    ],
    inTypeList: true,
  },
  {
    type: 'hybrid',
    section: '3.3.10',
    title: 'Hybrid Data Export',
    // The example writes `lines.class_of_service` where the table says `lines.cos`.
    fields: [...CUSTOMER_LEVEL, 'username', 'service_type', 'lines', 'lines.extension', 'lines.e164', 'lines.cos'],
    inTypeList: true,
  },
  {
    type: 'line',
    section: '3.3.11',
    title: 'Line Data Export',
    fields: [...LOCATION, 'cucm_dn', 'partition', 'description', 'calling_search_space'],
    inTypeList: true,
  },
  {
    type: 'phones',
    section: '3.3.12',
    title: 'Phones Data Export',
    fields: [
      ...LOCATION, 'usernames', 'device_name', 'description', 'device_type', 'device_css',
      'lines', 'lines.line_order', 'lines.cucm_dn', 'lines.E164', ...E164_MEMBERS, 'owner_username',
      'add_on_modules', 'add_on_modules.name', 'add_on_modules.model', 'add_on_modules.position',
    ],
    inTypeList: true,
  },
  {
    type: 'site',
    section: '3.3.13',
    title: 'Site Data Export',
    // The example spells `voice_bandwith` / `video_bandwith` (sic).
    fields: [
      ...LOCATION, 'customer_address1', 'customer_address2', 'customer_address3',
      'location_address1', 'location_address2', 'location_address3', 'emergency_number', 'ndl',
      'inter_site_prefix', 'external_access_prefix', 'site_code', 'published_number', 'country_code',
      'external_id', 'extended_name', 'voice_bandwidth', 'video_bandwidth',
    ],
    inTypeList: true,
  },
  {
    type: 'subscriber',
    section: '3.3.14',
    title: 'Subscriber Data Export',
    fields: [
      ...LOCATION, 'username', 'first_name', 'middle_name', 'last_name', 'email', 'entitlement_profile',
      'role', 'credential_policy', 'snr', 'voicemail', 'title', 'department', 'telephone_number',
      'pager_number', 'imp_enabled',
    ],
    inTypeList: true,
  },
  {
    type: 'webex_teams',
    section: '3.3.15',
    title: 'Webex Teams Data Export',
    // The three service tables print their members under a heading row
    // (`hybrid_call_services:`); the second example nests them in a
    // `services` object, alongside `message` and `hybrid_message_services`,
    // which no table lists.
    fields: [
      ...LOCATION, 'firstName', 'lastName', 'email', 'type', 'loginEnabled',
      'phoneNumbers', 'phoneNumbers.type', 'phoneNumbers.value', 'extension', 'status', 'licenses', 'licenses.license',
      'hybrid_call_services', 'hybrid_call_services.connect', 'hybrid_call_services.aware',
      'hybrid_calendar_services', 'hybrid_calendar_services.google', 'hybrid_calendar_services.microsoft_exchange',
      'meeting', 'meeting.webex_enterprise_200', 'meeting.webex_support_center', 'meeting.webex_meeting_center',
      'meeting.webex_cmr', 'meeting.webex_event_center', 'meeting.webex_training_center', 'meeting.meeting',
    ],
    inTypeList: true,
  },
  {
    type: 'webex_devices',
    section: '3.3.16',
    title: 'Webex Devices Data Export',
    fields: [...LOCATION, 'id', 'displayName', 'workspace', 'username', 'product'],
    inTypeList: false,
  },
  {
    type: 'webex_workspaces',
    section: '3.3.17',
    title: 'Webex Workspaces Data Export',
    fields: [...LOCATION, 'id', 'displayName', 'type', 'callingType'],
    inTypeList: false,
  },
  {
    type: 'ms_o365',
    section: '3.3.18',
    title: 'MS Office 365 Data Export',
    // The table has no location columns, but the example's records carry `hierarchy` and the names.
    fields: [
      'username', 'first_name', 'last_name', 'entitlement_profile', 'o365_username', 'display_name', 'is_licensed',
      'licenses', 'licenses.account_sku_id', 'licenses.disabled_serviceplans', 'licenses.disabled_serviceplans.service_name',
    ],
    inTypeList: true,
  },
  {
    type: 'ms_o365_sku_service_plans',
    section: '3.3.19',
    title: 'MS Office 365 Service Plans',
    // Neither the table nor the example has `hierarchy` (see HIERARCHY_OPTIONAL).
    fields: ['sku_name', 'service_plans', 'service_plans.Service_Name'],
    inTypeList: false,
  },
  {
    type: 'ms_teams',
    section: '3.3.20',
    title: 'MS Teams Data Export',
    // The example writes `feature_type` where the table says `feature_types`.
    fields: [
      'ms_teams_username', 'alias', 'username', 'entitlement_profile', 'department', 'account_enabled',
      'enterprise_voice', 'feature_types', 'line', 'line_type', 'voice_routing_policy', 'tenant_dialplan',
      'voicemail_policy', 'teams_upgrade_mode',
    ],
    inTypeList: true,
  },
  {
    type: 'ms_exchange',
    section: '3.3.21',
    title: 'MS Exchange Data Export',
    fields: [
      ...CUSTOMER_LEVEL, 'username', 'exchange_mailbox_details', 'exchange_mailbox_details.calendar_permissions',
      'calendar_permissions.user', 'calendar_permissions.access_rights', 'exchange_mailbox_details.permissions',
      'permissions.user', 'permissions.access_rights',
    ],
    inTypeList: true,
  },
  {
    type: 'pexip_conference',
    section: '3.3.22',
    title: 'Pexip Data Export',
    fields: [...CUSTOMER_LEVEL, 'name', 'description', 'owner_email', 'type'],
    inTypeList: true,
  },
  {
    type: 'voss_phone_servers',
    section: '3.3.23',
    title: 'VOSS Phone Servers Data Export',
    fields: ['mac', 'phone_vendor', 'phone_model', 'lines', 'lines.name', 'lines.class_of_service'],
    inTypeList: true,
  },
];

const TYPE_BY_NAME: ReadonlyMap<string, ExportTypeInfo> = new Map(EXPORT_TYPES.map((t) => [t.type, t]));

export function exportTypeInfo(type: string): ExportTypeInfo | undefined {
  return TYPE_BY_NAME.get(type);
}

// ---------------------------------------------------------------------------
// File names (guide §3.2.1: `<YYYY-MM-DD_HHMM>_<type>.json.gz`)
// ---------------------------------------------------------------------------

export interface ExportFileName {
  /** `YYYY-MM-DD_HHMM`, as in the name. */
  timestamp: string;
  /** The export type, canonical (lower-case) spelling from EXPORT_TYPES. */
  type: string;
}

const FILE_NAME = /^(\d{4})-(\d{2})-(\d{2})_(\d{2})(\d{2})_([a-z0-9_]+)\.json(?:\.gz)?$/i;

/**
 * Parse an export file name; `undefined` when it is not one. A folder part
 * (`2024-05-07/…`, either slash) is ignored, so the reader can pass paths.
 *
 * Types contain `_` (`ms_o365_sku_service_plans`), so the type is the whole
 * rest of the name after the timestamp and must equal a known type: exact
 * equality is the strictest "longest match" and keeps `ms_o365` from
 * claiming `ms_o365_sku_service_plans`. Case is ignored, as for dump file
 * names (platform-dump.md §1). The timestamp must be a plausible date and
 * time, so a random `1234-99-99_9999_line.json` is not taken for an export.
 */
export function parseExportFileName(name: string): ExportFileName | undefined {
  const base = name.slice(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
  const m = FILE_NAME.exec(base);
  if (!m) return undefined;
  // All six groups are mandatory in FILE_NAME, so a match has them all.
  const [year, month, day, hour, minute, rest] = m.slice(1) as [string, string, string, string, string, string];
  if (!isPlausibleTimestamp(Number(month), Number(day), Number(hour), Number(minute))) return undefined;
  const info = TYPE_BY_NAME.get(rest.toLowerCase());
  if (!info) return undefined;
  return { timestamp: `${year}-${month}-${day}_${hour}${minute}`, type: info.type };
}

function isPlausibleTimestamp(month: number, day: number, hour: number, minute: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= 31 && hour <= 23 && minute <= 59;
}

// ---------------------------------------------------------------------------
// Reading the JSON of one file
// ---------------------------------------------------------------------------

/**
 * What the tolerant read accepts beyond RFC 8259, each for a stated reason.
 * The rule behind the list: a tolerance may drop or re-spell a token whose
 * meaning is unambiguous; it never inserts one. So a missing comma, brace or
 * bracket is an error with its offset (a reader does not guess structure),
 * and everything inside strings is left to the JSON grammar.
 */
export type JsonTolerance = 'byte-order-mark' | 'blank-file' | 'trailing-comma' | 'python-literal' | 'single-object';

export const JSON_TOLERANCE_MESSAGES: Readonly<Record<JsonTolerance, string>> = {
  'byte-order-mark': 'the file starts with a byte order mark, which JSON does not allow; it was ignored',
  // Guide §3.3.8: the FMC file "will be blank" on systems without FMC; §3.2.1 says an empty export is `[]`.
  'blank-file': 'the file is blank; it was read as an empty export (`[]`)',
  // Guide §3.3.15 (second example) and §3.3.9 end a list or object with `,`.
  'trailing-comma': 'a comma before a closing `]` or `}` (not JSON); it was ignored',
  // Guide §3.3.14 (`False`) and §3.3.20 (`True`): Python spellings, consistent enough to be real exporter output.
  'python-literal': 'Python `True`/`False`/`None` outside strings (not JSON); read as true/false/null',
  // Guide §3.3.16 and §3.3.17 show a bare object, not a list: one record, unambiguous.
  'single-object': 'the file holds one object instead of a list (guide §3.2.1: a JSON list); read as a list of one record',
};

export interface ToleranceUse {
  tolerance: JsonTolerance;
  /** How many times it was applied. */
  count: number;
  /** Where it was first applied (1-based line of `text`). */
  line: number;
}

export type ParsedExportJson =
  | {
      ok: true;
      /** The records: always a list (see `single-object`, `blank-file`). */
      value: unknown[];
      /** The tolerances applied, in order of first use; empty for strict JSON. */
      tolerated: JsonTolerance[];
      uses: ToleranceUse[];
    }
  | {
      ok: false;
      error: string;
      /** 0-based offset into `text` (UTF-16 code units) where reading stopped. */
      offset: number;
      /** The same place as a 1-based line and column. */
      line: number;
      column: number;
    };

/**
 * Read one export file's text. Strict `JSON.parse` first (fast, and the only
 * path real RFC 7159 exports take); only when that fails, a tolerant parser
 * that accepts the JsonTolerance cases and otherwise reports the first real
 * error with its offset.
 */
export function parseExportJson(text: string): ParsedExportJson {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const uses = new Uses(text);
  if (start === 1) uses.add('byte-order-mark', 0);
  const body = text.slice(start);
  if (body.trim() === '') {
    uses.add('blank-file', start);
    return uses.result([]);
  }
  try {
    return asRecordList(JSON.parse(body) as unknown, text, start + leadingSpace(body), uses);
  } catch {
    // Not strict JSON (or too deep for the engine): the tolerant parser says which, and where.
  }
  try {
    const parser = new TolerantJsonParser(text, start, uses);
    return asRecordList(parser.document(), text, parser.valueStart, uses);
  } catch (e) {
    if (e instanceof JsonReadError) return failure(text, e.message, e.offset);
    throw e;
  }
}

function asRecordList(value: unknown, text: string, valueOffset: number, uses: Uses): ParsedExportJson {
  if (Array.isArray(value)) return uses.result(value);
  if (isPlainObject(value)) {
    uses.add('single-object', valueOffset);
    return uses.result([value]);
  }
  return failure(text, `the file holds ${describeJsonValue(value)}, not a list of records (guide §3.2.1)`, valueOffset);
}

function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function leadingSpace(s: string): number {
  return s.length - s.trimStart().length;
}

function failure(text: string, error: string, offset: number): ParsedExportJson {
  const { line, column } = lineAndColumn(text, offset);
  return { ok: false, error: `${error} (line ${line}, column ${column})`, offset, line, column };
}

export function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** Collects tolerance uses with their first line. */
class Uses {
  private readonly byTolerance = new Map<JsonTolerance, { count: number; offset: number }>();
  constructor(private readonly text: string) {}

  add(tolerance: JsonTolerance, offset: number): void {
    const use = this.byTolerance.get(tolerance);
    if (use) use.count += 1;
    else this.byTolerance.set(tolerance, { count: 1, offset });
  }

  result(value: unknown[]): ParsedExportJson {
    const uses = [...this.byTolerance].map(([tolerance, u]) => ({ tolerance, count: u.count, line: lineAndColumn(this.text, u.offset).line }));
    return { ok: true, value, tolerated: uses.map((u) => u.tolerance), uses };
  }
}

class JsonReadError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Deeper than any export record; a guard against a hostile `[[[[…` exhausting the stack. */
const MAX_DEPTH = 512;
const PYTHON_LITERALS: Readonly<Record<string, boolean | null>> = { True: true, False: false, None: null };
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;

/**
 * A JSON parser (RFC 8259 grammar) that also accepts the JsonTolerance cases
 * and says precisely where and why it stopped otherwise. Used only after
 * `JSON.parse` has failed, so its speed does not matter.
 */
class TolerantJsonParser {
  private pos: number;
  /** Where the top-level value starts. */
  valueStart = 0;

  constructor(
    private readonly text: string,
    start: number,
    private readonly uses: Uses,
  ) {
    this.pos = start;
  }

  document(): unknown {
    this.skipSpace();
    this.valueStart = this.pos;
    const value = this.value(0);
    this.skipSpace();
    if (this.pos < this.text.length) {
      throw new JsonReadError(
        `unexpected ${this.describeHere()} after the end of the top-level value, which closed at line ${lineAndColumn(this.text, this.pos).line}: a bracket too many, or text out of place`,
        this.pos,
      );
    }
    return value;
  }

  private value(depth: number): unknown {
    if (depth > MAX_DEPTH) throw new JsonReadError(`lists and objects nested deeper than ${MAX_DEPTH} levels`, this.pos);
    const ch = this.text[this.pos];
    if (ch === '{') return this.object(depth);
    if (ch === '[') return this.array(depth);
    if (ch === '"') return this.string();
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) return this.number();
    if (ch !== undefined && /[A-Za-z_]/.test(ch)) return this.word();
    throw new JsonReadError(`unexpected ${this.describeHere()} where a value was expected${hintFor(ch)}`, this.pos);
  }

  private object(depth: number): Record<string, unknown> {
    const open = this.pos++;
    // Entries, then Object.fromEntries: a `__proto__` key stays an ordinary key, as with JSON.parse.
    const entries: Array<[string, unknown]> = [];
    this.skipSpace();
    if (this.text[this.pos] === '}') {
      this.pos += 1;
      return {};
    }
    for (;;) {
      this.skipSpace();
      if (this.text[this.pos] !== '"') throw new JsonReadError(`expected a quoted member name, found ${this.describeHere()}${hintFor(this.text[this.pos])}`, this.pos);
      const key = this.string();
      this.skipSpace();
      if (this.text[this.pos] !== ':') throw new JsonReadError(`expected ':' after the member name "${key}", found ${this.describeHere()}`, this.pos);
      this.pos += 1;
      this.skipSpace();
      entries.push([key, this.value(depth + 1)]);
      if (this.endOfList('}', open)) return Object.fromEntries(entries);
    }
  }

  private array(depth: number): unknown[] {
    const open = this.pos++;
    const items: unknown[] = [];
    this.skipSpace();
    if (this.text[this.pos] === ']') {
      this.pos += 1;
      return items;
    }
    for (;;) {
      this.skipSpace();
      items.push(this.value(depth + 1));
      if (this.endOfList(']', open)) return items;
    }
  }

  /**
   * After a member or element: `,` (then maybe the closer, a tolerated
   * trailing comma) or the closer. True when the list or object has ended.
   */
  private endOfList(closer: ']' | '}', open: number): boolean {
    this.skipSpace();
    const ch = this.text[this.pos];
    if (ch === closer) {
      this.pos += 1;
      return true;
    }
    if (ch === ',') {
      const comma = this.pos++;
      this.skipSpace();
      if (this.text[this.pos] !== closer) return false;
      this.uses.add('trailing-comma', comma);
      this.pos += 1;
      return true;
    }
    throw new JsonReadError(this.badSeparator(closer, open), this.pos);
  }

  private badSeparator(closer: ']' | '}', open: number): string {
    const what = closer === ']' ? 'list' : 'object';
    const opened = lineAndColumn(this.text, open);
    const where = `the ${what} opened at line ${opened.line}, column ${opened.column}`;
    const ch = this.text[this.pos];
    if (ch === undefined) return `the text ends inside ${where}: a closing '${closer}' is missing`;
    if (ch === ']' || ch === '}') return `found '${ch}' where '${closer}' or ',' was expected inside ${where}: the brackets do not match`;
    return `expected ',' or '${closer}' inside ${where}, found ${this.describeHere()}: a comma (or a closing bracket) seems to be missing, and is not guessed`;
  }

  private string(): string {
    const open = this.pos;
    let i = this.pos + 1;
    for (;;) {
      const code = this.text.charCodeAt(i);
      if (Number.isNaN(code)) {
        const at = lineAndColumn(this.text, open);
        throw new JsonReadError(`the text ends inside the string opened at line ${at.line}, column ${at.column}: a closing quote is missing`, i);
      }
      if (code === 0x22) break;
      if (code < 0x20) {
        throw new JsonReadError('a line break or control character inside a quoted string (JSON strings are one line; a value wrapped across lines?)', i);
      }
      i = code === 0x5c ? this.escapeEnd(i) : i + 1;
    }
    this.pos = i + 1;
    return JSON.parse(this.text.slice(open, this.pos)) as string;
  }

  /** The index after the escape sequence starting at the backslash `at`. */
  private escapeEnd(at: number): number {
    const next = this.text[at + 1];
    if (next !== undefined && '"\\/bfnrt'.includes(next)) return at + 2;
    if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(this.text.slice(at + 2, at + 6))) return at + 6;
    throw new JsonReadError(`an invalid escape sequence '\\${next ?? ''}' in a string`, at);
  }

  private number(): number {
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m || m[0] === '-') throw new JsonReadError(`an invalid number starting with ${this.describeHere()}`, this.pos);
    this.pos += m[0].length;
    return Number(m[0]);
  }

  private word(): boolean | null {
    WORD.lastIndex = this.pos;
    const word = WORD.exec(this.text)![0];
    const at = this.pos;
    this.pos += word.length;
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    if (Object.hasOwn(PYTHON_LITERALS, word)) {
      this.uses.add('python-literal', at);
      return PYTHON_LITERALS[word]!;
    }
    throw new JsonReadError(`unexpected word '${word}' where a value was expected (JSON knows true, false and null)`, at);
  }

  private skipSpace(): void {
    for (;;) {
      const ch = this.text[this.pos];
      if (ch !== ' ' && ch !== '\t' && ch !== '\n' && ch !== '\r') return;
      this.pos += 1;
    }
  }

  private describeHere(): string {
    const ch = this.text[this.pos];
    if (ch === undefined) return 'the end of the text';
    // Control characters would not show in a message: name them by code point.
    return ch < ' ' ? `U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}` : `'${ch}'`;
  }
}

/** Why a character is there, when the guide explains it. */
function hintFor(ch: string | undefined): string {
  if (ch === '*') return ' — the guide marks fields new in a version with `*`; such marks are not JSON and must be removed';
  if (ch === "'") return ' — single-quoted text is not JSON';
  return '';
}

// ---------------------------------------------------------------------------
// Mapping one record (platform-dump.md §2)
// ---------------------------------------------------------------------------

/** Add `to` from the first of `from` present in the record (field names matched exactly, then case-insensitively). */
export interface FieldRename {
  to: string;
  from: readonly string[];
}

export interface ExportMapping {
  modelType: string;
  /** For `customer` and `site`: the record is that hierarchy node itself. */
  nodeType?: 'Customer' | 'Site';
  renames: readonly FieldRename[];
}

const rename = (to: string, ...from: string[]): FieldRename => ({ to, from });

/**
 * platform-dump.md §2's table. Where §2 names the target model but no field,
 * the guide's SOURCE FIELD column gives the rename (extension_mobility's
 * `device_type` is `DeviceProfile.product`; voss_phone_servers' `phone_vendor`
 * is `PRS_MultiVendorPhone_DAT.phoneVendor`). Types not listed here become
 * `export/<type>` records (see exportMapping).
 */
export const EXPORT_MAPPINGS: Readonly<Record<string, ExportMapping>> = {
  customer: { modelType: 'data/HierarchyNode', nodeType: 'Customer', renames: [] },
  site: { modelType: 'data/HierarchyNode', nodeType: 'Site', renames: [] },
  // `snr` and `voicemail` are kept as they are: the engine reads them as the SNR and VM services (R21/R22).
  subscriber: { modelType: 'device/cucm/User', renames: [rename('userid', 'username'), rename('mailid', 'email')] },
  // `usernames` is kept: the users whose associatedDevices list the phone (linked by the engine).
  phones: {
    modelType: 'device/cucm/Phone',
    renames: [rename('name', 'device_name'), rename('product', 'device_type'), rename('ownerUserName', 'owner_username')],
  },
  extension_mobility: {
    modelType: 'device/cucm/DeviceProfile',
    renames: [rename('name', 'device_profile_name'), rename('userid', 'username'), rename('product', 'device_type')],
  },
  webex_teams: { modelType: 'device/spark/User', renames: [] },
  contact_center_enterprise: { modelType: 'device/ccdm/Agent', renames: [] },
  contact_center_express: { modelType: 'device/uccx/Agent', renames: [] },
  ms_teams: {
    modelType: 'device/msteamsonline/CsOnlineUser',
    renames: [
      rename('UserPrincipalName', 'ms_teams_username'),
      rename('AccountEnabled', 'account_enabled'),
      rename('EnterpriseVoiceEnabled', 'enterprise_voice'),
      // The table says `feature_types`, the guide's example `feature_type`: accept both, the table's first.
      rename('FeatureTypes', 'feature_types', 'feature_type'),
    ],
  },
  ms_exchange: { modelType: 'device/msexchangeonline/UserMailbox', renames: [rename('UserPrincipalName', 'username')] },
  ms_o365: { modelType: 'device/msgraph/MsolUser', renames: [rename('UserPrincipalName', 'o365_username'), rename('IsLicensed', 'is_licensed')] },
  pexip_conference: { modelType: 'device/pexip/Conference', renames: [rename('primary_owner_email_address', 'owner_email')] },
  voss_phone_servers: {
    modelType: 'data/PRS_MultiVendorPhone_DAT',
    renames: [rename('phoneVendor', 'phone_vendor'), rename('phoneModel', 'phone_model')],
  },
  // Not a model of its own: the engine sets `mvs_hybrid_status` on the data/User named `username`
  // (R75). An export bundle has no data/User records (§3), so the value cannot be merged here;
  // the record carries it to the engine. The export has no `mvs_hybrid_status` column: a user is
  // in this file because it has a hybrid service, whose kind is `service_type` (e.g. `Cisco-MS`),
  // so that is the status — unless a record ever carries `mvs_hybrid_status` itself.
  hybrid: { modelType: 'export/hybrid', renames: [rename('mvs_hybrid_status', 'mvs_hybrid_status', 'service_type')] },
};

/** The mapping for a type: §2's table, else `export/<type>` with the fields as they are. */
export function exportMapping(type: string): ExportMapping {
  return EXPORT_MAPPINGS[type] ?? { modelType: `export/${type}`, renames: [] };
}

/**
 * Types whose guide layout has no `hierarchy` at all, so a record without one
 * is the documented shape rather than a defect: §3.3.19's SKU catalog (neither
 * table nor example has it). Such a record is kept at the empty path ''
 * (no customer), browsable; no rule reads it. For every other type a missing
 * `hierarchy` is an error for that record.
 */
export const HIERARCHY_OPTIONAL: ReadonlySet<string> = new Set(['ms_o365_sku_service_plans']);

/** The per-file INFO the reader adds once for an export file with records (pkids are always derived). */
export const EXPORT_DERIVED_PKID_MESSAGE =
  "export records carry no pkid (platform-dump.md §3): each record's id is derived from its type, path and content " +
  '(customer and site nodes: from their own path) and marked as derived';

export interface ExportElementContext {
  /** The file, relative to the source (for findings and the record). */
  file: string;
  /** 0-based position of the element in the file's list. */
  index: number;
  /** The element's JSON text, kept for the drill-down and hashed for the derived pkid. */
  rawJson: string;
  createHasher: HasherFactory;
}

export interface MappedExportElement {
  records: NormalizedRecord[];
  findings: IngestFinding[];
}

/** Map one element of an export file's list to (at most one) normalized record. */
export function mapExportElement(type: string, value: unknown, ctx: ExportElementContext): MappedExportElement {
  if (!isPlainObject(value)) return skipped(ctx, `${describeElement(value)}, not an object; skipped`);
  const hierarchy = readHierarchy(type, value);
  if (typeof hierarchy === 'object') return skipped(ctx, hierarchy.error);
  const mapping = exportMapping(type);
  return mapping.nodeType
    ? mapNode(type, value, hierarchy, mapping.nodeType, ctx)
    : { records: [buildRecord(type, mapping, value, hierarchy, ctx)], findings: [] };
}

function readHierarchy(type: string, record: Record<string, unknown>): string | { error: string } {
  const raw = fieldValue(record, 'hierarchy');
  if (typeof raw === 'string' && raw.trim() !== '') return raw;
  if (raw !== undefined && typeof raw !== 'string') return { error: `its hierarchy is ${describeElement(raw)}, not a path; skipped` };
  if (HIERARCHY_OPTIONAL.has(type)) return '';
  return { error: "it has no hierarchy; skipped (a record's place is never guessed, platform-dump.md §1)" };
}

function buildRecord(type: string, mapping: ExportMapping, record: Record<string, unknown>, path: string, ctx: ExportElementContext): NormalizedRecord {
  return {
    modelType: mapping.modelType,
    pkid: derivePkid(ctx.createHasher, [type, path, ctx.rawJson]),
    pkidDerived: true,
    path,
    fields: withRenames(record, mapping.renames),
    rawJson: ctx.rawJson,
    file: ctx.file,
    index: ctx.index,
    exportType: type,
  };
}

/**
 * `customer` and `site` records are hierarchy nodes: their `hierarchy` is the
 * node's own path, so the record lives at the parent path and is named by
 * the last segment. The pkid comes from the own path alone, so the same
 * node gets the same id in every bundle (and a node listed twice collides).
 */
function mapNode(type: string, record: Record<string, unknown>, ownPath: string, nodeType: 'Customer' | 'Site', ctx: ExportElementContext): MappedExportElement {
  const cut = ownPath.lastIndexOf('.');
  const name = ownPath.slice(cut + 1);
  if (cut <= 0 || name === '') {
    return skipped(ctx, `its hierarchy "${ownPath}" has no parent and name, so it cannot be a ${nodeType} node's own path; skipped`);
  }
  const findings: IngestFinding[] = [];
  const nameColumn = nodeType === 'Customer' ? 'customer_name' : 'location_name';
  const stated = fieldValue(record, nameColumn);
  if (typeof stated === 'string' && stated !== '' && stated !== name) {
    findings.push(finding('WARN', ctx, `its ${nameColumn} "${stated}" is not the last segment of its hierarchy; the node is named "${name}" after its path, which is what links records to it`));
  }
  const node: NormalizedRecord = {
    modelType: 'data/HierarchyNode',
    pkid: derivePkid(ctx.createHasher, ['data/HierarchyNode', ownPath]),
    pkidDerived: true,
    path: ownPath.slice(0, cut),
    fields: withAdded(record, { name, node_type: nodeType }),
    rawJson: ctx.rawJson,
    file: ctx.file,
    index: ctx.index,
    exportType: type,
  };
  return { records: [node], findings };
}

/** The record's own fields, then each rename's target (never overwriting a field the file had). */
function withRenames(record: Record<string, unknown>, renames: readonly FieldRename[]): Record<string, unknown> {
  const added: Record<string, unknown> = {};
  for (const r of renames) {
    const source = r.from.find((name) => fieldValue(record, name) !== undefined);
    if (source !== undefined) added[r.to] = fieldValue(record, source);
  }
  return withAdded(record, added);
}

/** The originals stay as the file wrote them (the drill-down shows what the file said); a name the file already has is not replaced. */
function withAdded(record: Record<string, unknown>, added: Record<string, unknown>): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...record };
  for (const [key, value] of Object.entries(added)) {
    if (!Object.hasOwn(fields, key)) fields[key] = value;
  }
  return fields;
}

/** A field by name: exactly, then case-insensitively (platform-dump.md §1). */
function fieldValue(record: Record<string, unknown>, name: string): unknown {
  if (Object.hasOwn(record, name)) return record[name];
  const lower = name.toLowerCase();
  const key = Object.keys(record).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : record[key];
}

const encoder = new TextEncoder();

/** sha256 of the parts joined by NUL (which JSON text and paths do not contain raw), first 24 hex digits. */
export function derivePkid(createHasher: HasherFactory, parts: readonly string[]): string {
  const hasher = createHasher('sha256');
  hasher.update(encoder.encode(parts.join('\u0000')));
  return hasher.digestHex().slice(0, 24);
}

function skipped(ctx: ExportElementContext, why: string): MappedExportElement {
  return { records: [], findings: [finding('ERROR', ctx, `record ${ctx.index + 1}: ${why}`)] };
}

function finding(severity: IngestFinding['severity'], ctx: ExportElementContext, message: string): IngestFinding {
  const location = `record ${ctx.index + 1}`;
  return { severity, file: ctx.file, location, message: message.startsWith(location) ? message : `${location}: ${message}` };
}

function describeElement(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'string' ? 'a string' : `a ${typeof value}`;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
