import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { createHash, randomBytes } from 'node:crypto';
import { EntityManager, LessThan } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../../config/app-config';
import { TransactionRunner } from '../../../database/transaction-runner';
import type { Audience } from '../../../shared/auth/token.service';
import { UnauthorizedError } from '../../../shared/domain/domain-error';
import { JobQueue } from '../../../shared/jobs/job-queue';
import { RefreshTokenEntity } from '../domain/refresh-token.entity';

const CLEANUP_JOB = 'identity.refresh-token-cleanup';
/** Used and revoked tokens are kept a while after expiry so reuse is still recognised as reuse. */
const KEEP_AFTER_EXPIRY_MS = 7 * 86_400_000;

export function hashRefreshToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Opaque refresh tokens for both audiences. Stored hashed; each use rotates the token (a
 * conditional update, so two concurrent uses cannot both succeed); presenting a rotated or revoked
 * token revokes its whole family, which ends that login everywhere it was copied to.
 */
@Injectable()
export class RefreshTokenService implements OnModuleInit {
  private readonly logger = new Logger('RefreshTokens');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly tx: TransactionRunner,
    private readonly jobs: JobQueue,
  ) {}

  onModuleInit(): void {
    this.jobs.register(CLEANUP_JOB, async () => {
      await this.tx.run((em) => em.delete(RefreshTokenEntity, { expiresAt: LessThan(new Date(Date.now() - KEEP_AFTER_EXPIRY_MS)) }));
    });
    this.jobs.every(CLEANUP_JOB, 6 * 3600_000);
  }

  get ttlSeconds(): number {
    return this.config.jwt.refreshTtlSeconds;
  }

  /** A new token (of a new family unless given), stored in `em`'s transaction; returns the plain token. */
  async issue(em: EntityManager, audience: Audience, subjectId: number, familyId = randomBytes(16).toString('hex')): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    await em.insert(RefreshTokenEntity, {
      audience,
      subjectId,
      familyId,
      tokenHash: hashRefreshToken(token),
      status: 'ACTIVE',
      expiresAt: new Date(Date.now() + this.ttlSeconds * 1000),
      usedAt: null,
    });
    return token;
  }

  /**
   * Spends `token` and returns its subject with the next token of the family. `check` runs in the
   * same transaction (e.g. the account is still active) and may throw to refuse. A token already
   * used (or lost in a race with a concurrent use) revokes the family and answers 401.
   */
  async rotate(
    audience: Audience,
    token: string,
    check: (subjectId: number, em: EntityManager) => Promise<void>,
    after: (subjectId: number, em: EntityManager) => Promise<void> = async () => undefined,
  ): Promise<{ subjectId: number; refreshToken: string }> {
    const hash = hashRefreshToken(token);
    const outcome = await this.tx.run(async (em) => {
      const row = await em.findOneBy(RefreshTokenEntity, { tokenHash: hash, audience });
      if (!row) return { kind: 'unknown' as const };
      const now = new Date();
      if (row.status === 'ACTIVE') {
        if (row.expiresAt.getTime() <= now.getTime()) return { kind: 'expired' as const };
        await check(row.subjectId, em);
        const spent = await em.update(RefreshTokenEntity, { id: row.id, status: 'ACTIVE' }, { status: 'ROTATED', usedAt: now });
        if (spent.affected === 1) {
          const refreshToken = await this.issue(em, audience, row.subjectId, row.familyId);
          await after(row.subjectId, em);
          return { kind: 'rotated' as const, subjectId: row.subjectId, refreshToken };
        }
      }
      if (row.status === 'REVOKED') return { kind: 'revoked' as const };
      // Used before (or by a concurrent request a moment ago): someone holds a copy. End the login.
      await em.update(RefreshTokenEntity, { familyId: row.familyId, status: 'ACTIVE' }, { status: 'REVOKED' });
      return { kind: 'reused' as const, subjectId: row.subjectId, familyId: row.familyId };
    });
    switch (outcome.kind) {
      case 'rotated':
        return { subjectId: outcome.subjectId, refreshToken: outcome.refreshToken };
      case 'reused':
        this.logger.warn(`Refresh token reuse: ${audience} ${outcome.subjectId}, family ${outcome.familyId} revoked`);
        throw new UnauthorizedError('This refresh token was already used; the session has been ended, log in again');
      case 'expired':
        throw new UnauthorizedError('The refresh token has expired; log in again');
      case 'revoked':
        throw new UnauthorizedError('The refresh token has been revoked; log in again');
      default:
        throw new UnauthorizedError('Unknown refresh token');
    }
  }

  /** Logout: revokes the family of `token` when it belongs to this subject (anything else is ignored). */
  async revokeFamilyOf(audience: Audience, subjectId: number, token: string): Promise<void> {
    await this.tx.run(async (em) => {
      const row = await em.findOneBy(RefreshTokenEntity, { tokenHash: hashRefreshToken(token), audience, subjectId });
      if (row) await em.update(RefreshTokenEntity, { familyId: row.familyId, status: 'ACTIVE' }, { status: 'REVOKED' });
    });
  }

  /** Ends every login of a subject (password change, disabled account). */
  async revokeAll(em: EntityManager, audience: Audience, subjectId: number): Promise<void> {
    await em.update(RefreshTokenEntity, { audience, subjectId, status: 'ACTIVE' }, { status: 'REVOKED' });
  }
}
