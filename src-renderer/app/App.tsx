/**
 * The window: left navigation, a header naming the open source, the running
 * jobs' bars, the current view, the notifications tray and the help overlay.
 * Window-wide shortcuts live here; table keys live in the table.
 */
import { type ReactElement, useEffect } from 'react';
import { useApiEvents } from '../api/use-api-events';
import { HelpOverlay } from '../components/HelpOverlay';
import { JobsPanel } from '../components/JobsPanel';
import { Notifications } from '../components/Notifications';
import { VIEW_ORDER } from '../model/shortcuts';
import { useCount } from '../stores/count';
import { useLibrary } from '../stores/library';
import { useNav, VIEW_TITLES, type ViewName } from '../stores/nav';
import { useNotifications } from '../stores/notifications';
import { useUi } from '../stores/ui';
import { AnonymizeView } from '../views/AnonymizeView';
import { CompareView } from '../views/CompareView';
import { CountsView } from '../views/CountsView';
import { CustomerView } from '../views/CustomerView';
import { ExplainView } from '../views/ExplainView';
import { HomeView } from '../views/HomeView';
import { UsersView } from '../views/UsersView';
import { chooseFilesToVerify, VerifyView } from '../views/VerifyView';

const VIEWS: Record<ViewName, () => ReactElement> = {
  home: HomeView,
  verify: VerifyView,
  counts: CountsView,
  customer: CustomerView,
  users: UsersView,
  explain: ExplainView,
  compare: CompareView,
  anonymize: AnonymizeView,
};

function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** Window-wide keys; returns true when the key was one of ours. */
export function handleShortcut(e: KeyboardEvent): boolean {
  const ui = useUi.getState();
  const nav = useNav.getState();
  if (e.key === 'Escape' && ui.helpOpen) {
    ui.setHelpOpen(false);
    return true;
  }
  if (e.altKey && /^Digit[1-8]$/.test(e.code)) {
    const view = VIEW_ORDER[Number(e.code.slice(5)) - 1];
    if (view) nav.go({ view });
    return true;
  }
  if (e.altKey && e.key === 'ArrowLeft') {
    nav.back();
    return true;
  }
  const mod = e.ctrlKey || e.metaKey;
  if (mod && e.key.toLowerCase() === 'f') {
    ui.focusFilter();
    return true;
  }
  if (mod && e.key.toLowerCase() === 'o') {
    nav.go({ view: 'verify' });
    void chooseFilesToVerify();
    return true;
  }
  if (mod && e.key.toLowerCase() === 'e') {
    ui.requestExport();
    return true;
  }
  if (isTyping(e.target) || mod || e.altKey) return false;
  if (e.key === '?') {
    ui.setHelpOpen(!ui.helpOpen);
    return true;
  }
  if (e.key === '/') {
    ui.focusFilter();
    return true;
  }
  return false;
}

export function App() {
  useApiEvents();
  const route = useNav((s) => s.route);
  const go = useNav((s) => s.go);
  const helpOpen = useUi((s) => s.helpOpen);
  const setHelpOpen = useUi((s) => s.setHelpOpen);
  const loaded = useLibrary((s) => s.loaded);
  const countLabel = useCount((s) => s.label);
  const countOrigin = useCount((s) => s.origin);
  const noteCount = useNotifications((s) => s.items.length);

  useEffect(() => {
    void useLibrary.getState().init();
  }, []);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (handleShortcut(e)) e.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const View = VIEWS[route.view];
  return (
    <div className="app" data-testid="app" data-loaded={loaded ? 'true' : 'false'} data-view={route.view}>
      <nav className="nav" aria-label="Views">
        <div className="brand">VLF Audit Desk</div>
        <ul>
          {VIEW_ORDER.map((view, i) => (
            <li key={view}>
              <button type="button" aria-current={route.view === view ? 'page' : undefined} onClick={() => go({ view })} title={`Alt+${i + 1}`}>
                <span>{VIEW_TITLES[view]}</span>
                <kbd>{i + 1}</kbd>
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="help-button" onClick={() => setHelpOpen(true)}>
          Keyboard shortcuts <kbd>?</kbd>
        </button>
      </nav>
      <div className="main">
        <header className="header">
          <span className="crumb">{VIEW_TITLES[route.view]}</span>
          <span className="source" data-testid="current-source">
            {countOrigin ? `${countOrigin.kind === 'recount' ? 'Recount' : 'Reported audit'}: ${countLabel}` : 'No source open'}
          </span>
          <span className="spacer" />
          {noteCount > 0 && <span className="note-count" aria-label={`${noteCount} notifications`}>{noteCount}</span>}
        </header>
        <JobsPanel />
        <main className="content">
          <View />
        </main>
      </div>
      <Notifications />
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
