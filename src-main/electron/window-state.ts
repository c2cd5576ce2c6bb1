/** The window's size, place and maximized state, remembered between runs (`window-state.json` in userData). */
import { readJson, writeJsonSync } from './json-store';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  width: number;
  height: number;
  x?: number;
  y?: number;
  maximized: boolean;
}

export const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 820, maximized: false };
const MIN = { width: 800, height: 560 };

function parse(v: unknown): WindowState | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const o = v as Record<string, unknown>;
  const n = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) ? Math.round(x) : undefined);
  const width = n(o.width);
  const height = n(o.height);
  if (width === undefined || height === undefined) return undefined;
  const state: WindowState = { width: Math.max(MIN.width, width), height: Math.max(MIN.height, height), maximized: o.maximized === true };
  const x = n(o.x);
  const y = n(o.y);
  if (x !== undefined && y !== undefined) Object.assign(state, { x, y });
  return state;
}

/**
 * The saved state, with its position dropped when no display shows at least
 * 100×50 px of its title area (a monitor was unplugged): the OS then centres it.
 */
export function loadWindowState(file: string, workAreas: readonly Rect[]): WindowState {
  const state = readJson(file, parse, DEFAULT_WINDOW_STATE);
  if (state.x === undefined || state.y === undefined) return state;
  const { x, y } = state;
  const visible = workAreas.some((a) => x + 100 > a.x && x < a.x + a.width - 100 && y >= a.y - 10 && y < a.y + a.height - 50);
  if (visible) return state;
  const { x: _x, y: _y, ...rest } = state;
  return rest;
}

export function saveWindowState(file: string, bounds: Rect, maximized: boolean): void {
  writeJsonSync(file, { ...bounds, maximized });
}
