/**
 * Draws the app icon (a white check mark on a blue rounded square) and writes
 * assets/icon.png (512×512), icon.ico (256×256 PNG inside) and icon.icns
 * (512 and 256 PNGs inside), with zlib only: no image tool needed.
 * Run: `node dist/src-main/tools/make-icons.js`.
 */
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(8 + data.length + 4);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), 8 + data.length);
  return out;
}

/** Distance from point p to segment ab. */
function segmentDistance(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** RGBA coverage of the icon at unit coordinates (0..1). */
function shade(u: number, v: number): [number, number, number, number] {
  const r = 0.18;
  const dx = Math.max(Math.abs(u - 0.5) - (0.5 - r) + 0.02, 0);
  const dy = Math.max(Math.abs(v - 0.5) - (0.5 - r) + 0.02, 0);
  if (Math.hypot(dx, dy) > r) return [0, 0, 0, 0];
  const check = Math.min(segmentDistance(u, v, 0.27, 0.52, 0.43, 0.68), segmentDistance(u, v, 0.43, 0.68, 0.75, 0.34));
  return check < 0.055 ? [255, 255, 255, 255] : [31, 95, 168, 255];
}

export function drawPng(size: number): Buffer {
  const samples = 3;
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      const acc = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const px = shade((x + (sx + 0.5) / samples) / size, (y + (sy + 0.5) / samples) / size);
          for (let i = 0; i < 4; i++) acc[i]! += px[i]! * (i < 3 ? px[3]! / 255 : 1);
        }
      }
      const n = samples * samples;
      const alpha = acc[3]! / n;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      for (let i = 0; i < 3; i++) raw[o + i] = alpha > 0 ? Math.round(acc[i]! / n / (alpha / 255)) : 0;
      raw[o + 3] = Math.round(alpha);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array())]);
}

/** An .ico holding one 256×256 PNG (Windows Vista and later read PNG entries). */
export function icoOf(png256: Buffer): Buffer {
  const header = Buffer.alloc(6 + 16);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header[6] = 0; // 256 wide
  header[7] = 0; // 256 high
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bits per pixel
  header.writeUInt32LE(png256.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png256]);
}

/** An .icns with ic09 (512×512) and ic08 (256×256) PNG entries. */
export function icnsOf(png512: Buffer, png256: Buffer): Buffer {
  const entry = (type: string, png: Buffer) => {
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([h, png]);
  };
  const body = Buffer.concat([entry('ic09', png512), entry('ic08', png256)]);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(body.length + 8, 4);
  return Buffer.concat([h, body]);
}

if (require.main === module) {
  const assets = resolve(__dirname, '../../../assets');
  const png512 = drawPng(512);
  const png256 = drawPng(256);
  writeFileSync(join(assets, 'icon.png'), png512);
  writeFileSync(join(assets, 'icon.ico'), icoOf(png256));
  writeFileSync(join(assets, 'icon.icns'), icnsOf(png512, png256));
  process.stdout.write(`wrote icon.png, icon.ico, icon.icns in ${assets}\n`);
}
