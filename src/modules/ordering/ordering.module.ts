import { Module } from '@nestjs/common';
import { CartModule } from '../cart';
import { CatalogModule } from '../catalog';
import { IdentityModule } from '../identity';
import { InventoryModule } from '../inventory';
import { StoreModule } from '../store';
import { AdminOrderController } from './api/admin-order.controller';
import { OrderController } from './api/order.controller';
import { AfterSaleService } from './application/after-sale.service';
import { CheckoutService } from './application/checkout.service';
import { OrderLifecycleService } from './application/order-lifecycle.service';
import { OrderQueryService } from './application/order-query.service';
import { OrderSettingsService } from './application/order-settings';
import { OrderTransitions } from './application/order-transitions';
import { OrderingHooks } from './application/ordering-hooks';
import { AddressPort, CartPort, CatalogPort, InventoryPort, ShippingInfoPort, StorePort } from './application/ports';
import { ShippingUploadService } from './application/shipping-upload.service';
import { DiscountStageRegistry } from './application/pricing-stages';
import { IdentityAddressAdapter } from './infrastructure/address.adapter';
import { CartAdapter, CatalogAdapter, InventoryAdapter, StoreAdapter } from './infrastructure/checkout.adapters';
import { WechatShippingInfoAdapter } from './infrastructure/wechat-shipping.adapter';
import { OrderTimers } from './jobs/order-timers';
import { ShippingUploadJobs } from './jobs/shipping-upload.jobs';
import './ordering.permissions';

/** Ordering: checkout pricing, orders and their states, timers, after-sales. */
@Module({
  imports: [CatalogModule, InventoryModule, StoreModule, CartModule, IdentityModule],
  controllers: [OrderController, AdminOrderController],
  providers: [
    CheckoutService,
    OrderLifecycleService,
    OrderQueryService,
    OrderSettingsService,
    OrderTransitions,
    AfterSaleService,
    OrderingHooks,
    DiscountStageRegistry,
    OrderTimers,
    ShippingUploadService,
    ShippingUploadJobs,
    { provide: CatalogPort, useClass: CatalogAdapter },
    { provide: InventoryPort, useClass: InventoryAdapter },
    { provide: StorePort, useClass: StoreAdapter },
    { provide: CartPort, useClass: CartAdapter },
    { provide: AddressPort, useClass: IdentityAddressAdapter },
    { provide: ShippingInfoPort, useClass: WechatShippingInfoAdapter },
  ],
  exports: [OrderLifecycleService, OrderQueryService, AfterSaleService, OrderingHooks, DiscountStageRegistry],
})
export class OrderingModule {}
