import { Body, Controller, Get, HttpCode, Ip, Post } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { CurrentStaff, Public, StaffRoute } from '../../../shared/auth/auth.decorators';
import { ApiErrorDto } from '../../../shared/http/api-error';
import type { StaffPrincipal } from '../../../shared/http/request-context';
import { RefreshTokenDto } from '../../identity';
import { visibleMenu, ADMIN_MENU } from '../domain/menus';
import { StaffAuthService } from '../application/staff-auth.service';
import { AdminLoginDto, AdminProfileDto, AdminSessionDto, ChangePasswordDto } from './dto/admin-auth.dto';
import { MenuNodeDto } from './dto/menu.dto';

@ApiTags('admin / auth')
@Controller('admin/auth')
export class AdminAuthController {
  constructor(private readonly auth: StaffAuthService) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Staff login with username and password',
    description:
      'Rate-limited per IP and per username (RATE_LIMIT_LOGIN_PER_MINUTE each, 429 RATE_LIMITED). ' +
      'After 5 failed attempts in a row the account is locked for 15 minutes, twice as long for each further lockout in a row (at most a day); ' +
      'while locked, every attempt (even with the right password) answers 429 RATE_LIMITED with `details.retryAfterSeconds`. ' +
      'A successful login resets the count.',
  })
  @ApiOkResponse({ type: AdminSessionDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Wrong username or password, or a disabled account' })
  @ApiTooManyRequestsResponse({ type: ApiErrorDto, description: 'RATE_LIMITED: too many attempts, or the account is locked' })
  login(@Body() body: AdminLoginDto, @Ip() ip: string): Promise<AdminSessionDto> {
    return this.auth.login(body.username, body.password, ip);
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Swap a refresh token for a new token pair',
    description: 'Single use. Presenting a used refresh token ends that login (its whole family) and answers 401.',
  })
  @ApiOkResponse({ type: AdminSessionDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'Unknown, expired, used or revoked refresh token, or a disabled account' })
  refresh(@Body() body: RefreshTokenDto): Promise<AdminSessionDto> {
    return this.auth.refresh(body.refreshToken);
  }

  @StaffRoute()
  @Post('logout')
  @HttpCode(204)
  @ApiOperation({ summary: 'Log out', description: 'Revokes the refresh token and its family; the access token lives on until it expires.' })
  @ApiNoContentResponse({ description: 'Logged out' })
  async logout(@CurrentStaff() staff: StaffPrincipal, @Body() body: RefreshTokenDto): Promise<void> {
    await this.auth.logout(staff.staffId, body.refreshToken);
  }
}

@ApiTags('admin / me')
@Controller('admin/me')
export class AdminMeController {
  constructor(private readonly auth: StaffAuthService) {}

  @StaffRoute()
  @Get()
  @ApiOperation({ summary: 'The signed-in staff account: roles, permissions, store scope' })
  @ApiOkResponse({ type: AdminProfileDto })
  me(@CurrentStaff() staff: StaffPrincipal): Promise<AdminProfileDto> {
    return this.auth.profile(staff.staffId);
  }

  @StaffRoute()
  @Get('menus')
  @ApiOperation({ summary: 'The admin console menu this account may see', description: 'A tree; each page is tied to a permission the account holds.' })
  @ApiOkResponse({ type: MenuNodeDto, isArray: true })
  menus(@CurrentStaff() staff: StaffPrincipal): MenuNodeDto[] {
    return visibleMenu(ADMIN_MENU, (p) => staff.isSuperAdmin || staff.permissions.has(p));
  }

  @StaffRoute()
  @Post('password')
  @HttpCode(200)
  @ApiOperation({ summary: 'Change my password', description: 'Ends every other session of this account and returns a new token pair.' })
  @ApiOkResponse({ type: AdminSessionDto })
  @ApiUnauthorizedResponse({ type: ApiErrorDto, description: 'The current password is wrong' })
  changePassword(@CurrentStaff() staff: StaffPrincipal, @Body() body: ChangePasswordDto): Promise<AdminSessionDto> {
    return this.auth.changePassword(staff.staffId, body.currentPassword, body.newPassword);
  }
}
