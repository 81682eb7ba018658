// Prints "passed failed skipped" for a JUnit XML file (Vitest's and node:test's reporters).
// A <testcase> with a <failure> or <error> child failed; with <skipped> it was skipped; otherwise it passed.
import { readFileSync } from 'node:fs';

const xml = readFileSync(process.argv[2], 'utf8');
let passed = 0, failed = 0, skipped = 0;
// Each case runs from its "<testcase" to the next one (or the end): enough to see its children.
for (const block of xml.split('<testcase').slice(1)) {
  const body = block.split(/<testcase|<\/testsuite>/)[0];
  if (/<failure|<error/.test(body)) failed++;
  else if (/<skipped/.test(body)) skipped++;
  else passed++;
}
console.log(`${passed} ${failed} ${skipped}`);
