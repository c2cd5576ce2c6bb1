/** `vlf-desk explain` (cli.md): every record counted in one cell, with the rule that counted it (R91). */
import { LEGACY_COUNT_COLUMNS, SUMMARY_COUNT_COLUMNS } from '../../../src-shared/audit/columns';
import { writeAuditCsv } from '../../../src-shared/audit/csv';
import { parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage';
import { countForCli, countInput, findRow, SOURCE_HELP, SOURCE_OPTIONS } from './counted-source';

const COLUMNS: readonly string[] = [...new Set<string>([...LEGACY_COUNT_COLUMNS, ...SUMMARY_COUNT_COLUMNS])];

export const explainCommand: Command = {
  name: 'explain',
  summary: 'list every record counted in one cell, with the rule that counted it',
  help: `Usage: vlf-desk explain SOURCE --customer PKID_OR_NAME --column NAME [--json]

Lists the records behind one count: model type, pkid, name, rule, weight.
NAME is a legacy or v5 column name, exactly or ignoring case.

${SOURCE_HELP}
  --customer X      the row: a Customer PKID or name (a provider name for its provider row)
  --column NAME     the column
  --json            print {"customer", "column", "value", "records": [...]} instead of CSV`,
  async run(argv, io) {
    const args = parseCommandArgs('explain', argv, { ...SOURCE_OPTIONS, customer: { type: 'string' }, column: { type: 'string' }, json: { type: 'boolean' } });
    if (args.values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.OK;
    }
    const [source, ...extra] = args.positionals;
    if (!source || extra.length) throw new UsageError('explain: name exactly one SOURCE (see vlf-desk explain --help)');
    const customer = stringOption(args, 'customer');
    const wanted = stringOption(args, 'column');
    if (customer === undefined || wanted === undefined) throw new UsageError('explain: give both --customer and --column');
    const column = COLUMNS.find((c) => c === wanted) ?? COLUMNS.find((c) => c.toLowerCase() === wanted.trim().toLowerCase());
    if (!column) throw new UsageError(`explain: no column is named "${wanted}"; columns are: ${COLUMNS.join('; ')}`);
    const counted = await countForCli('explain', io, countInput('explain', args, source));
    const rowKey = findRow('explain', counted, customer);
    const records = counted.explain(rowKey, column);
    const row = counted.summary.rows.find((r) => r.key === rowKey)!;
    const value = column in row.legacy ? row.legacy[column as keyof typeof row.legacy] : row.summary[column as keyof typeof row.summary];
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify({ customer: row.customerPkid || row.provider, column, value, records })}\n`);
    } else {
      io.stdout.write(
        writeAuditCsv({
          metadata: [],
          header: ['Model Type', 'PKID', 'Name', 'Rule', 'Weight'],
          rows: records.map((r) => [r.modelType, r.pkid, r.label, r.rule, String(r.weight)]),
        }),
      );
      io.stderr.write(`${row.customer || row.provider || '(no provider)'} · ${column} = ${value === null ? 'not available from this source' : value} (${records.length} records)\n`);
    }
    return EXIT.OK;
  },
};
