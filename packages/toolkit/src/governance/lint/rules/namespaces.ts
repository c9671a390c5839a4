import type { LintRule } from '../rule.ts';
import { describeType } from '../rule.ts';

export const namespaceRequired: LintRule = {
  id: 'namespace-required',
  rationale:
    'the full name is the identity of a type for schema resolution and references; without a namespace two teams collide',
  fix: 'give the top-level type a `namespace` (nested types inherit it)',
  check({ walk }) {
    return walk.types
      .filter((visit) => visit.named && visit.named.namespace === '')
      .map((visit) => ({ path: visit.path, message: `${describeType(visit)} has no namespace` }));
  },
};

export const namespacePrefix: LintRule = {
  id: 'namespace-prefix',
  rationale:
    'the catalog owns its namespaces (lint.json `namespaces`); a type outside them was copied or misplaced',
  fix: 'use a namespace under one of the prefixes lint.json declares, or declare the new prefix there',
  check({ walk, namespaces }) {
    if (namespaces.length === 0) return [];
    const allowed = (namespace: string) =>
      namespaces.some((prefix) => namespace === prefix || namespace.startsWith(`${prefix}.`));
    return walk.types
      .filter((visit) => visit.named && visit.named.namespace !== '' && !allowed(visit.named.namespace))
      .map((visit) => ({
        path: visit.path,
        message: `${describeType(visit)} is outside the catalog's namespaces (${namespaces.join(', ')})`,
      }));
  },
};
