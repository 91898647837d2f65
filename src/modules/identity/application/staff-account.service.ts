import { Inject, Injectable, Logger } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { containsPattern, likeCondition } from '../../../database/like-pattern';
import { TransactionRunner } from '../../../database/transaction-runner';
import { TokenService } from '../../../shared/auth/token.service';
import { ConflictError, NotFoundError, RateLimitedError, UnauthorizedError } from '../../../shared/domain/domain-error';
import { BadLoginError } from '../domain/identity.errors';
import { LOCKOUT_THRESHOLD, lockoutDurationMs } from '../domain/lockout';
import { hashPassword, needsRehash, verifyPassword } from '../domain/password-hasher';
import { StaffAccountEntity, StaffStatus } from '../domain/staff-account.entity';
import { LoginRateLimiter } from '../infrastructure/login-rate-limiter';
import { RefreshTokenService } from './refresh-token.service';
import { TokenPair } from './shopper.views';

/** What other contexts (access) see of a staff account; never the password hash. */
export interface StaffAccountView {
  id: number;
  username: string;
  status: StaffStatus;
  tokenVersion: number;
  lockedUntil: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

function toView(a: StaffAccountEntity): StaffAccountView {
  return {
    id: a.id,
    username: a.username,
    status: a.status,
    tokenVersion: a.tokenVersion,
    lockedUntil: a.lockedUntil && a.lockedUntil.getTime() > Date.now() ? a.lockedUntil : null,
    lastLoginAt: a.lastLoginAt,
    createdAt: a.createdAt,
  };
}

export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}


/**
 * Staff credentials: accounts, password hashes (scrypt), login with a per-IP and per-account rate
 * limit and a lockout after repeated failures, refresh and logout. Roles and store scopes belong to
 * the access context, which composes these.
 *
 * Lockout: every attempt first reserves a slot with a conditional update (fewer than
 * LOCKOUT_THRESHOLD attempts since the last success, and not locked), so concurrent guesses cannot
 * get more than LOCKOUT_THRESHOLD tries; the failure that reaches the threshold locks the account
 * for 15 minutes, doubling with each lockout in a row. A locked account answers 429 RATE_LIMITED.
 */
@Injectable()
export class StaffAccountService {
  private readonly logger = new Logger('StaffAccounts');
  private dummyHash: Promise<string> | null = null;

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly dataSource: DataSource,
    private readonly tx: TransactionRunner,
    private readonly tokens: TokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: LoginRateLimiter,
  ) {}

  /** Hash a password before opening a transaction (it takes a fraction of a second of CPU). */
  hashPassword(password: string): Promise<string> {
    return hashPassword(password, this.config.passwordHashCost);
  }

  /** Creates an account in the caller's transaction; 409 USERNAME_TAKEN when the name is in use. */
  async create(em: EntityManager, username: string, passwordHash: string): Promise<StaffAccountView> {
    const name = normalizeUsername(username);
    if (await em.existsBy(StaffAccountEntity, { username: name })) throw new ConflictError('USERNAME_TAKEN', `The username "${name}" is taken`);
    const inserted = await em.insert(StaffAccountEntity, { username: name, passwordHash, status: 'ACTIVE', tokenVersion: 1 });
    return toView(await em.findOneByOrFail(StaffAccountEntity, { id: inserted.identifiers[0].id as number }));
  }

  async count(em?: EntityManager): Promise<number> {
    return (em ?? this.dataSource.manager).count(StaffAccountEntity);
  }

  async findById(id: number, em?: EntityManager): Promise<StaffAccountView | null> {
    const row = await (em ?? this.dataSource.manager).findOneBy(StaffAccountEntity, { id });
    return row ? toView(row) : null;
  }

  async findByIds(ids: number[], em?: EntityManager): Promise<StaffAccountView[]> {
    if (ids.length === 0) return [];
    return (await (em ?? this.dataSource.manager).findBy(StaffAccountEntity, { id: In([...new Set(ids)]) })).map(toView);
  }

  async page(skip: number, take: number, filter: { username?: string; status?: StaffStatus } = {}): Promise<{ items: StaffAccountView[]; total: number }> {
    const qb = this.dataSource.manager.createQueryBuilder(StaffAccountEntity, 'a').orderBy('a.id', 'ASC').skip(skip).take(take);
    if (filter.username) qb.andWhere(likeCondition('a.username', 'u'), { u: containsPattern(filter.username.toLowerCase()) });
    if (filter.status) qb.andWhere('a.status = :s', { s: filter.status });
    const [rows, total] = await qb.getManyAndCount();
    return { items: rows.map(toView), total };
  }

  /** Sets a new password hash, ends every session of the account and kills its access tokens. */
  async setPassword(em: EntityManager, id: number, passwordHash: string): Promise<void> {
    const result = await em
      .createQueryBuilder()
      .update(StaffAccountEntity)
      .set({ passwordHash, passwordChangedAt: new Date(), tokenVersion: () => 'token_version + 1', failedLoginCount: 0, lockoutCount: 0, lockedUntil: null })
      .where('id = :id', { id })
      .execute();
    if (result.affected === 0) throw new NotFoundError('Staff account');
    await this.refreshTokens.revokeAll(em, 'staff', id);
  }

  /** Enables or disables an account; disabling ends its sessions and kills its access tokens. */
  async setStatus(em: EntityManager, id: number, status: StaffStatus): Promise<void> {
    const qb = em.createQueryBuilder().update(StaffAccountEntity).set(status === 'DISABLED' ? { status, tokenVersion: () => 'token_version + 1' } : { status });
    const result = await qb.where('id = :id', { id }).execute();
    if (result.affected === 0) throw new NotFoundError('Staff account');
    if (status === 'DISABLED') await this.refreshTokens.revokeAll(em, 'staff', id);
  }

  /** Lifts a lockout (an administrator's action). */
  async unlock(em: EntityManager, id: number): Promise<void> {
    await em.update(StaffAccountEntity, { id }, { failedLoginCount: 0, lockoutCount: 0, lockedUntil: null });
  }

  /**
   * Checks a username and password (rate limits and lockout first) and opens a session.
   * 401 for a wrong username or password (the same answer, and about the same time, for both),
   * 429 RATE_LIMITED while the account is locked or the IP / account is over the login rate.
   */
  async login(username: string, password: string, ip: string): Promise<{ account: StaffAccountView; tokens: TokenPair }> {
    const name = normalizeUsername(username).slice(0, 64);
    await this.limiter.hit([`staff-ip:${ip}`, `staff-account:${name}`]);
    const account = await this.dataSource.manager.findOneBy(StaffAccountEntity, { username: name });
    if (!account) {
      // Spend the same time as a real check, so response times do not reveal usernames.
      await verifyPassword(password, await this.getDummyHash());
      throw new BadLoginError();
    }
    await this.reserveAttempt(account.id);
    const ok = await verifyPassword(password, account.passwordHash);
    if (!ok) {
      await this.recordFailure(account.id);
      throw new BadLoginError();
    }
    const rehash = needsRehash(account.passwordHash, this.config.passwordHashCost) ? await this.hashPassword(password) : null;
    const result = await this.tx.run(async (em) => {
      const current = await em.findOneByOrFail(StaffAccountEntity, { id: account.id });
      if (current.status !== 'ACTIVE') return null;
      await em.update(StaffAccountEntity, { id: account.id }, { failedLoginCount: 0, lockoutCount: 0, lockedUntil: null, lastLoginAt: new Date(), ...(rehash ? { passwordHash: rehash } : {}) });
      const refreshToken = await this.refreshTokens.issue(em, 'staff', current.id);
      return { account: { ...current, failedLoginCount: 0, lockoutCount: 0, lockedUntil: null }, refreshToken };
    });
    if (!result) {
      // A disabled account answers (and counts) the right password exactly as a wrong one, so
      // neither the answer nor the lockout tells a guesser that the password was right.
      await this.recordFailure(account.id);
      throw new BadLoginError();
    }
    return { account: toView(result.account), tokens: this.pair(result.account, result.refreshToken) };
  }

  async refresh(refreshToken: string): Promise<{ account: StaffAccountView; tokens: TokenPair }> {
    let account: StaffAccountEntity | null = null;
    const rotated = await this.refreshTokens.rotate('staff', refreshToken, async (subjectId, em) => {
      account = await em.findOneBy(StaffAccountEntity, { id: subjectId });
      if (!account || account.status !== 'ACTIVE') throw new UnauthorizedError('This staff account cannot sign in');
    });
    return { account: toView(account!), tokens: this.pair(account!, rotated.refreshToken) };
  }

  async logout(staffId: number, refreshToken: string): Promise<void> {
    await this.refreshTokens.revokeFamilyOf('staff', staffId, refreshToken);
  }

  /** The account owner changes its password: the current one is required; other sessions end. */
  async changeOwnPassword(staffId: number, currentPassword: string, newPassword: string): Promise<{ account: StaffAccountView; tokens: TokenPair }> {
    const account = await this.dataSource.manager.findOneBy(StaffAccountEntity, { id: staffId });
    if (!account) throw new NotFoundError('Staff account');
    if (!(await verifyPassword(currentPassword, account.passwordHash))) {
      throw new UnauthorizedError('The current password is wrong');
    }
    const hash = await this.hashPassword(newPassword);
    const result = await this.tx.run(async (em) => {
      await this.setPassword(em, staffId, hash);
      const current = await em.findOneByOrFail(StaffAccountEntity, { id: staffId });
      return { account: current, refreshToken: await this.refreshTokens.issue(em, 'staff', staffId) };
    });
    return { account: toView(result.account), tokens: this.pair(result.account, result.refreshToken) };
  }

  private pair(account: StaffAccountEntity, refreshToken: string): TokenPair {
    return {
      accessToken: this.tokens.signAccess('staff', account.id, { ver: account.tokenVersion }),
      refreshToken,
      expiresIn: this.tokens.accessTtlSeconds,
    };
  }

  /** Takes one of the LOCKOUT_THRESHOLD attempts; 429 when the account is locked or out of attempts. */
  private async reserveAttempt(id: number): Promise<void> {
    const now = new Date();
    const reserved = await this.tx.run((em) =>
      em
        .createQueryBuilder()
        .update(StaffAccountEntity)
        .set({ failedLoginCount: () => 'failed_login_count + 1' })
        .where('id = :id', { id })
        .andWhere('failed_login_count < :max', { max: LOCKOUT_THRESHOLD })
        .andWhere('(locked_until IS NULL OR locked_until <= :now)', { now })
        .execute(),
    );
    if (reserved.affected === 1) return;
    const account = await this.dataSource.manager.findOneBy(StaffAccountEntity, { id });
    const until = account?.lockedUntil && account.lockedUntil.getTime() > now.getTime() ? account.lockedUntil : null;
    const retryAfterSeconds = until ? Math.ceil((until.getTime() - now.getTime()) / 1000) : 5;
    throw new RateLimitedError(
      until
        ? `This account is locked after repeated failed logins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s)`
        : 'Too many login attempts for this account at once; try again shortly',
      { retryAfterSeconds, lockedUntil: until?.toISOString() ?? null },
    );
  }

  /** The attempt failed: once LOCKOUT_THRESHOLD attempts failed in a row, lock (once, whatever the concurrency). */
  private async recordFailure(id: number): Promise<void> {
    await this.tx.run(async (em) => {
      const account = await em.findOneBy(StaffAccountEntity, { id });
      if (!account || account.failedLoginCount < LOCKOUT_THRESHOLD) return;
      const lockoutNumber = account.lockoutCount + 1;
      const lockedUntil = new Date(Date.now() + lockoutDurationMs(lockoutNumber));
      const locked = await em
        .createQueryBuilder()
        .update(StaffAccountEntity)
        .set({ lockedUntil, lockoutCount: lockoutNumber, failedLoginCount: 0 })
        .where('id = :id AND failed_login_count >= :max', { id, max: LOCKOUT_THRESHOLD })
        .execute();
      if (locked.affected === 1) this.logger.warn(`Staff account ${account.username} locked until ${lockedUntil.toISOString()} after failed logins`);
    });
  }

  private getDummyHash(): Promise<string> {
    this.dummyHash ??= hashPassword('not-a-real-password', this.config.passwordHashCost);
    return this.dummyHash;
  }
}
