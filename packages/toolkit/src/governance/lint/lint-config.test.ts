import { describe, expect, it } from 'vitest';
import { parseLintConfig } from './lint-config.ts';

describe('parseLintConfig', () => {
  it('reads namespaces and rule settings', () => {
    const { config, findings } = parseLintConfig(
      JSON.stringify({
        namespaces: ['events'],
        rules: { 'doc-required': 'warning', 'money-uses-decimal': 'off' },
      }),
      'lint.json',
    );
    expect(findings).toEqual([]);
    expect(config.namespaces).toEqual(['events']);
    expect([...config.rules]).toEqual([
      ['doc-required', 'warning'],
      ['money-uses-decimal', 'off'],
    ]);
  });

  it('points at each bad entry: an unknown rule, a bad severity, an unknown key', () => {
    const text =
      '{\n  "rules": {\n    "doc-requird": "off",\n    "enum-default": "fatal"\n  },\n  "strict": true\n}\n';
    const { findings } = parseLintConfig(text, 'schemas/lint.json');
    expect(findings.map(({ ruleId, message, location }) => ({ rule: ruleId, message, ...location }))).toEqual(
      [
        {
          rule: 'lint-config',
          message: 'unknown key "strict"',
          file: 'schemas/lint.json',
          line: 6,
          column: 3,
        },
        {
          rule: 'lint-config',
          message: 'unknown rule "doc-requird"',
          file: 'schemas/lint.json',
          line: 3,
          column: 5,
        },
        {
          rule: 'lint-config',
          message: '"enum-default" must be "error", "warning" or "off"',
          file: 'schemas/lint.json',
          line: 4,
          column: 5,
        },
      ],
    );
  });

  it('reports text that is not JSON at the start of the file', () => {
    const { findings } = parseLintConfig('{ "rules": ', 'lint.json');
    expect(findings).toMatchObject([
      {
        ruleId: 'lint-config',
        location: { line: 1, column: 1 },
        message: expect.stringMatching(/not valid JSON/),
      },
    ]);
  });
});
