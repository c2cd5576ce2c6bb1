/**
 * Window-wide UI requests that come from shortcuts and the menu: the help
 * overlay, "find" (focus the view's filter), "export what is on screen".
 * A counter, not a flag, so the same request twice is seen twice.
 */
import { create } from 'zustand';

interface UiState {
  helpOpen: boolean;
  filterRequest: number;
  exportRequest: number;
  setHelpOpen(open: boolean): void;
  focusFilter(): void;
  requestExport(): void;
}

export const useUi = create<UiState>()((set) => ({
  helpOpen: false,
  filterRequest: 0,
  exportRequest: 0,
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  focusFilter: () => set((s) => ({ filterRequest: s.filterRequest + 1 })),
  requestExport: () => set((s) => ({ exportRequest: s.exportRequest + 1 })),
}));
