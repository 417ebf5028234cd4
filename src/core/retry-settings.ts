/**
 * The retry policy as a clinic stores it in Settings → Fax settings: one rule per group of failure
 * causes plus an overall deadline. The fax engine reads the stored value through
 * retryPolicyFromSettings (retry-policy.ts); this module is its shape and its bounds.
 */
import { Type, type Static } from 'typebox';
import type { FieldErrors } from './errors';
import { DEFAULT_RETRY_POLICY, RETRY_GROUPS, type RetryGroup, type RetryPolicy } from './retry-policy';

export const RETRY_INTERVAL_MINUTES = { min: 1, max: 120 } as const;
export const RETRY_MAX_ATTEMPTS = { min: 1, max: 20 } as const;
export const GIVE_UP_AFTER_MINUTES = { min: 10, max: 1440 } as const;

export const RetryRuleSettingsSchema = Type.Object(
  {
    intervalMinutes: Type.Integer({
      minimum: RETRY_INTERVAL_MINUTES.min,
      maximum: RETRY_INTERVAL_MINUTES.max,
      description: 'Minutes between attempts.',
    }),
    maxAttempts: Type.Integer({
      minimum: RETRY_MAX_ATTEMPTS.min,
      maximum: RETRY_MAX_ATTEMPTS.max,
      description: 'Attempts for this kind of failure, the first one included.',
    }),
  },
  { additionalProperties: false },
);

export const RetryPolicySettingsSchema = Type.Object(
  {
    busy: RetryRuleSettingsSchema,
    noAnswer: RetryRuleSettingsSchema,
    lineFailure: RetryRuleSettingsSchema,
    rejected: RetryRuleSettingsSchema,
    rateLimited: RetryRuleSettingsSchema,
    providerOutage: RetryRuleSettingsSchema,
    unknown: RetryRuleSettingsSchema,
    giveUpAfterMinutes: Type.Integer({
      minimum: GIVE_UP_AFTER_MINUTES.min,
      maximum: GIVE_UP_AFTER_MINUTES.max,
      description: 'No new attempt starts later than this after sending.',
    }),
  },
  { additionalProperties: false },
);

export type RetryPolicySettings = Static<typeof RetryPolicySettingsSchema>;

/** The stored form of a policy. */
export function retrySettingsFromPolicy(policy: RetryPolicy): RetryPolicySettings {
  const rules = Object.fromEntries(RETRY_GROUPS.map((g) => [g, { ...policy.rules[g] }])) as Record<
    RetryGroup,
    { intervalMinutes: number; maxAttempts: number }
  >;
  return { ...rules, giveUpAfterMinutes: policy.giveUpAfterMinutes };
}

export const DEFAULT_RETRY_SETTINGS: Readonly<RetryPolicySettings> = Object.freeze(retrySettingsFromPolicy(DEFAULT_RETRY_POLICY));

function checkInteger(fields: FieldErrors, key: string, value: unknown, bounds: { min: number; max: number }, unit: string): void {
  if (typeof value !== 'number' || !Number.isInteger(value)) fields[key] = `Must be a whole number of ${unit}.`;
  else if (value < bounds.min || value > bounds.max) fields[key] = `Must be between ${bounds.min} and ${bounds.max} ${unit}.`;
}

/**
 * Field errors for a retry policy (keys like `retryPolicy.busy.maxAttempts`), empty when it is valid.
 * The HTTP schema already checks the shape; this gives the sentences and guards other callers.
 */
export function checkRetryPolicySettings(value: unknown, prefix = 'retryPolicy'): FieldErrors {
  const fields: FieldErrors = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    fields[prefix] = 'Must be an object with a rule for each kind of failure.';
    return fields;
  }
  const source = value as Record<string, unknown>;
  for (const group of RETRY_GROUPS) {
    const rule = source[group];
    if (!rule || typeof rule !== 'object') {
      fields[`${prefix}.${group}`] = 'This rule is required.';
      continue;
    }
    const r = rule as Record<string, unknown>;
    checkInteger(fields, `${prefix}.${group}.intervalMinutes`, r.intervalMinutes, RETRY_INTERVAL_MINUTES, 'minutes');
    checkInteger(fields, `${prefix}.${group}.maxAttempts`, r.maxAttempts, RETRY_MAX_ATTEMPTS, 'attempts');
  }
  checkInteger(fields, `${prefix}.giveUpAfterMinutes`, source.giveUpAfterMinutes, GIVE_UP_AFTER_MINUTES, 'minutes');
  for (const key of Object.keys(source)) {
    if (key !== 'giveUpAfterMinutes' && !(RETRY_GROUPS as readonly string[]).includes(key))
      fields[`${prefix}.${key}`] = `Unknown rule "${key}"; remove it.`;
  }
  return fields;
}
