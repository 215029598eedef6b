// Run in every integration test file's module registry (each loads kafkajs afresh): the local
// stack's admin clients, made without libs/messaging's adapter, then print no TimeoutNegativeWarning.
// libs/messaging's broker adapter explains the patch.
import { patchKafkajsRequestQueue } from '../libs/messaging/src/broker/kafkajs-request-queue.patch';

patchKafkajsRequestQueue();
