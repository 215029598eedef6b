import type { z } from 'zod';
import { Topics, type Area, type RestrictedTopic, type Topic } from './topics';

/** `rekey.<area>.<event>.v<N>`: the area names the topic, the event is past tense and kebab-case. */
export type EventType<A extends Area = Area> = `rekey.${A}.${string}.v${number}`;

export interface EventDefinition<T extends string = string, S extends z.ZodObject = z.ZodObject> {
  readonly type: T;
  readonly area: Area;
  /**
   * The area's topic, or a restricted topic for data only one consumer may read: where its events
   * go unless they name one of `topics` themselves.
   */
  readonly topic: Topic | RestrictedTopic;
  /**
   * Every topic its events are published on, `topic` first. More than one only for restricted data
   * several services need: each reader gets a topic of its own, so each topic keeps one reader.
   */
  readonly topics: readonly (Topic | RestrictedTopic)[];
  readonly version: number;
  /** The data (the message body); the envelope travels in headers. */
  readonly schema: S;
  readonly description: string;
  /**
   * What the subject (ce_subject, and so the Kafka key) is for this event: what its order is kept
   * per. The legacy account id unless the event is about no single account.
   */
  readonly subject: string;
}

export const LEGACY_ACCOUNT_SUBJECT =
  "The legacy account id: one account's events stay in order on one partition.";

/** The data an event of this definition carries. */
export type EventData<D extends EventDefinition> = z.output<D['schema']>;

export interface ParsedEventType {
  area: Area;
  event: string;
  version: number;
}

const eventTypePattern = /^rekey\.([a-z]+)\.([a-z][a-z0-9]*(?:-[a-z0-9]+)*)\.v([1-9][0-9]*)$/;

export function parseEventType(type: string): ParsedEventType | undefined {
  const match = eventTypePattern.exec(type);
  if (!match) return undefined;
  const [, area, event, version] = match;
  if (!isArea(area) || event === undefined) return undefined;
  return { area, event, version: Number(version) };
}

export function isArea(value: string | undefined): value is Area {
  return value !== undefined && Object.hasOwn(Topics, value);
}

/**
 * One definition gives the TypeScript type, the runtime validator and the published JSON Schema.
 * A badly named type fails here, when the module loads, rather than on the bus.
 */
export function defineEvent<A extends Area, const T extends EventType<A>, S extends z.ZodObject>(
  type: T,
  area: A,
  schema: S,
  options: {
    description: string;
    /** A restricted topic, or several (one per reader): the producer publishes a copy on each. */
    topic?: RestrictedTopic | readonly [RestrictedTopic, ...RestrictedTopic[]];
    subject?: string;
  },
): EventDefinition<T, S> {
  const parsed = parseEventType(type);
  if (!parsed) {
    throw new Error(
      `Event type "${type}" does not follow rekey.<area>.<event>.v<N> (area one of ${Object.keys(Topics).join(', ')}, event in kebab-case, N from 1)`,
    );
  }
  if (parsed.area !== area) {
    throw new Error(`Event type "${type}" is in area "${parsed.area}" but was defined for area "${area}"`);
  }
  if (options.description.trim() === '') {
    throw new Error(`Event type "${type}" needs a description`);
  }
  const topics: readonly (Topic | RestrictedTopic)[] = Object.freeze(
    options.topic === undefined
      ? [Topics[area]]
      : typeof options.topic === 'string'
        ? [options.topic]
        : [...options.topic],
  );
  return Object.freeze({
    type,
    area,
    topic: topics[0] ?? Topics[area],
    topics,
    version: parsed.version,
    schema,
    description: options.description,
    subject: options.subject ?? LEGACY_ACCOUNT_SUBJECT,
  });
}
