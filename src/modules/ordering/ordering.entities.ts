import { AfterSaleEntity, AfterSaleItemEntity } from './domain/after-sale.entity';
import { OrderItemEntity } from './domain/order-item.entity';
import { OrderLogEntity } from './domain/order-log.entity';
import { OrderEntity } from './domain/order.entity';
import { ShippingUploadEntity } from './domain/shipping-upload.entity';

/** The tables of the ordering context, contributed to the data source by src/entities.ts. */
export const orderingEntities: Function[] = [OrderEntity, OrderItemEntity, OrderLogEntity, AfterSaleEntity, AfterSaleItemEntity, ShippingUploadEntity];
