import { Module } from '@nestjs/common';
import { registerProblemTypes } from '@rekey/problem-details';
import { PgEnrolmentReports } from './adapters/pg-enrolment-reports.adapter';
import { enrolmentReportProblemTypes } from './domain/enrolment-report';
import { EnrolmentReportsController } from './enrolment-reports.controller';
import { ENROLMENT_REPORTS } from './enrolment-reports.port';

registerProblemTypes(enrolmentReportProblemTypes);

@Module({
  controllers: [EnrolmentReportsController],
  providers: [{ provide: ENROLMENT_REPORTS, useClass: PgEnrolmentReports }],
})
export class EnrolmentReportsModule {}
