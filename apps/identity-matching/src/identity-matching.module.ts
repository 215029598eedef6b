import { Module } from '@nestjs/common';

/** Links legacy accounts to target accounts with evidence, segments them and keeps the review queue. */
@Module({})
export class IdentityMatchingModule {}
