/**
 * Where the user is: the view and what it shows. Routes are data (a drill
 * filter, a file, a row key), so Back works and a test can set a route directly.
 */
import { create } from 'zustand';
import type { DrillFilter } from '../model/drill';

export type ViewName = 'home' | 'verify' | 'counts' | 'customer' | 'users' | 'explain' | 'compare' | 'anonymize';

export interface Route {
  view: ViewName;
  /** Customer: the count row; Users / Explain: the drill filter. */
  rowKey?: string;
  drill?: DrillFilter;
}

interface NavState {
  route: Route;
  history: Route[];
  go(route: Route): void;
  back(): void;
}

export const VIEW_TITLES: Readonly<Record<ViewName, string>> = {
  home: 'Library',
  verify: 'Verify',
  counts: 'Counts',
  customer: 'Customer',
  users: 'Users',
  explain: 'Explain',
  compare: 'Compare',
  anonymize: 'Anonymize',
};

export const useNav = create<NavState>()((set) => ({
  route: { view: 'home' },
  history: [],
  go: (route) => set((s) => ({ route, history: [...s.history, s.route].slice(-50) })),
  back: () =>
    set((s) => {
      const previous = s.history[s.history.length - 1];
      return previous ? { route: previous, history: s.history.slice(0, -1) } : s;
    }),
}));
