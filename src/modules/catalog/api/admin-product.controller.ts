import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiPageResponse, Page } from '../../../shared/http/pagination';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { ProductQueryService } from '../application/product-query.service';
import { ProductService } from '../application/product.service';
import type { AdminProductDetail } from '../application/product.views';
import { CatalogPermissions } from '../catalog.permissions';
import { AdminProductDto, AdminProductQueryDto, AdminProductSummaryDto, CreateProductDto, UpdateProductDto } from './dto/product.dto';

function present(product: AdminProductDetail): AdminProductDto {
  return { ...product, createdAt: product.createdAt.toISOString(), updatedAt: product.updatedAt.toISOString() };
}

@ApiTags('admin / products')
@Controller('admin/products')
export class AdminProductController {
  constructor(
    private readonly products: ProductService,
    private readonly query: ProductQueryService,
  ) {}

  @Get()
  @RequirePermissions(CatalogPermissions['product:read'])
  @ApiOperation({ summary: 'Products (not deleted), newest first, with total stock' })
  @ApiPageResponse(AdminProductSummaryDto)
  async list(@Query() query: AdminProductQueryDto): Promise<Page<AdminProductSummaryDto>> {
    const page = await this.query.listForAdmin(query);
    return { ...page, items: page.items.map((p) => ({ ...p, createdAt: p.createdAt.toISOString(), updatedAt: p.updatedAt.toISOString() })) };
  }

  @Get(':id')
  @RequirePermissions(CatalogPermissions['product:read'])
  @ApiOperation({ summary: 'A product with its SKUs, stock and thresholds' })
  @ApiOkResponse({ type: AdminProductDto })
  async get(@Param('id', IdPipe) id: number): Promise<AdminProductDto> {
    return present(await this.query.adminDetail(id));
  }

  @Post()
  @RequirePermissions(CatalogPermissions['product:write'])
  @ApiOperation({ summary: 'Create a product with its SKUs (400 SPEC_SKU_MISMATCH, CATEGORY_NOT_FOUND; 409 SKU_CODE_TAKEN)' })
  @ApiCreatedResponse({ type: AdminProductDto })
  async create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateProductDto): Promise<AdminProductDto> {
    return present(await this.products.create(body, staff.staffId));
  }

  @Patch(':id')
  @RequirePermissions(CatalogPermissions['product:write'])
  @ApiOperation({
    summary: 'Change a product; specs and skus together replace the SKU list (unchanged combinations keep their ids), status puts it on or off sale',
  })
  @ApiOkResponse({ type: AdminProductDto })
  async update(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number, @Body() body: UpdateProductDto): Promise<AdminProductDto> {
    return present(await this.products.update(id, body, staff.staffId));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(CatalogPermissions['product:write'])
  @ApiOperation({ summary: 'Delete a product (soft: orders keep their snapshots)' })
  @ApiNoContentResponse()
  async remove(@Param('id', IdPipe) id: number): Promise<void> {
    await this.products.remove(id);
  }
}
