// Draws the app icon (an original design: a ledger sheet with a yuan coin on a teal tile) and writes
//   resources/icon.png  512×512, for Linux and as electron-builder's source
//   resources/icon.ico  16–256 px, for Windows (BMP entries below 256, PNG at 256, as NSIS expects)
//   resources/icon.icns 16–1024 px, for macOS (PNG entries)
// Plain Node, no image libraries: every shape is a signed distance function, anti-aliased by coverage.
//   node resources/make-icon.mjs
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));

// ---------------------------------------------------------------------------------------------------------
// Shapes in unit coordinates (0..1, y down); each returns a signed distance (negative inside).

const roundRect = (x0, y0, x1, y1, r) => (x, y) => {
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r);
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
};
const circle = (cx, cy, r) => (x, y) => Math.hypot(x - cx, y - cy) - r;
/** A line segment with round ends, `w` wide. */
const stroke = (ax, ay, bx, by, w) => (x, y) => {
  const px = x - ax;
  const py = y - ay;
  const dx = bx - ax;
  const dy = by - ay;
  const h = Math.max(0, Math.min(1, (px * dx + py * dy) / (dx * dx + dy * dy)));
  return Math.hypot(px - dx * h, py - dy * h) - w / 2;
};
const union = (...fs) => (x, y) => Math.min(...fs.map((f) => f(x, y)));

const hex = (h, a = 1) => [parseInt(h.slice(1, 3), 16), parseInt(h.slice(3, 5), 16), parseInt(h.slice(5, 7), 16), a];
const mix = (c1, c2, t) => c1.map((v, i) => v + (c2[i] - v) * t);

// The picture, back to front: [shape, colour or (x, y) => colour].
const coin = { x: 0.675, y: 0.685, r: 0.165 };
const yen = (() => {
  const { x, y } = coin;
  const w = 0.026;
  return union(
    stroke(x - 0.068, y - 0.085, x, y - 0.005, w),
    stroke(x + 0.068, y - 0.085, x, y - 0.005, w),
    stroke(x, y - 0.005, x, y + 0.095, w),
    stroke(x - 0.058, y + 0.018, x + 0.058, y + 0.018, w),
    stroke(x - 0.058, y + 0.058, x + 0.058, y + 0.058, w),
  );
})();
const teal = [hex('#14b8a6'), hex('#0f766e')];
const LAYERS = [
  [roundRect(0.07, 0.07, 0.93, 0.93, 0.2), (_x, y) => mix(teal[0], teal[1], (y - 0.07) / 0.86)],
  [roundRect(0.245, 0.195, 0.7, 0.815, 0.045), hex('#042f2e', 0.25)], // sheet shadow
  [roundRect(0.23, 0.17, 0.685, 0.79, 0.045), hex('#ffffff')], // ledger sheet
  [stroke(0.3, 0.265, 0.49, 0.265, 0.045), hex('#0d9488')], // heading
  ...[0.375, 0.465, 0.555, 0.645].map((y) => [stroke(0.3, y, 0.615, y, 0.026), hex('#0f766e', 0.35)]), // rows
  [circle(coin.x, coin.y, coin.r + 0.022), hex('#ffffff')], // coin rim gap
  [circle(coin.x, coin.y, coin.r), hex('#d97706')],
  [circle(coin.x, coin.y, coin.r - 0.02), hex('#f59e0b')],
  [yen, hex('#ffffff')],
];

/** RGBA pixels of the icon at `size`×`size`. */
function render(size) {
  const px = Buffer.alloc(size * size * 4);
  const aa = 1 / size; // one pixel in unit coordinates
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const x = (i + 0.5) / size;
      const y = (j + 0.5) / size;
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0; // premultiplied
      for (const [shape, paint] of LAYERS) {
        const cover = Math.max(0, Math.min(1, 0.5 - shape(x, y) / aa));
        if (cover === 0) continue;
        const c = typeof paint === 'function' ? paint(x, y) : paint;
        const ca = c[3] * cover;
        r = c[0] * ca + r * (1 - ca);
        g = c[1] * ca + g * (1 - ca);
        b = c[2] * ca + b * (1 - ca);
        a = ca + a * (1 - ca);
      }
      const o = (j * size + i) * 4;
      px[o] = a > 0 ? Math.round(r / a) : 0;
      px[o + 1] = a > 0 ? Math.round(g / a) : 0;
      px[o + 2] = a > 0 ? Math.round(b / a) : 0;
      px[o + 3] = Math.round(a * 255);
    }
  }
  return px;
}

// ---------------------------------------------------------------------------------------------------------
// Encoders

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const byte of buf) c = CRC_TABLE[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function png(size, rgba) {
  const chunk = (type, data) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([len, body, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A 32-bit BMP icon entry (BITMAPINFOHEADER, bottom-up BGRA, then a 1-bit AND mask). */
function icoBitmap(size, rgba) {
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // colour + mask
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4;
      pixels[d] = rgba[s + 2];
      pixels[d + 1] = rgba[s + 1];
      pixels[d + 2] = rgba[s];
      pixels[d + 3] = rgba[s + 3];
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  const mask = Buffer.alloc(maskRow * size); // all 0: the alpha channel decides
  return Buffer.concat([header, pixels, mask]);
}

function ico(sizes) {
  const images = sizes.map((s) => {
    const rgba = render(s);
    return { size: s, data: s >= 256 ? png(s, rgba) : icoBitmap(s, rgba) };
  });
  const head = Buffer.alloc(6);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(images.length, 4);
  let offset = 6 + 16 * images.length;
  const dir = images.map(({ size, data }) => {
    const e = Buffer.alloc(16);
    e[0] = size >= 256 ? 0 : size;
    e[1] = size >= 256 ? 0 : size;
    e.writeUInt16LE(1, 4); // planes
    e.writeUInt16LE(32, 6); // bits per pixel
    e.writeUInt32LE(data.length, 8);
    e.writeUInt32LE(offset, 12);
    offset += data.length;
    return e;
  });
  return Buffer.concat([head, ...dir, ...images.map((i) => i.data)]);
}

function icns(entries) {
  const cache = new Map();
  const pngOf = (s) => cache.get(s) ?? (cache.set(s, png(s, render(s))), cache.get(s));
  const blocks = entries.map(([type, size]) => {
    const data = pngOf(size);
    const h = Buffer.alloc(8);
    h.write(type, 0, 'ascii');
    h.writeUInt32BE(data.length + 8, 4);
    return Buffer.concat([h, data]);
  });
  const total = 8 + blocks.reduce((n, b) => n + b.length, 0);
  const h = Buffer.alloc(8);
  h.write('icns', 0, 'ascii');
  h.writeUInt32BE(total, 4);
  return Buffer.concat([h, ...blocks]);
}

// ---------------------------------------------------------------------------------------------------------

fs.writeFileSync(path.join(here, 'icon.png'), png(512, render(512)));
fs.writeFileSync(path.join(here, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]));
fs.writeFileSync(
  path.join(here, 'icon.icns'),
  icns([
    ['icp4', 16],
    ['icp5', 32],
    ['icp6', 64],
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024],
    ['ic11', 32],
    ['ic12', 64],
    ['ic13', 256],
    ['ic14', 512],
  ]),
);
for (const f of ['icon.png', 'icon.ico', 'icon.icns']) console.log(`${f}: ${fs.statSync(path.join(here, f)).size} bytes`);
