import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { CartController } from './api/cart.controller';
import { CartService } from './application/cart.service';
import { CartItemRepository } from './infrastructure/cart-item.repository';
import { CartRepository } from './infrastructure/cart.repository';

@Module({
  imports: [CatalogModule],
  controllers: [CartController],
  providers: [CartService, CartRepository, CartItemRepository],
  exports: [CartService],
})
export class CartModule {}
