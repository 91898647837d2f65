import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentShopper, ShopperRoute } from '../../../shared/auth/auth.decorators';
import { CartService } from '../application/cart.service';
import { AddCartItemDto, CartDto, CartLineDto, ClearCartQueryDto, UpdateCartItemDto } from './dto/cart.dto';

@ApiTags('app / cart')
@Controller('app/cart')
export class CartController {
  constructor(private readonly cart: CartService) {}

  @Get()
  @ShopperRoute()
  @ApiOperation({ summary: 'The cart with current prices and availability per line' })
  @ApiOkResponse({ type: CartDto })
  view(@CurrentShopper() shopperId: number): Promise<CartDto> {
    return this.cart.view(shopperId);
  }

  @Post('items')
  @ShopperRoute()
  @ApiOperation({ summary: 'Add a SKU (merged into its line if present); 409 CART_FULL, OUT_OF_STOCK, PRODUCT_UNAVAILABLE; 400 CART_QUANTITY_EXCEEDED' })
  @ApiCreatedResponse({ type: CartLineDto })
  add(@CurrentShopper() shopperId: number, @Body() body: AddCartItemDto): Promise<CartLineDto> {
    return this.cart.add(shopperId, body.skuId, body.quantity);
  }

  @Patch('items/:id')
  @ShopperRoute()
  @ApiOperation({ summary: 'Change the quantity or selection of a line' })
  @ApiOkResponse({ type: CartLineDto })
  update(@CurrentShopper() shopperId: number, @Param('id', IdPipe) id: number, @Body() body: UpdateCartItemDto): Promise<CartLineDto> {
    return this.cart.update(shopperId, id, body);
  }

  @Delete('items/:id')
  @HttpCode(204)
  @ShopperRoute()
  @ApiOperation({ summary: 'Remove a line' })
  @ApiNoContentResponse()
  async remove(@CurrentShopper() shopperId: number, @Param('id', IdPipe) id: number): Promise<void> {
    await this.cart.remove(shopperId, id);
  }

  @Delete('items')
  @HttpCode(204)
  @ShopperRoute()
  @ApiOperation({ summary: 'Remove the selected lines (?selected=true), or every line' })
  @ApiNoContentResponse()
  async clear(@CurrentShopper() shopperId: number, @Query() query: ClearCartQueryDto): Promise<void> {
    await this.cart.clear(shopperId, query.selected === 'true');
  }
}
