import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import type Redis from 'ioredis';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { REDIS } from '../../shared/redis/redis.module';
import { InventoryModule } from '../inventory';
import { AdminCategoryController } from './api/admin-category.controller';
import { AdminMediaController } from './api/admin-media.controller';
import { AdminProductController } from './api/admin-product.controller';
import { CategoryController } from './api/category.controller';
import { ProductController } from './api/product.controller';
import { CatalogService } from './application/catalog.service';
import { CategoryService } from './application/category.service';
import { MediaService } from './application/media.service';
import { MemoryProductDetailCache, ProductDetailCache, RedisProductDetailCache } from './application/product-detail.cache';
import { ProductQueryService } from './application/product-query.service';
import { ProductSalesCounter } from './application/product-sales.counter';
import { ProductService } from './application/product.service';
import { MediaStaticMount } from './infrastructure/media-static';
import { LocalDiskMediaStorage, MediaStorage } from './infrastructure/media-storage';

@Module({
  imports: [
    InventoryModule,
    // Uploads are held in memory up to the larger limit; the per-kind limit is checked once the
    // content tells whether it is an image or a video.
    MulterModule.registerAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: Math.max(config.media.maxImageBytes, config.media.maxVideoBytes), files: 1, fields: 5, parts: 6 },
      }),
    }),
  ],
  controllers: [CategoryController, ProductController, AdminCategoryController, AdminProductController, AdminMediaController],
  providers: [
    CategoryService,
    ProductService,
    ProductQueryService,
    CatalogService,
    ProductSalesCounter,
    MediaService,
    MediaStaticMount,
    { provide: MediaStorage, useClass: LocalDiskMediaStorage },
    {
      provide: ProductDetailCache,
      inject: [REDIS],
      useFactory: (redis: Redis | null) => (redis ? new RedisProductDetailCache(redis) : new MemoryProductDetailCache()),
    },
  ],
  exports: [CatalogService],
})
export class CatalogModule {}
