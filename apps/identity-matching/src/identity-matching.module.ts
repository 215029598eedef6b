import { Module } from '@nestjs/common';
import { ImportsModule } from './imports/imports.module';
import { LinkingModule } from './linking/linking.module';
import { ReportModule } from './report/report.module';
import { ResultsModule } from './results/results.module';
import { ReviewModule } from './review/review.module';

/** Links legacy accounts to target accounts with evidence, segments them and keeps the review queue. */
@Module({
  imports: [LinkingModule, ReviewModule, ReportModule, ResultsModule, ImportsModule],
})
export class IdentityMatchingModule {}
