/**
 * Starts the protocol simulators for local development, so the mini-program flow can be tried
 * without WeChat:  npm run simulator
 * Then start the API with the printed environment lines (e.g. in .env). Each simulator speaks the
 * real wire protocol on loopback; ports are fixed so the .env lines stay valid across restarts.
 *
 *   WECHAT_SIMULATOR_PORT (9801), WECHAT_SIMULATOR_APPID, WECHAT_SIMULATOR_SECRET
 *
 * To add another simulator (e.g. WeChat Pay), append a starter to SIMULATORS.
 */
import { WechatSimulator } from '../test/support/wechat-simulator';

interface RunningSimulator {
  name: string;
  /** Environment lines for the API. */
  env: Record<string, string>;
  notes: string[];
  stop: () => Promise<void>;
}

type SimulatorStarter = (host: string) => Promise<RunningSimulator>;

function portFrom(variable: string, fallback: number): number {
  const raw = process.env[variable];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`${variable} must be a port number, got "${raw}"`);
  return port;
}

const startWechat: SimulatorStarter = async (host) => {
  const simulator = await WechatSimulator.start({
    host,
    port: portFrom('WECHAT_SIMULATOR_PORT', 9801),
    appId: process.env.WECHAT_SIMULATOR_APPID || 'wx0000000000simulator',
    secret: process.env.WECHAT_SIMULATOR_SECRET || 'simulator-secret-0123456789abcdef',
    acceptUnknownCodes: true,
  });
  return {
    name: 'WeChat mini-program API',
    env: { WECHAT_API_BASE: simulator.baseUrl, WECHAT_APPID: simulator.appId, WECHAT_SECRET: simulator.secret },
    notes: [
      'Any wx.login() code is accepted; the code "user:<name>" always logs in the same shopper.',
      'Any getPhoneNumber code gives 13800138000.',
    ],
    stop: () => simulator.stop(),
  };
};

const SIMULATORS: SimulatorStarter[] = [startWechat];

async function main(): Promise<void> {
  const host = process.env.SIMULATOR_HOST || '127.0.0.1';
  const running: RunningSimulator[] = [];
  for (const start of SIMULATORS) running.push(await start(host));
  const lines = ['', 'Simulators running:'];
  for (const sim of running) {
    lines.push('', `  ${sim.name}`, ...sim.notes.map((n) => `    ${n}`));
  }
  lines.push('', 'Start the API with these environment lines (or put them in .env):', '');
  for (const sim of running) for (const [key, value] of Object.entries(sim.env)) lines.push(`${key}=${value}`);
  lines.push('', 'Ctrl+C stops them.', '');
  process.stdout.write(`${lines.join('\n')}\n`);

  const stop = async () => {
    await Promise.all(running.map((s) => s.stop().catch(() => undefined)));
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error) => {
  process.stderr.write(`Simulators failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
