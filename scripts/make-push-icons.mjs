#!/usr/bin/env node
// Draws the family page's app icons (src/http/family/static/icon-*.png, badge-96.png) from
// the same shapes as icon.svg: a white bell on the school-blue rounded square, and the bell
// alone for the monochrome badge. Run again only if the shapes change; the PNGs are committed.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'src', 'http', 'family', 'static');
const BLUE = [0x1f, 0x5f, 0xa8];

// Shapes in the 512 × 512 space of icon.svg.
function inBell(x, y) {
  const dome = y <= 212 && (x - 256) ** 2 + (y - 212) ** 2 <= 104 ** 2;
  const waist = y > 212 && y <= 288 && x >= 152 && x <= 360;
  const t = (y - 288) / 60;
  const flare = y > 288 && y <= 348 && x >= 152 - 40 * t && x <= 360 + 40 * t;
  const rim = y > 348 && y <= 368 && x >= 112 && x <= 400;
  const clapper = (x - 256) ** 2 + (y - 404) ** 2 <= 36 ** 2;
  return dome || waist || flare || rim || clapper;
}
function inSquare(x, y) {
  const r = 96;
  const cx = Math.min(Math.max(x, r), 512 - r);
  const cy = Math.min(Math.max(y, r), 512 - r);
  return x >= 0 && x <= 512 && y >= 0 && y <= 512 && (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
}

function render(size, badge) {
  const rows = [];
  const n = 4; // samples per axis
  for (let py = 0; py < size; py += 1) {
    const row = [0];
    for (let px = 0; px < size; px += 1) {
      let bell = 0;
      let square = 0;
      for (let sy = 0; sy < n; sy += 1) {
        for (let sx = 0; sx < n; sx += 1) {
          const x = ((px + (sx + 0.5) / n) * 512) / size;
          const y = ((py + (sy + 0.5) / n) * 512) / size;
          if (inBell(x, y)) bell += 1;
          else if (!badge && inSquare(x, y)) square += 1;
        }
      }
      const a = (bell + square) / (n * n);
      const white = a > 0 ? bell / (bell + square) : 0;
      const mix = (c) => Math.round(255 * white + c * (1 - white));
      row.push(badge ? 255 : mix(BLUE[0]), badge ? 255 : mix(BLUE[1]), badge ? 255 : mix(BLUE[2]), Math.round(255 * a));
    }
    rows.push(Buffer.from(row));
  }
  return png(size, Buffer.concat(rows));
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = CRC[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size, raw) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync(path.join(out, 'icon-192.png'), render(192, false));
writeFileSync(path.join(out, 'icon-512.png'), render(512, false));
writeFileSync(path.join(out, 'badge-96.png'), render(96, true));
