#!/bin/sh
# Creates every Rekey topic before the services start. Auto-creation is off on the broker: with
# KRaft, a consumer that subscribes to a topic still being auto-created can fail with "This server
# does not host this topic-partition", and auto-created topics would get the wrong partition count.
# Safe to run on every `docker compose up` (--if-not-exists).
set -eu

: "${BOOTSTRAP_SERVER:?BOOTSTRAP_SERVER is not set}"
: "${TOPICS:?TOPICS is not set}"
: "${PARTITIONS:?PARTITIONS is not set}"
: "${DLQ_PARTITIONS:?DLQ_PARTITIONS is not set}"
: "${REPLICATION_FACTOR:?REPLICATION_FACTOR is not set}"

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
