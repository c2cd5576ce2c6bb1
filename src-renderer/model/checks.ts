/** Plain-language titles of checks V1–V17 (audit-files.md §5), for group headings in the Verify view. */
import type { CheckId } from '../../src-shared/verify/findings';

export const CHECK_TITLES: Readonly<Record<CheckId, string>> = {
  V1: 'File name',
  V2: 'ZIP safety',
  V3: 'Required members',
  V4: 'Every file has its hash',
  V5: 'Hashes match the files',
  V6: 'Unexpected members',
  V7: 'Timestamps agree',
  V8: 'Metadata lines',
  V9: 'Column header',
  V10: 'Fields per row',
  V11: 'Cell values',
  V12: 'Customer PKIDs',
  V13: 'Inner sums',
  V14: 'No names in anonymous files (privacy)',
  V15: 'Detailed and anonymous agree',
  V16: 'Compared with the previous audit',
  V17: 'Text encoding (UTF-8)',
};
