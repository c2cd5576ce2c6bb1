/**
 * V16 (INFO): compare with the previous audit of the same Platform ID in the
 * library. It needs the audit library (issue "Ingest … into a local audit
 * library"), which does not exist yet; until then `verify` states that V16
 * was not run rather than pretending it passed.
 */
export const V16_STATUS = {
  implemented: false,
  reason: 'V16 (comparison with the previous audit) needs the audit library, which is not available yet',
} as const;
