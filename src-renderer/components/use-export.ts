/** Runs `exporter` when the user asks to export what is on screen (Ctrl+E or the menu), while the view is mounted. */
import { useEffect, useRef } from 'react';
import { useUi } from '../stores/ui';

export function useExportRequest(exporter: () => void): void {
  const request = useUi((s) => s.exportRequest);
  const seen = useRef(request);
  const latest = useRef(exporter);
  latest.current = exporter;
  useEffect(() => {
    if (request !== seen.current) {
      seen.current = request;
      latest.current();
    }
  }, [request]);
}
