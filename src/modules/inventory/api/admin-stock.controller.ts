import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiPageResponse, Page, PageQueryDto } from '../../../shared/http/pagination';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { InventoryService } from '../application/inventory.service';
import { InventoryPermissions } from '../inventory.permissions';
import { AdjustStockDto, StockLedgerEntryDto, StockLevelDto } from './dto/stock.dto';

@ApiTags('admin / stock')
@Controller('admin/skus')
export class AdminStockController {
  constructor(private readonly inventory: InventoryService) {}

  @Post(':id/stock')
  @HttpCode(200)
  @RequirePermissions(InventoryPermissions['stock:write'])
  @ApiOperation({ summary: 'Adjust a SKU’s stock by a signed delta with a reason (never below zero: 409 INSUFFICIENT_STOCK)' })
  @ApiOkResponse({ type: StockLevelDto })
  adjust(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number, @Body() body: AdjustStockDto): Promise<StockLevelDto> {
    return this.inventory.adjust(id, body.delta, body.reason, staff.staffId);
  }

  @Get(':id/stock-ledger')
  @RequirePermissions(InventoryPermissions['stock:read'])
  @ApiOperation({ summary: 'Every stock change of a SKU, newest first' })
  @ApiPageResponse(StockLedgerEntryDto)
  async ledger(@Param('id', IdPipe) id: number, @Query() query: PageQueryDto): Promise<Page<StockLedgerEntryDto>> {
    const page = await this.inventory.ledger(id, query);
    return {
      ...page,
      items: page.items.map((e) => ({
        id: e.id,
        skuId: e.skuId,
        productId: e.productId,
        delta: e.delta,
        stockAfter: e.stockAfter,
        reason: e.reason,
        refType: e.refType,
        refId: e.refId,
        operatorId: e.operatorId,
        note: e.note,
        createdAt: e.createdAt.toISOString(),
      })),
    };
  }
}
