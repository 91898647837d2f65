import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermissions } from '../../../shared/auth/auth.decorators';
import { CategoryService } from '../application/category.service';
import { CatalogPermissions } from '../catalog.permissions';
import { presentAdminCategory } from './category-presenter';
import { AdminCategoryDto, CreateCategoryDto, UpdateCategoryDto } from './dto/category.dto';

@ApiTags('admin / categories')
@Controller('admin/categories')
export class AdminCategoryController {
  constructor(private readonly categories: CategoryService) {}

  @Get()
  @RequirePermissions(CatalogPermissions['category:read'])
  @ApiOperation({ summary: 'The whole category tree, disabled categories included' })
  @ApiOkResponse({ type: [AdminCategoryDto] })
  async tree(): Promise<AdminCategoryDto[]> {
    return (await this.categories.tree(false)).map(presentAdminCategory);
  }

  @Post()
  @RequirePermissions(CatalogPermissions['category:write'])
  @ApiOperation({ summary: 'Create a category (400 CATEGORY_NOT_FOUND for an unknown parent, CATEGORY_TOO_DEEP past 3 levels)' })
  @ApiCreatedResponse({ type: AdminCategoryDto })
  async create(@Body() body: CreateCategoryDto): Promise<AdminCategoryDto> {
    return presentAdminCategory(await this.categories.create(body));
  }

  @Patch(':id')
  @RequirePermissions(CatalogPermissions['category:write'])
  @ApiOperation({ summary: 'Rename, move (400 CATEGORY_CYCLE under itself), reorder or switch a category on/off' })
  @ApiOkResponse({ type: AdminCategoryDto })
  async update(@Param('id', IdPipe) id: number, @Body() body: UpdateCategoryDto): Promise<AdminCategoryDto> {
    return presentAdminCategory(await this.categories.update(id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @RequirePermissions(CatalogPermissions['category:write'])
  @ApiOperation({ summary: 'Delete a category; 409 CATEGORY_HAS_PRODUCTS or CATEGORY_HAS_CHILDREN while it holds any' })
  @ApiNoContentResponse()
  async remove(@Param('id', IdPipe) id: number): Promise<void> {
    await this.categories.remove(id);
  }
}
