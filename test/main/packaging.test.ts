import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(__dirname, '../..');
// js-yaml comes with electron-builder (which reads this same file with it).
const yaml = createRequire(join(ROOT, 'node_modules/electron-builder/package.json'))('js-yaml') as { load(text: string): unknown };

interface BuilderConfig {
  appId: string;
  productName: string;
  files: string[];
  extraResources: Array<{ from: string; to: string }>;
  linux: { target: string[]; icon: string };
  win: { target: string[]; icon: string };
  mac: { target: string[]; icon: string };
}

const config = yaml.load(readFileSync(join(ROOT, 'electron-builder.yml'), 'utf8')) as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string> };

describe('electron-builder.yml', () => {
  it('builds AppImage and deb, NSIS and dmg under one app id', () => {
    expect(config.appId).toMatch(/^[a-z]+(\.[a-z0-9-]+)+$/);
    expect(config.productName).toBe('VLF Audit Desk');
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('names icons that exist, of the right kind', () => {
    const png = readFileSync(join(ROOT, config.linux.icon));
    expect(png.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = readFileSync(join(ROOT, config.win.icon));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    expect(readFileSync(join(ROOT, config.mac.icon)).subarray(0, 4).toString('ascii')).toBe('icns');
  });

  it('bundles the sample audit as a resource', () => {
    const sample = config.extraResources.find((r) => r.to === 'sample');
    expect(sample?.from).toBe('assets/sample');
    expect(existsSync(join(ROOT, sample!.from, 'vlf_Acme-Telecom_VOSS-PRD-1_license_legacy_2024-02-21_0553.zip'))).toBe(true);
  });

  it('packs the built main process, preload and renderer, and package.json main points into them', () => {
    const included = config.files.filter((f) => !f.startsWith('!'));
    for (const folder of ['dist/src-main', 'dist/src-shared', 'dist/preload', 'dist/renderer']) {
      expect(included).toContain(`${folder}/**/*`);
      expect(existsSync(join(ROOT, folder)), `${folder} exists after npm run build`).toBe(true);
    }
    expect(pkg.main).toBe('dist/src-main/electron/main.js');
    expect(existsSync(join(ROOT, pkg.main))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/renderer/index.html'))).toBe(true);
    expect(existsSync(join(ROOT, 'dist/preload/preload.js'))).toBe(true);
  });

  it('ships no Electron or build tool as a runtime dependency', () => {
    expect(Object.keys(pkg.dependencies)).not.toEqual(expect.arrayContaining(['electron']));
    expect(Object.keys(pkg.dependencies).filter((d) => /electron|vite|rolldown|playwright/.test(d))).toEqual([]);
  });
});
