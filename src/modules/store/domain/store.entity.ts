import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, JsonColumn, MoneyColumn, TimestampColumn, UpdatedAtColumn } from '../../../database/columns';
import { BusinessHoursRange, isWithinBusinessHours, localClock } from './business-hours';
import { distanceMeters, GeoPoint } from './geo';
import { DEFAULT_TIME_ZONE, DeliveryType, StoreStatus } from './store.types';

@Entity('store')
export class StoreEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 64 })
  name: string;

  @Column({ type: 'varchar', length: 255 })
  address: string;

  @Column({ type: 'double' })
  latitude: number;

  @Column({ type: 'double' })
  longitude: number;

  @Column({ type: 'varchar', length: 32 })
  phone: string;

  @JsonColumn()
  businessHours: BusinessHoursRange[];

  @Column({ type: 'int', default: 0 })
  deliveryRadiusMeters: number;

  /** Local delivery fee in fen, charged on LOCAL_DELIVERY orders of this store. */
  @MoneyColumn()
  localDeliveryFee: number;

  @JsonColumn()
  serviceModes: DeliveryType[];

  @Column({ type: 'varchar', length: 16, default: 'OPEN' })
  status: StoreStatus;

  @Column({ type: 'varchar', length: 64, default: DEFAULT_TIME_ZONE })
  timeZone: string;

  @TimestampColumn({ nullable: true })
  deletedAt: Date | null;

  @CreatedAtColumn()
  createdAt: Date;

  @UpdatedAtColumn()
  updatedAt: Date;

  /** Open now: not temporarily closed, and inside its business hours in its own time zone. */
  isOpenAt(at: Date): boolean {
    return this.status === 'OPEN' && isWithinBusinessHours(this.businessHours, localClock(at, this.timeZone));
  }

  supports(deliveryType: DeliveryType): boolean {
    return this.serviceModes.includes(deliveryType);
  }

  distanceTo(point: GeoPoint): number {
    return distanceMeters({ latitude: this.latitude, longitude: this.longitude }, point);
  }
}
