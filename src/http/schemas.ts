import { Type, type TSchema } from '@fastify/type-provider-typebox';

/** Every error response: a stable code, a sentence for people, and per-field messages when relevant. */
export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: Type.String(),
      message: Type.String(),
      fields: Type.Optional(Type.Record(Type.String(), Type.String())),
    }),
  },
  { $id: 'ErrorBody' },
);

export const Uuid = Type.String({ format: 'uuid', description: 'An id issued by Chartfax.' });
export const IdParams = Type.Object({ id: Uuid }, { additionalProperties: false });
export const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'A calendar date, YYYY-MM-DD.' });
export const NullableString = Type.Union([Type.String(), Type.Null()]);

/** Query-string integers arrive as text; we validate the text and convert in the handler. */
export const QueryInt = Type.String({ pattern: '^[0-9]{1,6}$' });

export function errorResponses(...statuses: number[]): Record<number, TSchema> {
  return Object.fromEntries(statuses.map((s) => [s, Type.Ref('ErrorBody')]));
}

export function toInt(value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  return Math.min(Number(value), max);
}
