import { randomBytes } from 'node:crypto';
import { createConnection } from 'mysql2/promise';

/**
 * Creates a uniquely named database on the server of `serverUrl` (a mysql:// URL, database part
 * ignored), runs `work` with its URL, and drops it afterwards whatever happens.
 */
export async function withScratchMysqlDatabase<T>(serverUrl: string, prefix: string, work: (url: string) => Promise<T>): Promise<T> {
  const { url, drop } = await createScratchMysqlDatabase(serverUrl, prefix);
  try {
    return await work(url);
  } finally {
    await drop();
  }
}

export async function createScratchMysqlDatabase(serverUrl: string, prefix: string): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const server = new URL(serverUrl.replace(/^mariadb:/, 'mysql:'));
  server.pathname = '/';
  const name = `${prefix}_${process.pid}_${randomBytes(3).toString('hex')}`;
  const admin = await createConnection({ uri: server.toString() });
  try {
    await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.end();
  }
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const conn = await createConnection({ uri: server.toString() });
      try {
        await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await conn.end();
      }
    },
  };
}
