/**
 * jsdom has no layout: elements measure 0×0, so the virtualizer would render
 * no rows. Give elements a screen-sized client box and a no-op ResizeObserver
 * (recharts' ResponsiveContainer and the virtualizer both ask for one).
 */
import { cleanup } from '@testing-library/react';
import { afterEach } from 'vitest';

Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });

class NoResizeObserver {
  observe(): void {}
  unobserve(): void {}
  disconnect(): void {}
}
globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;

afterEach(() => cleanup());
