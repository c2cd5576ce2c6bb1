/** What a file is, told from its first bytes rather than its name (cli.md: detection by content). */
export type ContentKind = 'zip' | 'json' | 'csv';

export function sniffContent(bytes: Uint8Array): ContentKind {
  // Local file header, or the end-of-central-directory record of an empty ZIP.
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05)) return 'zip';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  if (bytes[i] === 0x7b || bytes[i] === 0x5b) return 'json';
  return 'csv';
}
