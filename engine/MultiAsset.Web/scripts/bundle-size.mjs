// Prints every JS/CSS asset of dist/ with its gzipped size, and the JS total (budget: 600 KB gzipped).
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';

const dir = 'dist/assets';
let js = 0;
let css = 0;
const rows = [];
for (const f of readdirSync(dir)) {
  const buf = readFileSync(join(dir, f));
  const gz = gzipSync(buf, { level: 9 }).length;
  if (f.endsWith('.js')) js += gz;
  if (f.endsWith('.css')) css += gz;
  rows.push([f, buf.length, gz]);
}
rows.sort((a, b) => b[2] - a[2]);
for (const [f, raw, gz] of rows) console.log(`${f.padEnd(44)} ${(raw / 1024).toFixed(1).padStart(8)} KB  ${(gz / 1024).toFixed(1).padStart(7)} KB gz`);
console.log(`JS total gzipped: ${(js / 1024).toFixed(1)} KB (budget 600 KB)${js > 600 * 1024 ? '  OVER BUDGET' : ''}; CSS ${(css / 1024).toFixed(1)} KB gz`);
if (js > 600 * 1024) process.exit(1);
