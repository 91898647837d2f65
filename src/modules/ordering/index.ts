import { AfterSaleEntity, AfterSaleItemEntity } from './domain/after-sale.entity';
import { OrderItemEntity } from './domain/order-item.entity';
import { OrderLogEntity } from './domain/order-log.entity';
import { OrderEntity } from './domain/order.entity';
import { ShippingUploadEntity } from './domain/shipping-upload.entity';

export { OrderingModule } from './ordering.module';
export { AfterSaleService } from './application/after-sale.service';
export type { RefundInstruction } from './application/after-sale.service';
export { OrderLifecycleService } from './application/order-lifecycle.service';
export { OrderQueryService } from './application/order-query.service';
export { OrderingHooks } from './application/ordering-hooks';
export type { PaidTransaction, PaidTransactionReader, PaymentHistoryReader, PaymentStatusProbe } from './application/ordering-hooks';
export { ShippingUploadService } from './application/shipping-upload.service';
export { ShippingUploadEntity } from './domain/shipping-upload.entity';
export { DiscountStageRegistry } from './application/pricing-stages';
export type { DiscountStage, DiscountContext, DiscountOutcome } from './application/pricing-stages';
export { AddressPort, CartPort, CatalogPort, InventoryPort, StorePort } from './application/ports';
export type { CheckoutSku, OrderableStore, StockLine } from './application/ports';
export { OrderEntity } from './domain/order.entity';
export { OrderStateInvalidError } from './domain/ordering.errors';
export * from './domain/ordering.events';

export const orderingEntities: Function[] = [OrderEntity, OrderItemEntity, OrderLogEntity, AfterSaleEntity, AfterSaleItemEntity, ShippingUploadEntity];
