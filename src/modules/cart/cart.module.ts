import { Module } from '@nestjs/common';
import { CatalogModule } from '../catalog';
import { CartController } from './api/cart.controller';
import { CartService } from './application/cart.service';

@Module({
  imports: [CatalogModule],
  controllers: [CartController],
  providers: [CartService],
  exports: [CartService],
})
export class CartModule {}
