import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { IdPipe } from '../../../shared/http/id.pipe';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { CurrentStaff, RequirePermissions } from '../../../shared/auth/auth.decorators';
import { permissionRegistry } from '../../../shared/auth/permissions';
import { ApiErrorDto } from '../../../shared/http/api-error';
import { ApiPageResponse, Page, pageOf, PageQueryDto } from '../../../shared/http/pagination';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { AccessPermissions } from '../access.permissions';
import { RoleService } from '../application/role.service';
import { CreateRoleDto, PermissionDto, RoleDto, UpdateRoleDto } from './dto/role.dto';

@ApiTags('admin / roles')
@Controller('admin/roles')
export class RoleController {
  constructor(private readonly roles: RoleService) {}

  @RequirePermissions(AccessPermissions['role:read'])
  @Get()
  @ApiOperation({ summary: 'List roles (the super admin role first)' })
  @ApiPageResponse(RoleDto)
  async list(@Query() query: PageQueryDto): Promise<Page<RoleDto>> {
    const { items, total } = await this.roles.page(query.skip, query.pageSize);
    return pageOf(items, total, query);
  }

  @RequirePermissions(AccessPermissions['role:read'])
  @Get(':id')
  @ApiOperation({ summary: 'One role' })
  @ApiOkResponse({ type: RoleDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  get(@Param('id', IdPipe) id: number): Promise<RoleDto> {
    return this.roles.get(id);
  }

  @RequirePermissions(AccessPermissions['role:write'])
  @Post()
  @ApiOperation({ summary: 'Create a role', description: 'Only permissions you hold yourself can be put in a role.' })
  @ApiCreatedResponse({ type: RoleDto })
  @ApiBadRequestResponse({ type: ApiErrorDto, description: 'VALIDATION_FAILED, or UNKNOWN_PERMISSION with details.codes' })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ROLE_NAME_TAKEN' })
  create(@CurrentStaff() staff: StaffPrincipal, @Body() body: CreateRoleDto): Promise<RoleDto> {
    return this.roles.create(staff, body);
  }

  @RequirePermissions(AccessPermissions['role:write'])
  @Patch(':id')
  @ApiOperation({ summary: 'Change a role', description: 'The super admin role can only have its description changed.' })
  @ApiOkResponse({ type: RoleDto })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ROLE_NAME_TAKEN, SUPER_ADMIN_ROLE_PROTECTED' })
  update(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number, @Body() body: UpdateRoleDto): Promise<RoleDto> {
    return this.roles.update(staff, id, body);
  }

  @RequirePermissions(AccessPermissions['role:write'])
  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a role that no account holds' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiNotFoundResponse({ type: ApiErrorDto })
  @ApiConflictResponse({ type: ApiErrorDto, description: 'ROLE_IN_USE, SUPER_ADMIN_ROLE_PROTECTED' })
  async remove(@CurrentStaff() staff: StaffPrincipal, @Param('id', IdPipe) id: number): Promise<void> {
    await this.roles.remove(staff, id);
  }
}

@ApiTags('admin / roles')
@Controller('admin/permissions')
export class PermissionController {
  @RequirePermissions(AccessPermissions['role:read'])
  @Get()
  @ApiOperation({ summary: 'Every permission code with its description', description: 'Declared by the modules next to the routes that require them.' })
  @ApiOkResponse({ type: PermissionDto, isArray: true })
  list(): PermissionDto[] {
    return permissionRegistry().map((p) => ({ ...p }));
  }
}
