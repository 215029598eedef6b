// The integration configurations' global setup: the local stack's, run with kafkajs's request
// queue patched first (libs/messaging's broker adapter explains why), so that the admin clients
// it makes print no TimeoutNegativeWarning. libs/testing cannot import libs/messaging itself:
// messaging's tests depend on testing.
// Jest loads global setup and setup files without the workspace's path aliases, so these
// configuration files reach the libraries by path, as jest-project.cjs does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { patchKafkajsRequestQueue } from '../libs/messaging/src/broker/kafkajs-request-queue.patch';
// eslint-disable-next-line @nx/enforce-module-boundaries
import globalSetup from '../libs/testing/src/jest/global-setup';

patchKafkajsRequestQueue();

export default globalSetup;
