import { describe, expect, it } from 'vitest';
import { EXPORT_TYPES, parseExportFileName } from '../../../src-shared/ingest/export-bundle';

describe('parseExportFileName: `<YYYY-MM-DD_HHMM>_<type>.json.gz` (guide §3.2.1, platform-dump.md §2)', () => {
  it('reads the guide\'s own example names', () => {
    expect(parseExportFileName('2018-10-11_1236_analogue_line_sccp.json.gz')).toEqual({ timestamp: '2018-10-11_1236', type: 'analogue_line_sccp' });
    expect(parseExportFileName('2024-05-07_0705_line.json.gz')).toEqual({ timestamp: '2024-05-07_0705', type: 'line' });
    expect(parseExportFileName('2019-09-30_0859_analogue_line_mgcp.json.gz')).toEqual({ timestamp: '2019-09-30_0859', type: 'analogue_line_mgcp' });
  });

  it.each(EXPORT_TYPES.map((t) => t.type))('reads type %s, with .json.gz and with .json', (type) => {
    expect(parseExportFileName(`2024-05-07_0705_${type}.json.gz`)).toEqual({ timestamp: '2024-05-07_0705', type });
    expect(parseExportFileName(`2024-05-07_0705_${type}.json`)).toEqual({ timestamp: '2024-05-07_0705', type });
  });

  it('takes the whole rest as the type: ms_o365 does not claim ms_o365_sku_service_plans', () => {
    expect(parseExportFileName('2024-05-07_0706_ms_o365_sku_service_plans.json.gz')?.type).toBe('ms_o365_sku_service_plans');
    expect(parseExportFileName('2024-05-07_0706_ms_o365.json.gz')?.type).toBe('ms_o365');
    expect(parseExportFileName('2024-05-07_0706_ms_o365_sku.json.gz')).toBeUndefined();
  });

  it('ignores a folder part, with either slash', () => {
    expect(parseExportFileName('media/data_export/2024-05-07/2024-05-07_0705_site.json.gz')).toEqual({ timestamp: '2024-05-07_0705', type: 'site' });
    expect(parseExportFileName('2024-05-07\\2024-05-07_0705_site.json.gz')?.type).toBe('site');
  });

  it('ignores case, returning the canonical type', () => {
    expect(parseExportFileName('2024-05-07_0705_MS_Teams.JSON.GZ')).toEqual({ timestamp: '2024-05-07_0705', type: 'ms_teams' });
  });

  it.each([
    ['an unknown type', '2024-05-07_0705_nbi-subscriber.json.gz'],
    ['an unknown type with _', '2024-05-07_0705_ms_sharepoint.json.gz'],
    ['no type', '2024-05-07_0705_.json.gz'],
    ['no timestamp', 'line.json.gz'],
    ['a date without time', '2024-05-07_line.json.gz'],
    ['a dump file name', 'device.cucm.Phone.json'],
    ['another extension', '2024-05-07_0705_line.csv'],
    ['.gz without .json', '2024-05-07_0705_line.gz'],
    ['a hash file', '2024-05-07_0705_line.json.gz.hash'],
    ['month 13', '2024-13-07_0705_line.json.gz'],
    ['day 00', '2024-05-00_0705_line.json.gz'],
    ['hour 24', '2024-05-07_2405_line.json.gz'],
    ['minute 60', '2024-05-07_0760_line.json.gz'],
    ['a suffix after the type', '2024-05-07_0705_line (1).json.gz'],
    ['an empty name', ''],
  ])('rejects %s: %s', (_why, name) => {
    expect(parseExportFileName(name)).toBeUndefined();
  });
});
