/** `vlf-desk count` (cli.md): run the counting engine and write the audit CSV. */
import type { AuditView } from '../../../src-shared/audit/columns';
import type { CountFormat } from '../../../src-shared/engine/types';
import { writeFileAtomic } from '../../services/atomic-write';
import { oneOf, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage';
import { countForCli, countInput, SOURCE_HELP, SOURCE_OPTIONS } from './counted-source';

export const countCommand: Command = {
  name: 'count',
  summary: 'run the counting engine on a source and write the audit CSV',
  help: `Usage: vlf-desk count SOURCE [--format legacy|v5] [--view detailed|anonymous] [--from-hierarchy PKID_OR_PATH] [--meta KEY=VALUE]… [--out FILE] [--json]

Counts the licenses of SOURCE (counting-rules.md) and writes the audit CSV:
the same input always gives the same bytes.

${SOURCE_HELP}
  --format F        legacy (4.x, 35 count columns; default) or v5 (summary counts)
  --view V          detailed (with Provider, Reseller, Customer; default) or anonymous
  --from-hierarchy  count only the rows in that node's subtree (R5): a pkid or a path
  --meta KEY=VALUE  set a #Key=Value line (repeatable); Date Time defaults to the dump's time
  --out FILE        write there instead of stdout
  --json            print the count rows, unavailable columns and notes as JSON instead

Warnings (dangling names, unreadable files) go to stderr.
Exit status: 0 counted, 1 counted but the source was incomplete, 2 bad usage or unreadable input.`,
  async run(argv, io) {
    const args = parseCommandArgs('count', argv, {
      ...SOURCE_OPTIONS,
      format: { type: 'string' },
      view: { type: 'string' },
      'from-hierarchy': { type: 'string' },
      meta: { type: 'string', multiple: true },
      out: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (args.values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.OK;
    }
    const [source, ...extra] = args.positionals;
    if (!source || extra.length) throw new UsageError('count: name exactly one SOURCE (see vlf-desk count --help)');
    const format: CountFormat = oneOf('count', 'format', stringOption(args, 'format'), ['legacy', 'v5'] as const) ?? 'legacy';
    const view: AuditView = oneOf('count', 'view', stringOption(args, 'view'), ['detailed', 'anonymous'] as const) ?? 'detailed';
    const meta = parseMeta(args.values.meta);
    const from = stringOption(args, 'from-hierarchy');
    const counted = await countForCli('count', io, countInput('count', args, source), from === undefined ? {} : { fromHierarchy: from });
    const summary = counted.summary;
    const text = args.values.json
      ? `${JSON.stringify({ rows: summary.rows, unavailable: summary.unavailable, notes: summary.notes, complete: summary.complete, findings: summary.sourceFindings })}\n`
      : counted.csv(format, view, meta);
    const out = stringOption(args, 'out');
    if (out) await writeFileAtomic(out, text);
    else io.stdout.write(text);
    return summary.complete ? EXIT.OK : EXIT.NEGATIVE;
  },
};

function parseMeta(values: string | boolean | string[] | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of Array.isArray(values) ? values : []) {
    const cut = item.indexOf('=');
    if (cut <= 0) throw new UsageError(`count: --meta takes KEY=VALUE, not "${item}"`);
    out[item.slice(0, cut)] = item.slice(cut + 1);
  }
  return out;
}
