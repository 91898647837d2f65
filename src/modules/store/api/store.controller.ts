import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../shared/auth/auth.decorators';
import { ValidationFailedError } from '../../../shared/http/validation';
import { StoreService } from '../application/store.service';
import { NearbyStoreDto, NearbyStoresQueryDto } from './dto/store.dto';

@ApiTags('app / stores')
@Controller('app/stores')
export class StoreController {
  constructor(private readonly stores: StoreService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Stores, open and closed, nearest first with distances when a location is given' })
  @ApiOkResponse({ type: [NearbyStoreDto] })
  async nearby(@Query() query: NearbyStoresQueryDto): Promise<NearbyStoreDto[]> {
    if ((query.latitude === undefined) !== (query.longitude === undefined)) {
      throw new ValidationFailedError([{ field: 'latitude', message: 'latitude and longitude go together' }]);
    }
    const location = query.latitude !== undefined ? { latitude: query.latitude, longitude: query.longitude! } : null;
    const stores = await this.stores.nearby(location);
    return stores.map((s) => ({
      id: s.id,
      name: s.name,
      address: s.address,
      phone: s.phone,
      latitude: s.latitude,
      longitude: s.longitude,
      distanceMeters: s.distanceMeters,
      isOpen: s.isOpen,
      serviceModes: s.serviceModes,
      businessHours: s.businessHours,
      deliveryRadiusMeters: s.deliveryRadiusMeters,
      localDeliveryFee: s.localDeliveryFee,
    }));
  }
}
