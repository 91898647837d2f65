import { accessEntities } from '../modules/access';
import { auditEntities } from '../modules/audit';
import { identityEntities } from '../modules/identity';
import { SettingEntity } from '../shared/settings/setting.entity';

/**
 * Every entity of the application, listed explicitly so the app, the CLI, the migration
 * generator and jest all see the same set without file globs. Each module exports its own list.
 */
export const entities: Function[] = [SettingEntity, ...identityEntities, ...accessEntities, ...auditEntities];
