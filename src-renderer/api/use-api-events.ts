/** The one place pushed events from main enter the stores (architecture-notes lesson 7). */
import { useEffect } from 'react';
import { api } from './client';
import { useJobs } from '../stores/jobs';
import { useNav } from '../stores/nav';
import { useNotifications } from '../stores/notifications';
import { useCount } from '../stores/count';
import { useVerify } from '../stores/verify';
import { useUi } from '../stores/ui';

export function useApiEvents(): void {
  useEffect(() => {
    const vlf = window.vlf;
    if (!vlf) return;
    const stops = [
      api().on('job/progress', (event) => useJobs.getState().progress(event)),
      // Files opened from the OS, a drop or the menu are verified: the one action that is safe for any audit file.
      api().on('app/openPaths', ({ paths }) => {
        useNav.getState().go({ view: 'verify' });
        void useVerify.getState().run(paths);
      }),
      api().on('app/menu', (menu) => {
        if (menu.command === 'navigate') useNav.getState().go({ view: menu.view });
        else if (menu.command === 'about') useUi.getState().setHelpOpen(true);
        else if (menu.command === 'find') useUi.getState().focusFilter();
        else useUi.getState().requestExport();
      }),
      api().on('app/workerRestarted', ({ message }) => {
        useNotifications.getState().push({ level: 'error', title: 'The background worker restarted', message });
        useCount.getState().forgetCounts();
      }),
    ];
    return () => stops.forEach((stop) => stop());
  }, []);
}
