import { compileBlockingRules, type BlockingRule } from './blocking-rules';
import { compileComparisons, type ComparisonSet } from './field-comparisons';
import type { ModelLayout } from './link-evidence';
import type { LinkageConfig } from './linkage-config';

/** A linkage configuration turned into the rules and comparisons a run executes. */
export interface CompiledLinkage {
  config: LinkageConfig;
  rules: readonly BlockingRule[];
  comparisons: ComparisonSet;
  layout: ModelLayout;
}

const compiled = new WeakMap<LinkageConfig, CompiledLinkage>();

export function compileLinkage(config: LinkageConfig): CompiledLinkage {
  let linkage = compiled.get(config);
  if (linkage === undefined) {
    const rules = compileBlockingRules(config.blocking);
    const comparisons = compileComparisons(config);
    linkage = {
      config,
      rules,
      comparisons,
      layout: {
        comparisons: comparisons.comparisons.map(({ name, field, levels }) => ({ name, field, levels })),
        ruleNames: rules.map((rule) => rule.name),
      },
    };
    compiled.set(config, linkage);
  }
  return linkage;
}
