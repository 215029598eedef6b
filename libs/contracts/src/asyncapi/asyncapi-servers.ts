/** Where the topics live: the local stack's broker, and a production cluster's shape. */
export function asyncApiServers(): Record<string, unknown> {
  return {
    local: {
      host: '127.0.0.1:19092',
      protocol: 'kafka',
      title: 'Local stack',
      description:
        'The single-node KRaft broker `npm run stack -- up` starts (port from REKEY_KAFKA_PORT, 19092 by default): plaintext, no authentication, no ACLs. For development and tests only.',
      tags: [{ name: 'env:local' }],
    },
    production: {
      host: 'kafka.example.internal:9093',
      protocol: 'kafka-secure',
      title: 'Production cluster (placeholder host)',
      description:
        'A Kafka cluster reached over TLS with SASL/SCRAM-SHA-512, one principal per service, and the ACLs deploy/README.md lists: each service writes its own topics, reads only what it consumes, and each restricted topic has one reader: reset-issuance reads rekey.restricted.identity-contacts, enrollment reads rekey.restricted.enrollment-contacts.',
      security: [{ $ref: '#/components/securitySchemes/saslScram' }],
      tags: [{ name: 'env:production' }],
      bindings: { kafka: { bindingVersion: '0.5.0' } },
    },
  };
}

export function asyncApiSecuritySchemes(): Record<string, unknown> {
  return {
    saslScram: {
      type: 'scramSha512',
      description:
        "SASL/SCRAM-SHA-512 over TLS, one principal per service (e.g. User:reset-issuance); credentials come from the deployment's secret store, never from this document.",
    },
  };
}
