import { Module } from '@nestjs/common';
import { RevocationCheckQueries } from './revocation-check-queries';
import { RevocationChecksController } from './revocation-checks.controller';

/** The check API downstream applications ask about migrated accounts and revoked sessions. */
@Module({ controllers: [RevocationChecksController], providers: [RevocationCheckQueries] })
export class RevocationChecksModule {}
