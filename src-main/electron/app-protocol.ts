/**
 * `app://bundle/<path>` → a file of the built renderer. Serving our own
 * scheme (instead of file://) gives the page a real origin for the CSP and
 * module scripts, and confines it to one folder: `..` and encoded escapes
 * cannot leave it.
 */
import { extname, join, normalize, relative, sep } from 'node:path';
import { APP_ORIGIN } from './security';

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
  '.map': 'application/json',
};

export function mimeType(file: string): string {
  return MIME[extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** The file under `root` a request URL names, or null when it is not ours or escapes `root`. */
export function resolveAppUrl(url: string, root: string): string | null {
  if (!url.startsWith(`${APP_ORIGIN}/`)) return null;
  let pathname: string;
  try {
    pathname = decodeURIComponent(new URL(url).pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const file = normalize(join(root, pathname === '/' ? 'index.html' : pathname));
  const rel = relative(root, file);
  if (rel === '' || rel.startsWith('..') || rel.split(sep).includes('..')) return null;
  return file;
}
