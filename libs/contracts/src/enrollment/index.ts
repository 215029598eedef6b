import { EnrollmentCompletedV1 } from './completed.v1';

export * from './completed.v1';

export const enrollmentEvents = [EnrollmentCompletedV1] as const;
