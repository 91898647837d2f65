import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentStaff, RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiPageResponse, Page } from '../../../shared/http/pagination';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { StoreAdminService } from '../application/store-admin.service';
import { StorePermissions } from '../store.permissions';
import { AdminStoreQueryDto, CreateStoreDto, StoreDto, UpdateStoreDto } from './dto/store.dto';
import { presentStore } from './store-presenter';

@ApiTags('admin / stores')
@Controller('admin/stores')
export class AdminStoreController {
  constructor(private readonly stores: StoreAdminService) {}

  @Get()
  @RequirePermissions(StorePermissions['store:read'])
  @ApiOperation({ summary: 'List stores (a store-scoped account sees only its stores)' })
  @ApiPageResponse(StoreDto)
  async list(@CurrentStaff() staff: StaffPrincipal, @Query() query: AdminStoreQueryDto): Promise<Page<StoreDto>> {
    const page = await this.stores.list(staff, query);
    return { ...page, items: page.items.map((s) => presentStore(s)) };
  }

  @Get(':id')
  @RequirePermissions(StorePermissions['store:read'])
  @ApiOperation({ summary: 'One store (404 outside the caller’s store scope)' })
  @ApiOkResponse({ type: StoreDto })
  async get(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number): Promise<StoreDto> {
    return presentStore(await this.stores.get(staff, id));
  }

  @Post()
  @RequirePermissions(StorePermissions['store:write'])
  @ApiOperation({ summary: 'Create a store (accounts limited to some stores cannot)' })
  @ApiCreatedResponse({ type: StoreDto })
  async create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateStoreDto): Promise<StoreDto> {
    return presentStore(await this.stores.create(staff, body));
  }

  @Patch(':id')
  @RequirePermissions(StorePermissions['store:write'])
  @ApiOperation({ summary: 'Change a store: hours, temporary closure (status), radius, service modes, ...' })
  @ApiOkResponse({ type: StoreDto })
  async update(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number, @Body() body: UpdateStoreDto): Promise<StoreDto> {
    return presentStore(await this.stores.update(staff, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(StorePermissions['store:write'])
  @ApiOperation({ summary: 'Delete a store (soft: past orders keep it; it takes no new orders)' })
  @ApiNoContentResponse()
  async remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number): Promise<void> {
    await this.stores.remove(staff, id);
  }
}
