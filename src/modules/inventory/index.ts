export { InventoryModule } from './inventory.module';
export { InventoryService } from './application/inventory.service';
export type { OpeningStock, SalesChange, SalesCounter, SkuStockLevel, StockMovement, StockRef } from './application/inventory.service';
export type { StockLine } from './domain/stock-lines';
export type { StockReason, StockRefType } from './domain/stock-ledger.entity';
export { StockRanLowEvent } from './domain/stock.events';
export { InventoryPermissions } from './inventory.permissions';
