import { inflateSync } from 'node:zlib';

export interface PngSummary {
  width: number;
  height: number;
  /** Distinct colours among the pixels. */
  colours: number;
  /** Share of pixels that differ from the most common colour (0 for a blank image). */
  nonBackground: number;
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 4: 2, 6: 4 };

/**
 * Decodes an 8-bit, non-interlaced PNG (what Chromium's screenshots are) far enough to tell a
 * blank image from one with content. Throws on anything that is not such a PNG.
 */
export function summarizePng(png: Buffer): PngSummary {
  if (!png.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG (signature)');
  let offset = 8;
  let header:
    { width: number; height: number; bitDepth: number; colourType: number; interlace: number } | undefined;
  const data: Buffer[] = [];
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const body = png.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        bitDepth: body[8]!,
        colourType: body[9]!,
        interlace: body[12]!,
      };
    } else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
    offset += 12 + length;
  }
  if (!header) throw new Error('PNG without IHDR');
  const channels = CHANNELS[header.colourType];
  if (header.bitDepth !== 8 || channels === undefined || header.interlace !== 0) {
    throw new Error(`unsupported PNG: bit depth ${header.bitDepth}, colour type ${header.colourType}`);
  }
  const pixels = unfilter(inflateSync(Buffer.concat(data)), header.width, header.height, channels);
  const counts = new Map<string, number>();
  for (let i = 0; i < pixels.length; i += channels) {
    const colour = pixels.toString('hex', i, i + channels);
    counts.set(colour, (counts.get(colour) ?? 0) + 1);
  }
  const total = header.width * header.height;
  const background = Math.max(...counts.values());
  return {
    width: header.width,
    height: header.height,
    colours: counts.size,
    nonBackground: (total - background) / total,
  };
}

/** Reverses PNG's per-row filters (None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, width: number, height: number, bpp: number): Buffer {
  const stride = width * bpp;
  const out = Buffer.alloc(stride * height);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)]!;
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= bpp ? out[row * stride + i - bpp]! : 0;
      const up = row > 0 ? out[(row - 1) * stride + i]! : 0;
      const upLeft = row > 0 && i >= bpp ? out[(row - 1) * stride + i - bpp]! : 0;
      let predictor = 0;
      if (filter === 1) predictor = left;
      else if (filter === 2) predictor = up;
      else if (filter === 3) predictor = (left + up) >> 1;
      else if (filter === 4) predictor = paeth(left, up, upLeft);
      else if (filter !== 0) throw new Error(`unknown PNG filter ${filter}`);
      out[row * stride + i] = (line[i]! + predictor) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}
