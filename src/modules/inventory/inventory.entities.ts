import { SkuStockEntity } from './domain/sku-stock.entity';
import { StockLedgerEntity } from './domain/stock-ledger.entity';

/** The tables of the inventory context, contributed to the data source by src/entities.ts. */
export const inventoryEntities: Function[] = [SkuStockEntity, StockLedgerEntity];
