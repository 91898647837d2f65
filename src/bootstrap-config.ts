import { AppConfig, ConfigError, loadConfig } from './config/app-config';
import { loadDotEnv } from './config/dotenv';

/**
 * Reads `.env` from the working directory (real environment variables win), then loads the
 * configuration or stops the process with one line naming the bad variable.
 */
export function loadConfigOrExit(): AppConfig {
  try {
    loadDotEnv();
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
