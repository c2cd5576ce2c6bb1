import { LAYOUT_IDS } from '../../../src-shared/audit/anonymize';
import { anonymizeFile } from '../../services/anonymize-service';
import { InputError } from '../../services/input-files';
import { oneOf, parseCommandArgs, stringOption } from '../args';
import type { Command } from '../command';
import { EXIT, UsageError } from '../usage';
import { formatVerifyReport } from './verify';

export const anonymizeCommand: Command = {
  name: 'anonymize',
  summary: 'write the license ZIP (anonymous CSV + .hash files) from a detailed CSV',
  help: `Usage: vlf-desk anonymize DETAILED_CSV --out-dir DIR [--layout legacy|v5|19.3] [--host NAME] [--json]

Writes the license ZIP the platform would have produced from a detailed audit
CSV (or a v5 license_detailed ZIP): the anonymous CSV (the detailed one less
Provider, Reseller and Customer), breakdown, patch and adaptation_log when a
license ZIP of the same audit lies beside the input, and a SHA-256 .hash for
each file. For v5 the license_detailed ZIP is written too. The same input
always gives byte-identical ZIPs, and every ZIP is verified after writing.

  --out-dir DIR   folder to write into (created if missing)
  --layout L      legacy (4.1.5), v5 (5.x) or 19.3 (3.x–4.1); default from #Audit Version
  --host NAME     host name for the file names and #hostname (default: #hostname)
  --json          print {"layout", "written", "copied", "verification"} as JSON

Exit status: 0 when written and verified, 1 if the written ZIP does not pass
verification, 2 on bad usage or input that cannot be anonymized.`,
  async run(argv, io) {
    const args = parseCommandArgs('anonymize', argv, {
      'out-dir': { type: 'string' },
      layout: { type: 'string' },
      host: { type: 'string' },
      json: { type: 'boolean' },
    });
    if (args.values.help) {
      io.stdout.write(`${this.help}\n`);
      return EXIT.OK;
    }
    if (args.positionals.length !== 1) {
      throw new UsageError('anonymize: name exactly one detailed CSV (see vlf-desk anonymize --help)');
    }
    const outDir = stringOption(args, 'out-dir');
    if (!outDir) throw new UsageError('anonymize: --out-dir DIR is required');
    const layout = oneOf('anonymize', 'layout', stringOption(args, 'layout'), LAYOUT_IDS);
    let result;
    try {
      result = await anonymizeFile(args.positionals[0]!, { outDir, layout, host: stringOption(args, 'host') });
    } catch (e) {
      if (e instanceof InputError) throw new UsageError(`anonymize: ${e.message}`);
      throw e;
    }
    const failed = result.verification.summary.FAIL + result.verification.summary.WARN > 0;
    if (args.values.json) {
      io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    } else {
      for (const w of result.written) io.stdout.write(`wrote ${w}\n`);
      if (result.copied.length) io.stdout.write(`copied ${result.copied.join(', ')} from ${result.supportSource}\n`);
      io.stdout.write(formatVerifyReport(result.verification, { verbose: false }));
    }
    return failed ? EXIT.NEGATIVE : EXIT.OK;
  },
};
