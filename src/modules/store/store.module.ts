import { Module } from '@nestjs/common';
import { AdminStoreController } from './api/admin-store.controller';
import { StoreController } from './api/store.controller';
import { StoreAdminService } from './application/store-admin.service';
import { StoreService } from './application/store.service';

@Module({
  controllers: [StoreController, AdminStoreController],
  providers: [StoreService, StoreAdminService],
  exports: [StoreService],
})
export class StoreModule {}
