#!/usr/bin/env bash
# Gives each Rekey service its own database and its own login role, which owns that database and
# nothing else: no service can read another's tables. The postgres image runs this once, on an
# empty data directory, from /docker-entrypoint-initdb.d (sourced when not executable, so it
# neither exits nor changes shell options).
# Passwords come from the environment (docker-compose.yml passes dev defaults).

create_service_database() {
  local name="$1"
  local password="$2"
  # psql variables quote the identifiers and the password, so no value is spliced into SQL.
  psql --no-psqlrc -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    --set=name="$name" --set=password="$password" <<'SQL'
CREATE ROLE :"name" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'password';
CREATE DATABASE :"name" OWNER :"name";
REVOKE ALL ON DATABASE :"name" FROM PUBLIC;
SQL
  echo "created database and role ${name}"
}

create_service_database identity_matching "${IDENTITY_MATCHING_DB_PASSWORD:?IDENTITY_MATCHING_DB_PASSWORD is not set}"
create_service_database reset_issuance "${RESET_ISSUANCE_DB_PASSWORD:?RESET_ISSUANCE_DB_PASSWORD is not set}"
create_service_database enrollment "${ENROLLMENT_DB_PASSWORD:?ENROLLMENT_DB_PASSWORD is not set}"
create_service_database session_revocation "${SESSION_REVOCATION_DB_PASSWORD:?SESSION_REVOCATION_DB_PASSWORD is not set}"
create_service_database fraud_monitoring "${FRAUD_MONITORING_DB_PASSWORD:?FRAUD_MONITORING_DB_PASSWORD is not set}"
create_service_database audit "${AUDIT_DB_PASSWORD:?AUDIT_DB_PASSWORD is not set}"
