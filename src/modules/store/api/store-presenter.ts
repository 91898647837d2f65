import { toStoreView } from '../application/store.views';
import type { StoreEntity } from '../domain/store.entity';
import type { StoreDto } from './dto/store.dto';

/** The staff view of a store: the shared store view plus whether it is open now and its timestamps. */
export function presentStore(store: StoreEntity, at: Date = new Date()): StoreDto {
  return {
    ...toStoreView(store),
    isOpen: store.isOpenAt(at),
    createdAt: store.createdAt.toISOString(),
    updatedAt: store.updatedAt.toISOString(),
  };
}
