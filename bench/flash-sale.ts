/**
 * npm run flash-sale: 3 API processes + 1 worker on one scratch MariaDB database + Redis sell 100
 * units of one SKU to 1,000 concurrent buyers; a random half pays by callback (each sent twice)
 * and the pay timeout (1 minute, the shortest setting) cancels the other half.
 *   FLASH_UNITS (100), FLASH_BUYERS (1000), FLASH_APIS (3), BENCH_MYSQL_URL, BENCH_REDIS_URL
 */
import { runFlashSale } from './flash-sale-core';
import { startCluster } from './flash-sale-cluster';
import { checkServices, MYSQL_SERVER, REDIS_SERVER } from './harness';

async function main(): Promise<void> {
  await checkServices();
  const units = Number(process.env.FLASH_UNITS ?? 100);
  const buyers = Number(process.env.FLASH_BUYERS ?? 1000);
  const cluster = await startCluster({ mysqlServer: MYSQL_SERVER, redisServer: REDIS_SERVER, apiProcesses: Number(process.env.FLASH_APIS ?? 3), sweepIntervalSeconds: 5 });
  let failed: string[] = [];
  try {
    process.stdout.write(`${cluster.apis.length} API processes (${cluster.apis.join(', ')}) and 1 worker are up\n`);
    const r = await runFlashSale({ ...cluster, units, buyers, timeout: 'wait', cancelWithinMs: 150_000, log: (l) => process.stdout.write(l + '\n') });
    const half = Math.floor(units / 2);
    const checks: Array<[string, boolean]> = [
      [`exactly ${units} orders (${r.orders})`, r.orders === units && r.placed === units],
      [`every other buyer refused OUT_OF_STOCK (${r.outOfStock}), no other failure (${r.otherFailures.length})`, r.outOfStock === buyers - units && r.otherFailures.length === 0],
      [`stock 0 after the sale (${r.stockAfterSale})`, r.stockAfterSale === 0],
      [`no order paid twice (${r.paidTwice})`, r.paidTwice === 0],
      [`${half} paid (${r.paid})`, r.paid === half],
      [`${units - half} cancelled by the timer (${r.cancelled})`, r.cancelled === units - half],
      [`stock back to exactly ${units - half} (${r.stockAtEnd})`, r.stockAtEnd === units - half],
      [`every callback answered 204 (${JSON.stringify(r.callbackStatuses)})`, Object.keys(r.callbackStatuses).every((s) => s === '204')],
    ];
    for (const [what, ok] of checks) process.stdout.write(`${ok ? 'ok  ' : 'FAIL'}  ${what}\n`);
    failed = checks.filter(([, ok]) => !ok).map(([w]) => w);
    process.stdout.write(`Placement latency over ${buyers} concurrent buyers: p50 ${r.placementP50} ms, p99 ${r.placementP99} ms, max ${r.placementMax} ms\n`);
    if (r.otherFailures.length) process.stdout.write(`Other failures (first 5): ${r.otherFailures.slice(0, 5).join('; ')}\n`);
  } finally {
    await cluster.stop();
  }
  if (failed.length) {
    process.stderr.write(`Flash sale failed: ${failed.join('; ')}\n`);
    process.exit(1);
  }
}

main().catch((error) => {
  process.stderr.write(`Flash sale failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
