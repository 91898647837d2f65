import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '../../../shared/auth/auth.decorators';
import { CategoryService } from '../application/category.service';
import { presentCategoryNode } from './category-presenter';
import { CategoryNodeDto } from './dto/category.dto';

@ApiTags('app / catalog')
@Controller('app/categories')
export class CategoryController {
  constructor(private readonly categories: CategoryService) {}

  @Get()
  @Public()
  @ApiOperation({ summary: 'The category tree shoppers see (enabled categories, in display order)' })
  @ApiOkResponse({ type: [CategoryNodeDto] })
  async tree(): Promise<CategoryNodeDto[]> {
    return (await this.categories.tree(true)).map(presentCategoryNode);
  }
}
