import { AppConfig, ConfigError, loadConfig } from './config/app-config';

/** Loads the configuration or stops the process with one line naming the bad variable. */
export function loadConfigOrExit(): AppConfig {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}
