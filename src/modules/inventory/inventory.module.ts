import { Module } from '@nestjs/common';
import { AdminStockController } from './api/admin-stock.controller';
import { InventoryService } from './application/inventory.service';
import { LowStockListener } from './application/low-stock.listener';

@Module({
  controllers: [AdminStockController],
  providers: [InventoryService, LowStockListener],
  exports: [InventoryService],
})
export class InventoryModule {}
