/** Every failed call lands here (api/client.ts); the tray in the corner lists them until dismissed. */
import { create } from 'zustand';
import type { ApiErrorCode } from '../../src-shared/api/contract';

export interface Notification {
  id: number;
  level: 'error' | 'warning' | 'info';
  /** The action that failed ("Verify"), or a short title. */
  title: string;
  /** The user-facing message from main (what happened, what to do). */
  message: string;
  code?: ApiErrorCode;
  at: number;
}

interface NotificationsState {
  items: Notification[];
  push(n: Omit<Notification, 'id' | 'at'>): void;
  dismiss(id: number): void;
  clear(): void;
}

let nextId = 1;
/** Older notifications are dropped past this many: the tray is a recent-history view, not a log. */
const KEEP = 50;

export const useNotifications = create<NotificationsState>()((set) => ({
  items: [],
  push: (n) => set((s) => ({ items: [{ ...n, id: nextId++, at: Date.now() }, ...s.items].slice(0, KEEP) })),
  dismiss: (id) => set((s) => ({ items: s.items.filter((i) => i.id !== id) })),
  clear: () => set({ items: [] }),
}));
