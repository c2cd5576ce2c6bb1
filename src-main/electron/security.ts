/**
 * The window's security settings in one place (lesson 9), so a test pins
 * them: isolated, sandboxed renderer without Node; a strict CSP; only the
 * app's own origin may load or navigate.
 */
import type { WebPreferences } from 'electron';

/** The app's own scheme: the renderer is served from `app://bundle/`. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://bundle`;
export const APP_ENTRY = `${APP_ORIGIN}/index.html`;

/**
 * 'self' only: no remote scripts, styles, fonts, frames or connections.
 * Inline styles are allowed because React and recharts set `style` attributes;
 * inline scripts are not.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "frame-src 'none'",
  "worker-src 'self' blob:",
].join('; ');

export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  };
}

/** Requests the session lets through: the app's own files and DevTools; everything else (http, file, ws…) is cancelled. */
export function isAllowedRequest(url: string): boolean {
  return url.startsWith(`${APP_ORIGIN}/`) || url.startsWith('devtools://') || url.startsWith('data:') || url.startsWith('blob:app://');
}

/** The renderer is one page: every navigation (a link, a dropped file, location.href = …) is refused. */
export function isAllowedNavigation(_url: string): boolean {
  return false;
}

/** IPC is answered only for frames of the app's own origin. */
export function isTrustedSender(frameUrl: string | undefined): boolean {
  return typeof frameUrl === 'string' && frameUrl.startsWith(`${APP_ORIGIN}/`);
}
