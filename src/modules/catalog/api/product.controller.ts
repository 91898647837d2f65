import { Controller, Get, Param, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../shared/auth/auth.decorators';
import { ApiPageResponse, Page } from '../../../shared/http/pagination';
import { ProductQueryService } from '../application/product-query.service';
import { ProductSummaryDto, ShopperProductDto, ShopperProductQueryDto } from './dto/product.dto';

@ApiTags('app / catalog')
@Controller('app/products')
export class ProductController {
  constructor(private readonly products: ProductQueryService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'Products on sale: by category (with sub-categories) and keyword, sorted newest, by sales or by price' })
  @ApiPageResponse(ProductSummaryDto)
  list(@Query() query: ShopperProductQueryDto): Promise<Page<ProductSummaryDto>> {
    return this.products.listForShopper(query);
  }

  @Get(':id')
  @Public()
  @ApiOperation({ summary: 'A product on sale with its specs and SKUs (404 when off sale or deleted)' })
  @ApiOkResponse({ type: ShopperProductDto })
  detail(@Param('id', IdPipe) id: number): Promise<ShopperProductDto> {
    return this.products.shopperDetail(id);
  }
}
