/** The keyboard shortcuts, in one list the help overlay shows and the README repeats. */
import type { ViewName } from '../stores/nav';

export interface Shortcut {
  keys: string;
  does: string;
}

/** Alt+digit goes to a view, in the order of the left navigation. */
export const VIEW_ORDER: readonly ViewName[] = ['home', 'verify', 'counts', 'customer', 'users', 'explain', 'compare', 'anonymize'];

export const SHORTCUTS: readonly Shortcut[] = [
  { keys: '?', does: 'Show or hide this help' },
  { keys: 'Alt+1 … Alt+8', does: 'Go to Library, Verify, Counts, Customer, Users, Explain, Compare, Anonymize' },
  { keys: 'Alt+←', does: 'Back to the previous screen' },
  { keys: '/ or Ctrl+F', does: 'Focus the filter or search box of the screen' },
  { keys: 'Ctrl+O', does: 'Choose audit files to verify' },
  { keys: 'Ctrl+E', does: 'Export what is on screen (findings, counts, users)' },
  { keys: 'Esc', does: 'Close this help; leave a search box' },
  { keys: 'Tab / Shift+Tab', does: 'Move between controls and tables' },
  { keys: '↑ ↓ ← →', does: 'Move the active cell in a table' },
  { keys: 'PageUp / PageDown', does: 'Move a page in a table' },
  { keys: 'Home / End', does: 'First / last column (with Ctrl: first / last row)' },
  { keys: 'Enter', does: 'Open the active cell: a file’s findings, a customer, the records behind a count' },
];
