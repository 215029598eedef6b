#!/usr/bin/env node
// Checks an audit evidence export offline, with nothing but Node and the audit service's public
// key: `node verify-evidence.cjs <export.ndjson> <public-key.jwk.json | jwks.json>`.
//
// It trusts nothing the export says about hashes: it recomputes each selected record's digest
// from its content (RFC 8785 canonical JSON, implemented below), chains every line from the
// first, and requires each checkpoint's root hash to be the chained hash at its lastSequence and
// its Ed25519 signature to verify with the key. Exit 0 when the export holds, 1 with the first
// problem otherwise.
'use strict';
const { createHash, createPublicKey, verify } = require('node:crypto');
const { readFileSync } = require('node:fs');

/** RFC 8785 for JSON values (what JSON.parse gives): sorted keys, ECMAScript numbers and strings. */
function canonicalize(value) {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new Error('JCS: numbers must be finite');
    return JSON.stringify(value); // ECMAScript Number-to-String: what RFC 8785 prescribes
  }
  if (Array.isArray(value))
    return `[${value.map((item) => canonicalize(item === undefined ? null : item)).join(',')}]`;
  if (typeof value === 'object') {
    // Sorted by UTF-16 code units: JavaScript's default sort order, as RFC 8785 asks.
    const keys = Object.keys(value)
      .filter((key) => value[key] !== undefined)
      .sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalize(value[key])}`).join(',')}}`;
  }
  throw new Error(`JCS: ${typeof value} is not JSON`);
}

const sha256 = (...parts) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

const CHECKPOINT_FIELDS = [
  'chain',
  'checkpointId',
  'firstSequence',
  'lastSequence',
  'recordCount',
  'rootHash',
  'sealedAt',
  'signatureKeyId',
];

class EvidenceProblem extends Error {}

/** Returns a summary of what holds, or throws EvidenceProblem naming the first thing that does not. */
function verifyEvidence(text, keys) {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const entries = lines.map((line, index) => {
    try {
      return JSON.parse(line);
    } catch {
      throw new EvidenceProblem(`line ${index + 1} is not JSON`);
    }
  });
  const header = entries[0];
  if (!header || header.kind !== 'header') throw new EvidenceProblem('the export has no header line');
  const chained = entries.filter((entry) => entry.kind === 'record' || entry.kind === 'link');
  const checkpoints = entries.filter((entry) => entry.kind === 'checkpoint');
  const hashAt = new Map();
  let previous;
  let selected = 0;
  for (const entry of chained) {
    const sequence = entry.kind === 'record' ? entry.record.sequence : entry.sequence;
    if (previous) {
      if (sequence !== previous.sequence + 1) {
        throw new EvidenceProblem(
          `record ${previous.sequence + 1} is missing (the next line is record ${sequence})`,
        );
      }
      if (entry.prevHash !== previous.hash) {
        throw new EvidenceProblem(`record ${sequence} does not link to record ${previous.sequence}`);
      }
    }
    const digest =
      entry.kind === 'record' ? sha256(canonicalize(entry.record)) : Buffer.from(entry.bodyDigest, 'hex');
    const hash = sha256(Buffer.from(entry.prevHash, 'hex'), digest).toString('hex');
    if (entry.kind === 'record') {
      selected += 1;
      if (entry.hash !== hash) {
        throw new EvidenceProblem(
          `record ${sequence} was altered: its content hashes to ${hash}, not ${entry.hash}`,
        );
      }
    }
    hashAt.set(sequence, hash);
    previous = { sequence, hash };
  }
  if (selected !== header.selectedRecords) {
    throw new EvidenceProblem(
      `the header announces ${header.selectedRecords} records, the export holds ${selected}`,
    );
  }
  let sealedThrough = 0;
  for (const checkpoint of checkpoints) {
    const key = keys.get(checkpoint.signatureKeyId);
    if (!key)
      throw new EvidenceProblem(
        `checkpoint ${checkpoint.checkpointId}: key ${checkpoint.signatureKeyId} is not given`,
      );
    const payload = Object.fromEntries(CHECKPOINT_FIELDS.map((field) => [field, checkpoint[field]]));
    const signature = Buffer.from(String(checkpoint.signature), 'base64url');
    if (!verify(null, Buffer.from(canonicalize(payload), 'utf8'), key, signature)) {
      throw new EvidenceProblem(`checkpoint ${checkpoint.checkpointId}: the signature does not verify`);
    }
    const root = hashAt.get(checkpoint.lastSequence);
    if (root === undefined) {
      throw new EvidenceProblem(
        `records up to ${checkpoint.lastSequence} are missing: the export stops at ${previous ? previous.sequence : 'no record'}, before the end of checkpoint ${checkpoint.checkpointId}`,
      );
    }
    if (root !== checkpoint.rootHash) {
      throw new EvidenceProblem(
        `checkpoint ${checkpoint.checkpointId}: records chain to ${root} at ${checkpoint.lastSequence}, it sealed ${checkpoint.rootHash}`,
      );
    }
    sealedThrough = Math.max(sealedThrough, checkpoint.lastSequence);
  }
  const selectedSequences = chained
    .filter((entry) => entry.kind === 'record')
    .map((entry) => entry.record.sequence);
  const unsealed = selectedSequences.filter((sequence) => sequence > sealedThrough);
  return { selected, lines: chained.length, checkpoints: checkpoints.length, sealedThrough, unsealed };
}

/** A JWK or a JWKS file's keys, by kid. */
function readKeys(text) {
  const parsed = JSON.parse(text);
  const jwks = Array.isArray(parsed.keys) ? parsed.keys : [parsed];
  return new Map(jwks.map((jwk) => [jwk.kid, createPublicKey({ key: jwk, format: 'jwk' })]));
}

function main(argv) {
  const [exportFile, keyFile] = argv;
  if (!exportFile || !keyFile) {
    process.stderr.write(
      'usage: node verify-evidence.cjs <export.ndjson> <public-key.jwk.json | jwks.json>\n',
    );
    return 2;
  }
  try {
    const result = verifyEvidence(readFileSync(exportFile, 'utf8'), readKeys(readFileSync(keyFile, 'utf8')));
    process.stdout.write(
      `OK: ${result.selected} records verified over ${result.lines} chained lines; ` +
        `${result.checkpoints} checkpoint signature(s) valid, sealed through ${result.sealedThrough}\n`,
    );
    if (result.unsealed.length > 0) {
      process.stdout.write(
        `NOT YET SEALED: records ${result.unsealed.join(', ')} (chained, no checkpoint yet)\n`,
      );
    }
    return 0;
  } catch (error) {
    if (!(error instanceof EvidenceProblem)) throw error;
    process.stdout.write(`FAIL: ${error.message}\n`);
    return 1;
  }
}

module.exports = { canonicalize, verifyEvidence, readKeys, EvidenceProblem };
if (require.main === module) process.exitCode = main(process.argv.slice(2));
