/**
 * IPC registration derived from the contract: one `ipcMain.handle` per
 * channel of CHANNELS, answering only the app's own frames, every call going
 * through `dispatch` (schema check, ApiResponse). Takes the IPC object as a
 * port so a test checks the registration without Electron.
 */
import { CHANNELS, type Handlers, ipcChannel } from '../../src-shared/api/contract';
import { dispatch } from '../api/dispatch';
import { isTrustedSender } from './security';

export interface IpcMainPort {
  handle(channel: string, listener: (event: { senderFrame: { url: string } | null }, ...args: unknown[]) => Promise<unknown>): void;
}

export function registerIpc(ipc: IpcMainPort, handlers: Handlers, log?: (message: string) => void): string[] {
  const registered: string[] = [];
  for (const channel of CHANNELS) {
    const name = ipcChannel(channel);
    ipc.handle(name, async (event, args) => {
      if (!isTrustedSender(event.senderFrame?.url)) {
        log?.(`refused ${channel} from ${event.senderFrame?.url ?? 'an unknown frame'}`);
        return { ok: false, error: { code: 'invalid-args', message: `${channel}: refused, the caller is not the app's window` } };
      }
      return dispatch(handlers, channel, args, log);
    });
    registered.push(name);
  }
  return registered;
}
