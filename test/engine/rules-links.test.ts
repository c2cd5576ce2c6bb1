/** counting-rules.md §6 VOSS user links (R60–R69), R6A one owner per record, R112 links are OR-ed, R7 within the row. */
import { describe, expect, it } from 'vitest';
import type { LinkedService } from '../../src-shared/engine/types';
import { DumpBuilder, type Fields, userOf } from './support/dump-builder';

interface LinkCase {
  rule: string;
  modelType: string;
  record: Fields;
  /** VOSS user fields that each link the record on their own. */
  links: Fields[];
  /** VOSS user fields that do not. */
  noLink: Fields[];
}

const CASES: LinkCase[] = [
  {
    rule: 'R60',
    modelType: 'device/uccx/Agent',
    record: { userID: 'Agent7' },
    links: [{ username_uccx: ' agent7 ' }, { username: 'AGENT7' }],
    noLink: [{ email: 'agent7' }, { username_cucm: 'agent7' }],
  },
  {
    rule: 'R61',
    modelType: 'device/cucm/User',
    record: { userid: 'jdoe', mailid: 'john.doe@example.com' },
    links: [{ username_cucm: 'JDOE' }, { username: 'jdoe' }, { email: 'John.Doe@example.com' }],
    noLink: [{ email: 'jdoe' }, { username_cuc: 'jdoe' }, { username: 'john.doe@example.com' }],
  },
  {
    rule: 'R62',
    modelType: 'device/cuc/User',
    record: { Alias: 'jdoe' },
    links: [{ username_cuc: 'jdoe' }, { username: 'JDoe' }],
    noLink: [{ email: 'jdoe' }, { username_cucm: 'jdoe' }],
  },
  {
    rule: 'R63',
    modelType: 'device/spark/User',
    record: { email: 'j@example.com' },
    links: [{ username_webex_teams: 'J@example.com' }, { email: 'j@example.com ' }],
    noLink: [{ username: 'j@example.com' }, { username_ms_teams: 'j@example.com' }],
  },
  {
    rule: 'R64',
    modelType: 'device/msteamsonline/CsOnlineUser',
    record: { UserPrincipalName: 'j@example.com' },
    links: [{ username_ms_teams: 'j@example.com' }, { email: 'J@EXAMPLE.COM' }],
    noLink: [{ username: 'j@example.com' }, { username_ms_365: 'j@example.com' }],
  },
  {
    rule: 'R65',
    modelType: 'device/msexchangeonline/UserMailbox',
    record: { UserPrincipalName: 'j@example.com' },
    links: [{ username_ms_365: 'j@example.com' }, { email: 'j@example.com' }],
    noLink: [{ username: 'j@example.com' }, { username_ms_teams: 'j@example.com' }],
  },
  {
    rule: 'R66',
    modelType: 'device/pexip/Conference',
    record: { name: 'VMR1', primary_owner_email_address: 'j@example.com' },
    links: [{ email: 'j@example.com' }],
    noLink: [{ username: 'j@example.com' }, { username_ms_365: 'j@example.com' }],
  },
  ...['device/msgraph/MsolUser', 'device/azureadonline/MsolUser', 'device/msonline/MsolUser'].map(
    (modelType): LinkCase => ({
      rule: 'R67',
      modelType,
      record: { UserPrincipalName: 'j@example.com', IsLicensed: true },
      links: [{ username_ms_365: 'j@example.com' }, { email: 'j@example.com' }],
      noLink: [{ username: 'j@example.com' }, { username_ms_teams: 'j@example.com' }],
    }),
  ),
  {
    rule: 'R68',
    modelType: 'device/webex/User',
    record: { username: 'jdoe', email: 'j@example.com' },
    links: [{ username: 'JDOE' }, { email: 'j@example.com' }],
    noLink: [{ username_webex_teams: 'j@example.com' }, { email: 'jdoe' }],
  },
  {
    rule: 'R69',
    modelType: 'device/ccdm/Agent',
    record: { Name: 'jdoe' },
    links: [{ username: 'jdoe' }],
    noLink: [{ username_uccx: 'jdoe' }, { email: 'jdoe' }],
  },
];

/** The services linked to the one VOSS user `voss` when it and one record of `c` sit in C1. */
function linked(c: LinkCase, user: Fields, recordCustomer = 'C1'): LinkedService[] {
  const b = new DumpBuilder();
  const one = b.tenant('C1');
  const two = b.tenant('C2');
  b.vossUser(one.site, 'voss', { email: 'voss@example.com', ...user });
  b.record(c.modelType, recordCustomer === 'C1' ? one.customer : two.customer, c.record);
  const users = b.count().users({}).users;
  expect(users).toHaveLength(1);
  return users[0]!.linkedServices;
}

describe('link rules (R60–R69)', () => {
  it.each(CASES)('$rule $modelType: each link test links on its own; the other fields do not', (c) => {
    for (const user of c.links) {
      const services = linked(c, user);
      expect(services.map((s) => [s.modelType, s.rule]), JSON.stringify(user)).toEqual([[c.modelType, c.rule]]);
    }
    for (const user of c.noLink) expect(linked(c, user), JSON.stringify(user)).toEqual([]);
  });

  it.each(CASES)('R7 $rule: a record of another customer never links, whatever matches', (c) => {
    for (const user of c.links) expect(linked(c, user, 'C2')).toEqual([]);
  });

  it('R8 blank keys never link: a blank email does not link to a blank mailid or UserPrincipalName', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'alice', { email: '  ' });
    b.ucmUser(customer, 'x1', { mailid: '' });
    b.record('device/msexchangeonline/UserMailbox', customer, { UserPrincipalName: ' ' });
    b.record('device/pexip/Conference', customer, { name: 'VMR' });
    expect(userOf(b.count(), 'alice').linkedServices).toEqual([]);
  });
});

describe('R6A one owner per service record', () => {
  const build = (users: Array<[string, Fields]>) => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    for (const [name, fields] of users) b.vossUser(customer, name, fields);
    b.ucmUser(customer, 'jdoe', { mailid: 'shared@example.com' });
    const e = b.count();
    return users.map(([name]) => userOf(e, name).linkedServices.length);
  };

  it('R6A the strongest link wins: username_X over equal user id over equal e-mail', () => {
    const explicit: [string, Fields] = ['zed', { username_cucm: 'jdoe' }];
    const byId: [string, Fields] = ['jdoe', {}];
    const byMail: [string, Fields] = ['aaron', { email: 'shared@example.com' }];
    expect(build([explicit, byId, byMail])).toEqual([1, 0, 0]);
    expect(build([byId, byMail])).toEqual([1, 0]);
    expect(build([byMail])).toEqual([1]);
  });

  it('R6A/R104 among equal links the user whose username sorts first (R8 key, then raw, then pkid) gets the record, the other none', () => {
    expect(build([['bob', { email: 'shared@example.com' }], ['Alice', { email: 'shared@example.com' }]])).toEqual([0, 1]);
    expect(build([['alice', { email: 'shared@example.com' }], ['Alice', { email: 'Shared@example.com' }]])).toEqual([0, 1]); // 'Alice' < 'alice' raw
  });

  it('R6A a shared mailbox licenses one user only', () => {
    const b = new DumpBuilder();
    const { customer } = b.tenant();
    b.vossUser(customer, 'a', { email: 'box@example.com' });
    b.vossUser(customer, 'b', { email: 'box@example.com' });
    b.record('device/msexchangeonline/UserMailbox', customer, { UserPrincipalName: 'box@example.com' });
    const e = b.count();
    expect([userOf(e, 'a').status, userOf(e, 'b').status]).toEqual(['Licensed', 'Unlicensed']);
  });
});

describe('R112 links are OR-ed', () => {
  it('R112 a populated username_X does not stop the other tests: the user keeps the record its username names; without it only the explicit one', () => {
    const build = (withSecond: boolean) => {
      const b = new DumpBuilder();
      const { customer } = b.tenant();
      b.vossUser(customer, 'jdoe', { username_cucm: 'john', email: 'jd@example.com' });
      b.ucmUser(customer, 'john');
      if (withSecond) b.ucmUser(customer, 'JDoe');
      b.ucmUser(customer, 'unrelated', { mailid: 'someone@example.com' });
      return userOf(b.count(), 'jdoe').linkedServices.map((s) => s.key);
    };
    expect(build(true)).toEqual(['jdoe', 'john']);
    expect(build(false)).toEqual(['john']);
  });
});
