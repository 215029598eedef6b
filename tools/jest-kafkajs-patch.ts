// Run in every integration test file's module registry (each loads kafkajs afresh): the local
// stack's admin clients, made without libs/messaging's adapter, then print no TimeoutNegativeWarning.
// libs/messaging's broker adapter explains the patch.
// Jest loads global setup and setup files without the workspace's path aliases, so these
// configuration files reach the libraries by path, as jest-project.cjs does.
// eslint-disable-next-line @nx/enforce-module-boundaries
import { patchKafkajsRequestQueue } from '../libs/messaging/src/broker/kafkajs-request-queue.patch';

patchKafkajsRequestQueue();
