// Starts a real MultiAsset host (the Release build run.sh made) on free loopback ports, with a copy of config/ in a
// temporary folder so the journal and keys are the test's own. restart() stops it and starts it again on the same
// ports and journal, as an operator restarting the service would.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const repoDir = resolve(import.meta.dirname, '../../..');
const hostDll = join(repoDir, 'engine/MultiAsset.Host/bin/Release/net10.0/MultiAsset.Host.dll');
const webRoot = join(repoDir, 'engine/MultiAsset.Web/dist');

/** The keys the tests sign in with: the shipped dev keys plus a trader and an account-scoped trader. */
export const keys = {
  admin: 'mae-dev-admin-key',
  viewer: 'mae-dev-viewer-key',
  trader: 'mae-e2e-trader-key',
  scoped: 'mae-e2e-scoped-key',
};
export const scopedAccount = 'safe-haven';

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

async function freePort() {
  return new Promise((done, fail) => {
    const server = createServer();
    server.unref();
    server.on('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => done(port));
    });
  });
}

export class Host {
  constructor(directory, port, grpcPort) {
    this.directory = directory;
    this.port = port;
    this.grpcPort = grpcPort;
    this.url = `http://127.0.0.1:${port}`;
    this.process = null;
    this.log = '';
  }

  /** Starts a host on a copy of config/ with `configName` (engine.json: the shipped defaults) as its configuration. */
  static async start({ configName = 'engine.json' } = {}) {
    if (!existsSync(hostDll)) throw new Error(`${hostDll} is missing: build first (./run.sh test builds it)`);
    if (!existsSync(join(webRoot, 'index.html'))) throw new Error(`${webRoot}/index.html is missing: the web UI is not built`);
    const directory = mkdtempSync(join(tmpdir(), 'mae-e2e-'));
    cpSync(join(repoDir, 'config'), join(directory, 'config'), { recursive: true, filter: (src) => !src.startsWith(join(repoDir, 'config/data')) });
    const host = new Host(directory, await freePort(), await freePort());
    host.writeConfig(configName);
    await host.launch();
    return host;
  }

  writeConfig(configName) {
    const path = join(this.directory, 'config', configName);
    const config = JSON.parse(readFileSync(path, 'utf8'));
    if (config.journal) config.journal.directory = join(this.directory, 'journal');
    config.control.listen = `127.0.0.1:${this.port}`;
    config.control.grpcListen = `127.0.0.1:${this.grpcPort}`;
    config.control.webRoot = webRoot;
    config.control.apiKeys.push(
      { name: 'e2e-trader', role: 'trader', sha256: sha256(keys.trader) },
      { name: 'e2e-scoped', role: 'trader', sha256: sha256(keys.scoped), accounts: [scopedAccount] },
    );
    writeFileSync(path, JSON.stringify(config, null, 2));
    this.configPath = path;
  }

  async launch() {
    this.process = spawn('dotnet', [hostDll, '--config', this.configPath], { cwd: this.directory, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk) => { this.log = (this.log + chunk).slice(-20_000); };
    this.process.stdout.on('data', keep);
    this.process.stderr.on('data', keep);
    const exited = new Promise((_, fail) => this.process.once('exit', (code) => fail(new Error(`host exited with ${code}:\n${this.log}`))));
    await Promise.race([this.waitReady(), exited]);
  }

  async waitReady(timeoutMs = 60_000) {
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
      try {
        const response = await fetch(`${this.url}/api/multi-asset/status`, { headers: { 'X-Api-Key': keys.viewer } });
        if (response.ok && (await response.json()).engine === 'running') return;
      } catch { /* not listening yet */ }
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`host not ready after ${timeoutMs} ms:\n${this.log}`);
  }

  /** A REST call as the given key; returns the parsed JSON (throws with the problem's detail on a non-2xx). */
  async api(path, key = keys.admin, init = {}) {
    const response = await fetch(`${this.url}/api/multi-asset${path}`, {
      ...init,
      headers: { 'X-Api-Key': key, 'Content-Type': 'application/json', ...(init.headers ?? {}) },
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : null;
  }

  async stop() {
    if (!this.process || this.process.exitCode !== null) return;
    const exited = new Promise((done) => this.process.once('exit', done));
    this.process.kill('SIGTERM');
    const timer = setTimeout(() => this.process.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(timer);
  }

  async restart() {
    await this.stop();
    await this.launch();
  }

  async dispose() {
    await this.stop();
    rmSync(this.directory, { recursive: true, force: true });
  }
}
