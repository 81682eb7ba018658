// Shared steps of the browser tests: sign in as a user would, wait for the live stream, read a panel's cells.
import assert from 'node:assert/strict';

/** Opens the host's root page, signs in with the key and waits until the header shows the role and the stream is live. */
export async function signIn(page, host, key, role) {
  await page.goto(`${host.url}/`);
  await page.getByTestId('signin-key').fill(key);
  await page.getByTestId('signin-submit').click();
  await page.getByTestId('role').waitFor();
  assert.equal(await page.getByTestId('role').textContent(), role);
  await waitForConnection(page, 'live');
}

export async function waitForConnection(page, state, timeout = 60_000) {
  await page.waitForSelector(`[data-testid="connection-state"][data-state="${state}"]`, { timeout });
}

export async function openPage(page, name) {
  await page.getByTestId(`nav-${name}`).click();
}

/** Replaces the text of a CodeMirror editor the way a user does: click, select all, type. */
export async function typeInEditor(page, testId, text) {
  const content = page.locator(`[data-testid="${testId}"] .cm-content`);
  await content.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text, { delay: 5 });
}

/** Polls fn until it returns a truthy value (then returns it) or the timeout passes (then fails with the message). */
export async function eventually(fn, message, timeout = 60_000, interval = 500) {
  const until = Date.now() + timeout;
  let last;
  while (Date.now() < until) {
    last = await fn();
    if (last) return last;
    await new Promise((r) => setTimeout(r, interval));
  }
  assert.fail(`${message} (last: ${JSON.stringify(last)})`);
}
