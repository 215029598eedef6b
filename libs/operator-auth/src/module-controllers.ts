import { MODULE_METADATA } from '@nestjs/common/constants';
import type { DynamicModule, ForwardReference, Type } from '@nestjs/common';

export type ModuleReference = Type<unknown> | DynamicModule | ForwardReference<unknown>;

/**
 * Every controller an application module brings in, through its whole import graph, read from
 * the same metadata Nest's scanner reads. Modules imported as promises cannot be read ahead of
 * time and are refused, so that no controller escapes the start-up check unseen.
 */
export function controllersOf(root: ModuleReference): Array<Type<unknown>> {
  const seen = new Set<unknown>();
  const controllers = new Set<Type<unknown>>();
  const visit = (reference: ModuleReference | Promise<DynamicModule> | undefined): void => {
    if (!reference) return;
    if (reference instanceof Promise) {
      throw new Error('A module imported as a promise cannot have its routes checked before start-up');
    }
    if ('forwardRef' in reference) return visit((reference.forwardRef as () => ModuleReference)());
    if (seen.has(reference)) return;
    seen.add(reference);
    const type = 'module' in reference ? reference.module : reference;
    const dynamic = 'module' in reference ? reference : undefined;
    for (const controller of [
      ...((Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, type) as Array<Type<unknown>> | undefined) ?? []),
      ...(dynamic?.controllers ?? []),
    ]) {
      controllers.add(controller);
    }
    for (const imported of [
      ...((Reflect.getMetadata(MODULE_METADATA.IMPORTS, type) as ModuleReference[] | undefined) ?? []),
      ...((dynamic?.imports ?? []) as ModuleReference[]),
    ]) {
      visit(imported);
    }
  };
  visit(root);
  return [...controllers];
}
