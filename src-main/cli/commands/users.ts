/** `vlf-desk users` (cli.md): one CSV row per VOSS user, with status, columns, linked services and rules. */
import type { UserQuery } from '../../../src-shared/engine/types';
import { writeFileAtomic } from '../../services/atomic-write';
import { oneOf, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage';
import { countForCli, countInput, findRow, SOURCE_HELP, SOURCE_OPTIONS } from './counted-source';

export const usersCommand: Command = {
  name: 'users',
  summary: 'list every VOSS user with its license status, columns, linked services and rules',
  help: `Usage: vlf-desk users SOURCE [--customer PKID_OR_NAME] [--status licensed|unlicensed] [--out FILE] [--json]

One CSV row per VOSS user: Customer PKID, Username, Email, Status, Licenses,
Legacy Column, Linked Services, Rules (the rules that licensed the user, R81).

${SOURCE_HELP}
  --customer X      only the users of that customer (Customer PKID or name; a provider name for its provider row)
  --status S        licensed or unlicensed
  --out FILE        write there instead of stdout
  --json            print {"users": [...]} instead of CSV

Exit status: 0 listed, 1 listed but the source was incomplete, 2 bad usage or unreadable input.`,
  async run(argv, io) {
    const args = parseCommandArgs('users', argv, { ...SOURCE_OPTIONS, customer: { type: 'string' }, status: { type: 'string' }, out: { type: 'string' }, json: { type: 'boolean' } });
    if (args.values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.OK;
    }
    const [source, ...extra] = args.positionals;
    if (!source || extra.length) throw new UsageError('users: name exactly one SOURCE (see vlf-desk users --help)');
    const status = oneOf('users', 'status', stringOption(args, 'status'), ['licensed', 'unlicensed'] as const);
    const counted = await countForCli('users', io, countInput('users', args, source));
    const query: UserQuery = {};
    const customer = stringOption(args, 'customer');
    if (customer !== undefined) query.rowKey = findRow('users', counted, customer);
    if (status) query.status = status === 'licensed' ? 'Licensed' : 'Unlicensed';
    const text = args.values.json ? `${JSON.stringify({ users: counted.users(query).users })}\n` : counted.usersCsv(query);
    const out = stringOption(args, 'out');
    if (out) await writeFileAtomic(out, text);
    else io.stdout.write(text);
    return counted.summary.complete ? EXIT.OK : EXIT.NEGATIVE;
  },
};
