/**
 * The committed icons (assets/icons/): the containers parse, hold the sizes each platform needs, and are what
 * `npm run icons` makes from the one source image. The .ico and .icns are parsed here independently of the
 * script that writes them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  decodePng,
  deriveIcons,
  downscale,
  encodePng,
  ICNS_TYPES,
  ICO_SIZES,
  type Image,
  PNG_SIZES,
  SOURCE_SIZE,
} from '../../scripts/icons.js';
import { ROOT } from './packaging-support.js';

const ICONS = path.join(ROOT, 'assets', 'icons');
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(bytes: Buffer): { width: number; height: number; colourType: number } {
  expect(bytes.subarray(0, 8).equals(PNG_MAGIC), 'PNG signature').toBe(true);
  expect(bytes.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), colourType: bytes[25] as number };
}

function icoEntries(ico: Buffer): Buffer[] {
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const offset = ico.readUInt32LE(6 + i * 16 + 12);
    return ico.subarray(offset, offset + ico.readUInt32LE(6 + i * 16 + 8));
  });
}

function icnsEntries(icns: Buffer): Array<[string, Buffer]> {
  const out: Array<[string, Buffer]> = [];
  for (let offset = 8; offset < icns.length; offset += icns.readUInt32BE(offset + 4)) {
    out.push([
      icns.toString('latin1', offset, offset + 4),
      icns.subarray(offset + 8, offset + icns.readUInt32BE(offset + 4)),
    ]);
  }
  return out;
}

describe('icon.ico (Windows)', () => {
  const ico = readFileSync(path.join(ICONS, 'icon.ico'));

  it('is an icon file with one 32-bit image per size from 16 to 256', () => {
    expect(ico.readUInt16LE(0)).toBe(0); // reserved
    expect(ico.readUInt16LE(2)).toBe(1); // 1 = icon
    const count = ico.readUInt16LE(4);
    const sizes: number[] = [];
    for (let i = 0; i < count; i++) {
      const e = 6 + i * 16;
      const width = ico[e] === 0 ? 256 : (ico[e] as number);
      const height = ico[e + 1] === 0 ? 256 : (ico[e + 1] as number);
      expect(height).toBe(width);
      expect(ico.readUInt16LE(e + 6)).toBe(32);
      const length = ico.readUInt32LE(e + 8);
      const offset = ico.readUInt32LE(e + 12);
      expect(offset + length).toBeLessThanOrEqual(ico.length);
      const body = ico.subarray(offset, offset + length);
      if (body.subarray(0, 8).equals(PNG_MAGIC)) {
        expect(pngSize(body)).toMatchObject({ width, height, colourType: 6 });
      } else {
        expect(body.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
        expect(body.readInt32LE(4)).toBe(width);
        expect(body.readInt32LE(8)).toBe(height * 2); // image + AND mask
        expect(body.readUInt16LE(14)).toBe(32);
        expect(length).toBe(40 + width * height * 4 + Math.ceil(width / 32) * 4 * height);
      }
      sizes.push(width);
    }
    expect(sizes).toEqual([16, 24, 32, 48, 64, 128, 256]);
    expect(sizes).toEqual([...ICO_SIZES]);
  });

  it('stores the small sizes as BMP (every Windows tool reads them) and 256 as PNG', () => {
    const magic = icoEntries(ico).map((body) => body.subarray(0, 8).equals(PNG_MAGIC));
    expect(magic).toEqual(ICO_SIZES.map((size) => size >= 128));
  });
});

describe('icon.icns (macOS)', () => {
  const icns = readFileSync(path.join(ICONS, 'icon.icns'));

  it('is an icns file of PNG entries covering 16 to 1024, retina sizes included', () => {
    expect(icns.toString('latin1', 0, 4)).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const found: Array<[string, number]> = [];
    let offset = 8;
    while (offset < icns.length) {
      const type = icns.toString('latin1', offset, offset + 4);
      const length = icns.readUInt32BE(offset + 4);
      expect(length).toBeGreaterThan(8);
      const { width, height } = pngSize(icns.subarray(offset + 8, offset + length));
      expect(height).toBe(width);
      found.push([type, width]);
      offset += length;
    }
    expect(offset).toBe(icns.length);
    expect(Object.fromEntries(found)).toEqual({
      icp4: 16,
      icp5: 32,
      icp6: 64,
      ic07: 128,
      ic08: 256,
      ic09: 512,
      ic10: 1024,
      ic11: 32,
      ic12: 64,
      ic13: 256,
      ic14: 512,
    });
    expect(found).toEqual(ICNS_TYPES.map(([type, size]) => [type, size]));
  });
});

describe('the PNG set (Linux) and the source', () => {
  it('has every size, named as electron-builder expects (NxN.png), in RGBA', () => {
    for (const size of PNG_SIZES) {
      const png = readFileSync(path.join(ICONS, 'png', `${size}x${size}.png`));
      expect(pngSize(png)).toEqual({ width: size, height: size, colourType: 6 });
    }
    expect(PNG_SIZES).toEqual([16, 24, 32, 48, 64, 128, 256, 512, 1024]);
  });

  it('starts from one 1024×1024 source image, with transparent corners and an opaque middle', () => {
    const source = decodePng(readFileSync(path.join(ICONS, 'source.png')));
    expect([source.width, source.height]).toEqual([SOURCE_SIZE, SOURCE_SIZE]);
    expect(source.data[3]).toBe(0); // top-left corner
    expect(source.data[((SOURCE_SIZE / 2) * SOURCE_SIZE + SOURCE_SIZE / 2) * 4 + 3]).toBe(255);
  });

  it('is exactly what `npm run icons` derives from the source (nobody edited one file by hand)', () => {
    const source = decodePng(readFileSync(path.join(ICONS, 'source.png')));
    const derived = deriveIcons(source);
    for (const size of PNG_SIZES) {
      const committed = decodePng(readFileSync(path.join(ICONS, 'png', `${size}x${size}.png`)));
      const expected = decodePng(derived.pngs.get(size) as Buffer);
      expect(Buffer.from(committed.data).equals(Buffer.from(expected.data)), `${size}x${size}.png`).toBe(
        true,
      );
    }
    const icon = decodePng(readFileSync(path.join(ICONS, 'icon.png')));
    expect(Buffer.from(icon.data).equals(Buffer.from(source.data))).toBe(true);
    // The containers hold the same images (compressed bytes may differ between zlib versions: compare pixels).
    const pixels = (body: Buffer) =>
      body.subarray(0, 8).equals(PNG_MAGIC) ? Buffer.from(decodePng(body).data) : Buffer.from(body);
    const ico = readFileSync(path.join(ICONS, 'icon.ico'));
    const icoCommitted = icoEntries(ico).map(pixels);
    const icoDerived = icoEntries(derived.ico).map(pixels);
    expect(icoCommitted.length).toBe(icoDerived.length);
    for (const [i, entry] of icoCommitted.entries()) {
      expect(entry.equals(icoDerived[i] as Buffer), `ico entry ${i}`).toBe(true);
    }
    const icnsCommitted = icnsEntries(readFileSync(path.join(ICONS, 'icon.icns')));
    const icnsDerived = icnsEntries(derived.icns);
    expect(icnsCommitted.map(([type]) => type)).toEqual(icnsDerived.map(([type]) => type));
    for (const [i, [type, body]] of icnsCommitted.entries()) {
      expect(pixels(body).equals(pixels((icnsDerived[i] as [string, Buffer])[1])), type).toBe(true);
    }
  });
});

describe('the icon script', () => {
  it('round-trips PNGs through its encoder and decoder', () => {
    const size = 37;
    const data = new Uint8Array(size * size * 4);
    let seed = 7;
    for (let i = 0; i < data.length; i++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      data[i] = i % 8 < 4 ? (seed >> 16) & 0xff : (i >> 2) & 0xff; // noise and gradients: every filter gets used
    }
    const image: Image = { width: size, height: size, data };
    const decoded = decodePng(encodePng(image));
    expect([decoded.width, decoded.height]).toEqual([size, size]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(data))).toBe(true);
  });

  it('downscales by area in premultiplied alpha: a transparent pixel does not darken its neighbours', () => {
    const data = new Uint8Array(4 * 4 * 4);
    for (let p = 0; p < 16; p++) data.set(p % 2 === 0 ? [200, 100, 50, 255] : [0, 0, 0, 0], p * 4);
    const half = downscale({ width: 4, height: 4, data }, 2);
    expect([...half.data.subarray(0, 4)]).toEqual([200, 100, 50, 128]);
    const third = downscale({ width: 3, height: 3, data: new Uint8Array(36).fill(255) }, 2);
    expect([...third.data]).toEqual(new Array(16).fill(255));
  });
});
