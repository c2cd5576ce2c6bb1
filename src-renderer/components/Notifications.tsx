/** The tray where every failed call lands (api/client.ts pushes them). */
import { useNotifications } from '../stores/notifications';

export function Notifications() {
  const items = useNotifications((s) => s.items);
  const dismiss = useNotifications((s) => s.dismiss);
  const clear = useNotifications((s) => s.clear);
  if (!items.length) return null;
  return (
    <section className="notifications" aria-label="Notifications" aria-live="polite" data-testid="notifications">
      {items.slice(0, 4).map((n) => (
        <div key={n.id} className={`note note-${n.level}`} role="status">
          <div className="note-text">
            <strong>{n.title}</strong>
            <span>{n.message}</span>
          </div>
          <button type="button" className="icon" aria-label={`Dismiss: ${n.title}`} onClick={() => dismiss(n.id)}>
            ×
          </button>
        </div>
      ))}
      {items.length > 1 && (
        <button type="button" className="link" onClick={clear}>
          Dismiss all ({items.length})
        </button>
      )}
    </section>
  );
}
