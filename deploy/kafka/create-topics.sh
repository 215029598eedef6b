#!/bin/sh
# Creates every Rekey topic before the services start. Auto-creation is off on the broker: with
# KRaft, a consumer that subscribes to a topic still being auto-created can fail with "This server
# does not host this topic-partition", and auto-created topics would get the wrong partition count.
# Safe to run on every `docker compose up` (--if-not-exists).
#
# With APPLY_ACLS=true it also sets the ACLs every deployment with an authorizer needs (one SASL
# principal per service, User:<service>; see deploy/README.md). The compose broker runs without an
# authorizer, so compose leaves it off. ADMIN_CONFIG names the admin client's properties file.
set -eu

: "${BOOTSTRAP_SERVER:?BOOTSTRAP_SERVER is not set}"
: "${TOPICS:?TOPICS is not set}"
: "${PARTITIONS:?PARTITIONS is not set}"
: "${DLQ_PARTITIONS:?DLQ_PARTITIONS is not set}"
: "${REPLICATION_FACTOR:?REPLICATION_FACTOR is not set}"
APPLY_ACLS="${APPLY_ACLS:-false}"
PREFIX="${KAFKA_TOPIC_PREFIX:-}"

create_topic() {
  /opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVER" --create --if-not-exists \
    --topic "$1" --partitions "$2" --replication-factor "$REPLICATION_FACTOR"
}

for topic in $TOPICS; do
  create_topic "$topic" "$PARTITIONS"
  # A dead-letter topic needs no parallelism, and one partition keeps its replay order simple.
  create_topic "$topic.dlq" "$DLQ_PARTITIONS"
done

/opt/kafka/bin/kafka-topics.sh --bootstrap-server "$BOOTSTRAP_SERVER" --describe

[ "$APPLY_ACLS" = "true" ] || exit 0

acl() {
  who="$1"
  shift
  # shellcheck disable=SC2086
  /opt/kafka/bin/kafka-acls.sh --bootstrap-server "$BOOTSTRAP_SERVER" \
    ${ADMIN_CONFIG:+--command-config "$ADMIN_CONFIG"} --add --allow-principal "User:$who" "$@"
}

# The outbox relay of a service publishes its own topics (idempotent producer: Write is enough).
write_topic() {
  principal="$1"
  shift
  acl "$principal" --operation Write --operation Describe --topic "$PREFIX$1" --resource-pattern-type literal
}

# A consumer reads its topic in groups named <service>.<consumer>, and dead-letters into <topic>.dlq.
read_topic() {
  principal="$1"
  shift
  acl "$principal" --operation Read --operation Describe --topic "$PREFIX$1" --resource-pattern-type literal
  acl "$principal" --operation Write --operation Describe --topic "$PREFIX$1.dlq" --resource-pattern-type literal
  acl "$principal" --operation Read --group "$PREFIX$principal." --resource-pattern-type prefixed
}

# Literal patterns only: a prefixed grant on "rekey." would also open the restricted topics.
write_topic identity-matching rekey.identity
write_topic identity-matching rekey.restricted.identity-contacts
write_topic identity-matching rekey.restricted.enrollment-contacts
write_topic reset-issuance rekey.reset
write_topic enrollment rekey.enrollment
write_topic session-revocation rekey.session
write_topic session-revocation rekey.migration
write_topic fraud-monitoring rekey.fraud
write_topic audit rekey.audit

# Contacts in clear: reset-issuance, and nobody else, reads them.
read_topic reset-issuance rekey.restricted.identity-contacts
# Enrollment's completions close the journeys they hand off.
read_topic reset-issuance rekey.enrollment
# Fraud monitoring's signals flag accounts for step-up (reset-issuance.fraud-signals).
read_topic reset-issuance rekey.fraud
# Operators' and security's holds stop enrolment (enrollment.holds).
read_topic enrollment rekey.reset
read_topic enrollment rekey.fraud
# Contacts in clear for enrollment's sign-in method notices: enrollment, and nobody else, reads them.
read_topic enrollment rekey.restricted.enrollment-contacts
# Completed enrolments on verified links close the legacy path (session-revocation.revocation);
# holds suspend legacy sessions (session-revocation.holds).
read_topic session-revocation rekey.enrollment
read_topic session-revocation rekey.identity
read_topic session-revocation rekey.reset
read_topic session-revocation rekey.fraud

# Audit records every event of the area topics (never the restricted ones).
read_topic audit rekey.identity
read_topic audit rekey.reset
read_topic audit rekey.enrollment
read_topic audit rekey.session
read_topic audit rekey.fraud
read_topic audit rekey.audit
read_topic audit rekey.migration

/opt/kafka/bin/kafka-acls.sh --bootstrap-server "$BOOTSTRAP_SERVER" \
  ${ADMIN_CONFIG:+--command-config "$ADMIN_CONFIG"} --list
