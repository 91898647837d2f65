import { Body, Controller, Get, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentStaff, RequirePermissions } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { ApiPageResponse, Page, pageOf } from '../../../shared/http/pagination';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { AccessPermissions } from '../access.permissions';
import { AdminAccountService } from '../application/admin-account.service';
import { AdminDto, AdminQueryDto, CreateAdminDto, UpdateAdminDto } from './dto/admin-account.dto';

@ApiTags('admin / staff accounts')
@Controller('admin/admins')
export class AdminAccountController {
  constructor(private readonly admins: AdminAccountService) {}

  @RequirePermissions(AccessPermissions['admin:read'])
  @Get()
  @ApiOperation({ summary: 'List staff accounts' })
  @ApiPageResponse(AdminDto)
  async list(@Query() query: AdminQueryDto): Promise<Page<AdminDto>> {
    const { items, total } = await this.admins.page(query.skip, query.pageSize, { username: query.username, status: query.status });
    return pageOf(items, total, query);
  }

  @RequirePermissions(AccessPermissions['admin:read'])
  @Get(':id')
  @ApiOperation({ summary: 'One staff account' })
  @ApiOkResponse({ type: AdminDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id', IdPipe) id: number): Promise<AdminDto> {
    return this.admins.get(id);
  }

  @RequirePermissions(AccessPermissions['admin:write'])
  @Post()
  @ApiOperation({
    summary: 'Create a staff account',
    description: 'Roles only within your own permissions (the super admin role only by a super admin); stores only within your own scope.',
  })
  @ApiCreatedResponse({ type: AdminDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED, UNKNOWN_ROLE' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'USERNAME_TAKEN' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateAdminDto): Promise<AdminDto> {
    return this.admins.create(staff, body);
  }

  @RequirePermissions(AccessPermissions['admin:write'])
  @Patch(':id')
  @ApiOperation({
    summary: 'Change a staff account: password, roles, store scope, status, lockout',
    description: 'A new password or DISABLED ends the account\'s sessions at once. The last active super admin cannot be disabled or lose the role.',
  })
  @ApiOkResponse({ type: AdminDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'LAST_SUPER_ADMIN, CANNOT_DISABLE_SELF' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number, @Body() body: UpdateAdminDto): Promise<AdminDto> {
    return this.admins.update(staff, id, body);
  }
}
