/** The view's filter box; `/`, Ctrl+F and the menu's Find focus it (stores/ui.ts). */
import { useEffect, useRef } from 'react';
import { useUi } from '../stores/ui';

export function FilterInput({ value, onChange, placeholder, label }: { value: string; onChange(v: string): void; placeholder: string; label: string }) {
  const ref = useRef<HTMLInputElement>(null);
  const request = useUi((s) => s.filterRequest);
  useEffect(() => {
    if (request) ref.current?.focus();
  }, [request]);
  return (
    <input
      ref={ref}
      type="search"
      className="filter"
      aria-label={label}
      placeholder={placeholder}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}
