/**
 * The app's icons for every platform, made from one source image: assets/icons/source.png (1024×1024 RGBA).
 *
 *   npm run icons            derive every icon from assets/icons/source.png
 *   npm run icons -- --draw  first (re)draw source.png from the procedural artwork below, then derive
 *
 * Writes (all committed, so a build never needs this script, ImageMagick or any other tool):
 *   assets/icons/png/NxN.png   16…1024, the Linux icon set (electron-builder `linux.icon`)
 *   assets/icons/icon.png      1024×1024, the same as png/1024x1024.png (a general-purpose copy)
 *   assets/icons/icon.ico      Windows: 16…64 as 32-bit BMP entries, 128 and 256 as PNG entries
 *   assets/icons/icon.icns     macOS: PNG entries 16…1024 including the @2x ones
 *
 * Plain Node only (zlib for PNG), no native module and no download: a designer's artwork replaces source.png
 * and `npm run icons` does the rest.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { deflateSync, inflateSync } from 'node:zlib';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const ICONS_DIR = path.join(ROOT, 'assets', 'icons');
export const SOURCE_SIZE = 1024;

/** The Linux icon set (and the sizes every other container takes its images from). */
export const PNG_SIZES = [16, 24, 32, 48, 64, 128, 256, 512, 1024] as const;
/** Windows: sizes ≤ 64 as uncompressed BMP (what every Windows tool reads), larger ones as PNG. */
export const ICO_SIZES = [16, 24, 32, 48, 64, 128, 256] as const;
export const ICO_PNG_MIN_SIZE = 128;
/** macOS: the PNG-based icns types (10.7 and later), with the pixel size each one holds. */
export const ICNS_TYPES: ReadonlyArray<readonly [type: string, size: number]> = [
  ['icp4', 16],
  ['icp5', 32],
  ['icp6', 64],
  ['ic07', 128],
  ['ic08', 256],
  ['ic09', 512],
  ['ic10', 1024], // 512@2x
  ['ic11', 32], // 16@2x
  ['ic12', 64], // 32@2x
  ['ic13', 256], // 128@2x
  ['ic14', 512], // 256@2x
];

/** An RGBA image, 8 bits per channel, not premultiplied, rows top to bottom. */
export interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

// ---------------------------------------------------------------------------------------------------------
// PNG

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = (CRC_TABLE[(c ^ byte) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Encodes RGBA as an 8-bit truecolour-with-alpha PNG, choosing each row's filter by the usual heuristic. */
export function encodePng(image: Image): Buffer {
  const { width, height, data } = image;
  const stride = width * 4;
  const raw = Buffer.alloc((stride + 1) * height);
  const candidate = Buffer.alloc(stride);
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    const prev = y > 0 ? data.subarray((y - 1) * stride, y * stride) : null;
    let bestFilter = 0;
    let bestScore = Number.POSITIVE_INFINITY;
    let best = Buffer.from(row);
    for (let filter = 0; filter <= 4; filter++) {
      let score = 0;
      for (let i = 0; i < stride; i++) {
        const x = row[i] as number;
        const a = i >= 4 ? (row[i - 4] as number) : 0;
        const b = prev ? (prev[i] as number) : 0;
        const c = prev && i >= 4 ? (prev[i - 4] as number) : 0;
        const predictor =
          filter === 0
            ? 0
            : filter === 1
              ? a
              : filter === 2
                ? b
                : filter === 3
                  ? (a + b) >> 1
                  : paeth(a, b, c);
        const value = (x - predictor) & 0xff;
        candidate[i] = value;
        score += value < 128 ? value : 256 - value;
      }
      if (score < bestScore) {
        bestScore = score;
        bestFilter = filter;
        best = Buffer.from(candidate);
      }
    }
    raw[y * (stride + 1)] = bestFilter;
    best.copy(raw, y * (stride + 1) + 1);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // colour type: RGBA
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** Decodes an 8-bit, non-interlaced PNG (RGBA, RGB, grey or grey+alpha) into RGBA. */
export function decodePng(file: Uint8Array): Image {
  const buf = Buffer.from(file.buffer, file.byteOffset, file.byteLength);
  if (!buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG file');
  let offset = 8;
  let width = 0;
  let height = 0;
  let colourType = -1;
  const idat: Buffer[] = [];
  while (offset + 8 <= buf.length) {
    const length = buf.readUInt32BE(offset);
    const type = buf.toString('latin1', offset + 4, offset + 8);
    const body = buf.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      const depth = body[8];
      colourType = body[9] as number;
      if (depth !== 8 || body[12] !== 0) throw new Error('only 8-bit, non-interlaced PNGs are supported');
    } else if (type === 'IDAT') {
      idat.push(body);
    } else if (type === 'IEND') {
      break;
    }
    offset += 12 + length;
  }
  const channels = ({ 0: 1, 2: 3, 4: 2, 6: 4 } as Record<number, number>)[colourType];
  if (!channels || width === 0 || height === 0)
    throw new Error(`unsupported PNG (colour type ${colourType})`);
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const pixels = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (pixels[y * stride + i - channels] as number) : 0;
      const b = y > 0 ? (pixels[(y - 1) * stride + i] as number) : 0;
      const c = y > 0 && i >= channels ? (pixels[(y - 1) * stride + i - channels] as number) : 0;
      const predictor =
        filter === 0 ? 0 : filter === 1 ? a : filter === 2 ? b : filter === 3 ? (a + b) >> 1 : paeth(a, b, c);
      pixels[y * stride + i] = ((src[i] as number) + predictor) & 0xff;
    }
  }
  const data = new Uint8Array(width * height * 4);
  for (let p = 0; p < width * height; p++) {
    const s = p * channels;
    const grey = channels <= 2;
    data[p * 4] = pixels[s] as number;
    data[p * 4 + 1] = pixels[grey ? s : s + 1] as number;
    data[p * 4 + 2] = pixels[grey ? s : s + 2] as number;
    data[p * 4 + 3] =
      channels === 4 ? (pixels[s + 3] as number) : channels === 2 ? (pixels[s + 1] as number) : 255;
  }
  return { width, height, data };
}

// ---------------------------------------------------------------------------------------------------------
// Resampling

/**
 * Scales a square image down by area averaging, in premultiplied alpha (no dark fringes at the edges).
 * Exact for integer ratios (1024 → 512, 256, …) and a proper box filter for the others (1024 → 48, 24).
 */
export function downscale(source: Image, size: number): Image {
  if (source.width !== source.height) throw new Error('the source image must be square');
  if (size > source.width) throw new Error(`cannot scale ${source.width} up to ${size}`);
  const scale = source.width / size;
  const out = new Uint8Array(size * size * 4);
  const src = source.data;
  for (let oy = 0; oy < size; oy++) {
    const y0 = oy * scale;
    const y1 = y0 + scale;
    for (let ox = 0; ox < size; ox++) {
      const x0 = ox * scale;
      const x1 = x0 + scale;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = Math.floor(y0); sy < Math.ceil(y1); sy++) {
        const wy = Math.min(y1, sy + 1) - Math.max(y0, sy);
        for (let sx = Math.floor(x0); sx < Math.ceil(x1); sx++) {
          const w = wy * (Math.min(x1, sx + 1) - Math.max(x0, sx));
          const i = (sy * source.width + sx) * 4;
          const alpha = ((src[i + 3] as number) / 255) * w;
          r += (src[i] as number) * alpha;
          g += (src[i + 1] as number) * alpha;
          b += (src[i + 2] as number) * alpha;
          a += alpha;
        }
      }
      const o = (oy * size + ox) * 4;
      if (a > 0) {
        out[o] = Math.round(r / a);
        out[o + 1] = Math.round(g / a);
        out[o + 2] = Math.round(b / a);
        out[o + 3] = Math.round((a / (scale * scale)) * 255);
      }
    }
  }
  return { width: size, height: size, data: out };
}

export function resize(source: Image, size: number): Image {
  return size === source.width ? source : downscale(source, size);
}

// ---------------------------------------------------------------------------------------------------------
// Containers

function bmpEntry(image: Image): Buffer {
  const { width, height, data } = image;
  const maskStride = Math.ceil(width / 32) * 4;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0); // BITMAPINFOHEADER
  header.writeInt32LE(width, 4);
  header.writeInt32LE(height * 2, 8); // XOR image + AND mask
  header.writeUInt16LE(1, 12); // planes
  header.writeUInt16LE(32, 14); // bits per pixel
  header.writeUInt32LE(width * height * 4 + maskStride * height, 20);
  const pixels = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    const row = height - 1 - y; // bottom-up
    for (let x = 0; x < width; x++) {
      const s = (y * width + x) * 4;
      const o = (row * width + x) * 4;
      pixels[o] = data[s + 2] as number; // BGRA
      pixels[o + 1] = data[s + 1] as number;
      pixels[o + 2] = data[s] as number;
      pixels[o + 3] = data[s + 3] as number;
    }
  }
  // The AND mask: all zero (opaque); the alpha channel decides transparency on every Windows since XP.
  return Buffer.concat([header, pixels, Buffer.alloc(maskStride * height)]);
}

/** A Windows .ico holding one image per size. */
export function buildIco(images: ReadonlyArray<Image>): Buffer {
  const bodies = images.map((image) =>
    image.width >= ICO_PNG_MIN_SIZE ? encodePng(image) : bmpEntry(image),
  );
  const header = Buffer.alloc(6);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // type: icon
  header.writeUInt16LE(images.length, 4);
  const directory = Buffer.alloc(16 * images.length);
  let offset = 6 + directory.length;
  images.forEach((image, i) => {
    const body = bodies[i] as Buffer;
    const e = i * 16;
    directory[e] = image.width >= 256 ? 0 : image.width; // 0 means 256
    directory[e + 1] = image.height >= 256 ? 0 : image.height;
    directory[e + 2] = 0; // palette size
    directory[e + 3] = 0;
    directory.writeUInt16LE(1, e + 4); // colour planes
    directory.writeUInt16LE(32, e + 6); // bits per pixel
    directory.writeUInt32LE(body.length, e + 8);
    directory.writeUInt32LE(offset, e + 12);
    offset += body.length;
  });
  return Buffer.concat([header, directory, ...bodies]);
}

/** A macOS .icns of PNG entries. */
export function buildIcns(entries: ReadonlyArray<readonly [type: string, png: Buffer]>): Buffer {
  const parts = entries.map(([type, png]) => {
    const head = Buffer.alloc(8);
    head.write(type, 0, 'latin1');
    head.writeUInt32BE(png.length + 8, 4);
    return Buffer.concat([head, png]);
  });
  const head = Buffer.alloc(8);
  head.write('icns', 0, 'latin1');
  head.writeUInt32BE(8 + parts.reduce((n, p) => n + p.length, 0), 4);
  return Buffer.concat([head, ...parts]);
}

// ---------------------------------------------------------------------------------------------------------
// The artwork: two linked chain links ("connect") in white on a blue-to-teal rounded square, drawn with
// signed distance functions so every edge is anti-aliased. Placed on Apple's icon grid (an 824-unit square
// with 185-unit corners inside 1024), which also reads well at Windows' and Linux' sizes.

type Vec = readonly [number, number];

function roundedSquareDistance(p: Vec, centre: number, half: number, radius: number): number {
  const qx = Math.abs(p[0] - centre) - (half - radius);
  const qy = Math.abs(p[1] - centre) - (half - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

function segmentDistance(p: Vec, a: Vec, b: Vec): number {
  const abx = b[0] - a[0];
  const aby = b[1] - a[1];
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * abx + (p[1] - a[1]) * aby) / (abx * abx + aby * aby)));
  return Math.hypot(p[0] - (a[0] + abx * t), p[1] - (a[1] + aby * t));
}

function mix(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

function coverage(distance: number): number {
  return Math.max(0, Math.min(1, 0.5 - distance));
}

/** Draws the source artwork at `size` pixels (1024 for source.png). */
export function drawSource(size: number = SOURCE_SIZE): Image {
  const u = size / 1024; // one unit of the 1024 grid, in pixels
  const data = new Uint8Array(size * size * 4);
  const centre = size / 2;
  const from = [0x1d, 0x4e, 0xd8] as const; // blue, top left
  const to = [0x0e, 0xa5, 0xe9] as const; // teal, bottom right
  // The two links: capsules along the rising diagonal, overlapping in the middle like a chain.
  const dir: Vec = [Math.SQRT1_2, -Math.SQRT1_2];
  const links = [-1, 1].map((side) => {
    const cx = centre + side * dir[0] * 128 * u;
    const cy = centre + side * dir[1] * 128 * u;
    const half = 72 * u;
    return {
      a: [cx - dir[0] * half, cy - dir[1] * half] as Vec,
      b: [cx + dir[0] * half, cy + dir[1] * half] as Vec,
    };
  });
  const ring = 104 * u; // capsule radius, to the middle of the stroke
  const stroke = 30 * u; // half the stroke width
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const p: Vec = [x + 0.5, y + 0.5];
      const base = coverage(roundedSquareDistance(p, centre, 412 * u, 185 * u));
      if (base <= 0) continue;
      const t = Math.max(0, Math.min(1, (p[0] + p[1]) / (2 * size)));
      let r = mix(from[0], to[0], t);
      let g = mix(from[1], to[1], t);
      let b = mix(from[2], to[2], t);
      // A soft shadow under the glyph, then the glyph.
      let glyph = 0;
      let shadow = 0;
      for (const link of links) {
        const d = Math.abs(segmentDistance(p, link.a, link.b) - ring) - stroke;
        glyph = Math.max(glyph, coverage(d));
        const ds = Math.abs(segmentDistance([p[0], p[1] - 14 * u], link.a, link.b) - ring) - stroke;
        shadow = Math.max(shadow, Math.max(0, Math.min(1, 0.5 - ds / (24 * u))));
      }
      r = mix(r, 0x0b, shadow * 0.35);
      g = mix(g, 0x1e, shadow * 0.35);
      b = mix(b, 0x4a, shadow * 0.35);
      r = mix(r, 255, glyph);
      g = mix(g, 255, glyph);
      b = mix(b, 255, glyph);
      const o = (y * size + x) * 4;
      data[o] = Math.round(r);
      data[o + 1] = Math.round(g);
      data[o + 2] = Math.round(b);
      data[o + 3] = Math.round(base * 255);
    }
  }
  return { width: size, height: size, data };
}

// ---------------------------------------------------------------------------------------------------------

export interface IconSet {
  pngs: Map<number, Buffer>;
  ico: Buffer;
  icns: Buffer;
}

/** Every icon file's bytes, derived from the one source image. */
export function deriveIcons(source: Image): IconSet {
  if (source.width !== SOURCE_SIZE || source.height !== SOURCE_SIZE) {
    throw new Error(
      `the source image must be ${SOURCE_SIZE}×${SOURCE_SIZE}, not ${source.width}×${source.height}`,
    );
  }
  const images = new Map<number, Image>();
  // Each size from the full-resolution source (not from the previous size): one resampling per image.
  for (const size of PNG_SIZES) images.set(size, resize(source, size));
  const pngs = new Map<number, Buffer>();
  for (const [size, image] of images) pngs.set(size, encodePng(image));
  const ico = buildIco(ICO_SIZES.map((size) => images.get(size) as Image));
  const icns = buildIcns(ICNS_TYPES.map(([type, size]) => [type, pngs.get(size) as Buffer] as const));
  return { pngs, ico, icns };
}

function main(argv: string[]): void {
  const sourcePath = path.join(ICONS_DIR, 'source.png');
  mkdirSync(path.join(ICONS_DIR, 'png'), { recursive: true });
  if (argv.includes('--draw')) {
    writeFileSync(sourcePath, encodePng(drawSource()));
    console.log(`drew ${path.relative(ROOT, sourcePath)}`);
  }
  const source = decodePng(readFileSync(sourcePath));
  const { pngs, ico, icns } = deriveIcons(source);
  for (const [size, png] of pngs) writeFileSync(path.join(ICONS_DIR, 'png', `${size}x${size}.png`), png);
  writeFileSync(path.join(ICONS_DIR, 'icon.png'), pngs.get(1024) as Buffer);
  writeFileSync(path.join(ICONS_DIR, 'icon.ico'), ico);
  writeFileSync(path.join(ICONS_DIR, 'icon.icns'), icns);
  console.log(
    `wrote assets/icons/png/ (${[...pngs.keys()].join(', ')}), icon.png, icon.ico (${ico.length} bytes), icon.icns (${icns.length} bytes)`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
