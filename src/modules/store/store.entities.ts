import { StoreEntity } from './domain/store.entity';

/** The tables of the store context, contributed to the data source by src/entities.ts. */
export const storeEntities: Function[] = [StoreEntity];
