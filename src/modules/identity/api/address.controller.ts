import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentShopper, ShopperRoute } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { AddressService, MAX_ADDRESSES_PER_SHOPPER } from '../application/address.service';
import { AddressDto, CreateAddressDto, UpdateAddressDto } from './dto/address.dto';

@ApiTags('app / addresses')
@Controller('app/addresses')
export class AddressController {
  constructor(private readonly addresses: AddressService) {}

  @ShopperRoute()
  @Get()
  @ApiOperation({ summary: 'My addresses, the default first' })
  @ApiOkResponse({ type: AddressDto, isArray: true })
  list(@CurrentShopper() shopperId: number): Promise<AddressDto[]> {
    return this.addresses.list(shopperId);
  }

  @ShopperRoute()
  @Get(':id')
  @ApiOperation({ summary: 'One of my addresses' })
  @ApiOkResponse({ type: AddressDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such address of yours' })
  get(@CurrentShopper() shopperId: number, @Param('id', IdPipe) id: number): Promise<AddressDto> {
    return this.addresses.get(shopperId, id);
  }

  @ShopperRoute()
  @Post()
  @ApiOperation({ summary: 'Add an address', description: `At most ${MAX_ADDRESSES_PER_SHOPPER} per shopper; the first one is the default.` })
  @ApiCreatedResponse({ type: AddressDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ADDRESS_LIMIT_REACHED' })
  create(@CurrentShopper() shopperId: number, @Body() body: CreateAddressDto): Promise<AddressDto> {
    return this.addresses.create(shopperId, body);
  }

  @ShopperRoute()
  @Patch(':id')
  @ApiOperation({ summary: 'Change an address', description: 'isDefault: true makes it the only default.' })
  @ApiOkResponse({ type: AddressDto })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such address of yours' })
  update(@CurrentShopper() shopperId: number, @Param('id', IdPipe) id: number, @Body() body: UpdateAddressDto): Promise<AddressDto> {
    return this.addresses.update(shopperId, id, body);
  }

  @ShopperRoute()
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete an address', description: 'Deleting the default makes the most recently changed other address the default.' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ApiErrorDto, description: 'No such address of yours' })
  async remove(@CurrentShopper() shopperId: number, @Param('id', IdPipe) id: number): Promise<void> {
    await this.addresses.remove(shopperId, id);
  }
}
