/**
 * Starts the protocol simulators for local development, so the mini-program flow can be tried
 * without WeChat:  npm run simulator
 * Then start the API with the printed environment lines (e.g. in .env). Each simulator speaks the
 * real wire protocol on loopback; ports are fixed so the .env lines stay valid across restarts.
 *
 *   WECHAT_SIMULATOR_PORT (9801), WECHAT_SIMULATOR_APPID, WECHAT_SIMULATOR_SECRET
 *   WECHATPAY_SIMULATOR_PORT (9802), WECHATPAY_SIMULATOR_AUTOPAY_SECONDS (3; 0 = never),
 *   WECHATPAY_SIMULATOR_NOTIFY_BASE_URL (http://localhost:3000: where the API listens)
 *
 * To add another simulator, append a starter to SIMULATORS.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { WechatSimulator } from '../test/support/wechat-simulator';
import { WechatPaySimulator } from '../test/support/wechatpay-simulator';

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

const startWechatPay: SimulatorStarter = async (host) => {
  const keyFile = resolve(process.cwd(), 'data/simulators/wechatpay-keys.json');
  const saved = existsSync(keyFile) ? JSON.parse(readFileSync(keyFile, 'utf8')) : undefined;
  const simulator = await new WechatPaySimulator({
    host,
    port: portFrom('WECHATPAY_SIMULATOR_PORT', 9802),
    appId: process.env.WECHAT_SIMULATOR_APPID || 'wx0000000000simulator',
    // Fixed identities, so the printed .env lines stay valid across restarts.
    mchId: '1900000109',
    apiV3Key: 'simulator-apiv3-key-0123456789ab',
    merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
    publicKeyId: 'PUB_KEY_ID_0119000001092026112500000000000001',
    keys: saved,
  }).start();
  if (!saved) {
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, JSON.stringify(simulator.exportKeys()), { mode: 0o600 });
  }
  const autopaySeconds = Number(process.env.WECHATPAY_SIMULATOR_AUTOPAY_SECONDS ?? 3);
  const seen = new Map<string, number>();
  const timer = setInterval(() => {
    if (!(autopaySeconds > 0)) return;
    for (const order of simulator.orders) {
      if (order.tradeState !== 'NOTPAY') continue;
      const first = seen.get(order.outTradeNo) ?? Date.now();
      seen.set(order.outTradeNo, first);
      if (Date.now() - first >= autopaySeconds * 1000) {
        simulator.pay(order.outTradeNo).catch((e) => process.stderr.write(`auto-pay of ${order.outTradeNo} failed: ${(e as Error).message}\n`));
      }
    }
  }, 500);
  const notifyBaseUrl = process.env.WECHATPAY_SIMULATOR_NOTIFY_BASE_URL || 'http://localhost:3000';
  return {
    name: 'WeChat Pay API v3',
    env: simulator.appEnv({ notifyBaseUrl }),
    notes: [
      autopaySeconds > 0 ? `Every prepaid order is paid ${autopaySeconds} s after its prepay (a signed, encrypted callback to the API).` : 'Auto-pay is off.',
      `Keys are kept in ${keyFile}.`,
    ],
    stop: async () => {
      clearInterval(timer);
      await simulator.stop();
    },
  };
};

const SIMULATORS: SimulatorStarter[] = [startWechat, startWechatPay];

async function main(): Promise<void> {
  const host = process.env.SIMULATOR_HOST || '127.0.0.1';
  const running: RunningSimulator[] = [];
  for (const start of SIMULATORS) running.push(await start(host));
  const lines = ['', 'Simulators running:'];
  for (const sim of running) {
    lines.push('', `  ${sim.name}`, ...sim.notes.map((n) => `    ${n}`));
  }
  lines.push('', 'Start the API with these environment lines (or put them in .env):', '');
  const env = new Map(running.flatMap((sim) => Object.entries(sim.env)));
  // PEM values go on one line with \n escapes, which the configuration reads back.
  for (const [key, value] of env) lines.push(value.includes('\n') ? `${key}="${value.replace(/\n/g, '\\n')}"` : `${key}=${value}`);
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
