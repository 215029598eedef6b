// The integration configurations' global setup: the local stack's, run with kafkajs's request
// queue patched first (libs/messaging's broker adapter explains why), so that the admin clients
// it makes print no TimeoutNegativeWarning. libs/testing cannot import libs/messaging itself:
// messaging's tests depend on testing.
import { patchKafkajsRequestQueue } from '../libs/messaging/src/broker/kafkajs-request-queue.patch';
import globalSetup from '../libs/testing/src/jest/global-setup';

patchKafkajsRequestQueue();

export default globalSetup;
