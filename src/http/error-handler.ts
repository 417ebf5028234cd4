import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ERROR_CATALOG, FaxError, type FieldErrors } from '../core/errors';

interface ValidationIssue {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

/** Turn AJV's validation output into `{ "recipient.faxNumber": "…" }` with sentences people can act on. */
export function describeValidation(issues: ValidationIssue[], context: string | undefined): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of issues) {
    const base = (issue.instancePath ?? '').replace(/^\//, '').replace(/\//g, '.');
    const params = issue.params ?? {};
    let field = base;
    let message: string;
    switch (issue.keyword) {
      case 'required':
        field = [base, String(params.missingProperty)].filter(Boolean).join('.');
        message = 'This field is required.';
        break;
      case 'additionalProperties':
        field = [base, String(params.additionalProperty)].filter(Boolean).join('.');
        message = `Unknown field "${String(params.additionalProperty)}"; remove it.`;
        break;
      case 'type':
        message = `Must be ${String(params.type)}.`;
        break;
      case 'format':
        message = params.format === 'uuid' ? 'Must be an id issued by Chartfax.' : `Must be a valid ${String(params.format)}.`;
        break;
      case 'pattern':
        message = 'Has the wrong format.';
        break;
      case 'maxLength':
        message = `Must be at most ${String(params.limit)} characters.`;
        break;
      case 'minLength':
        message = Number(params.limit) === 1 ? 'Must not be empty.' : `Must be at least ${String(params.limit)} characters.`;
        break;
      case 'enum':
      case 'const':
      case 'anyOf':
        message = 'Is not one of the allowed values.';
        break;
      default:
        message = issue.message ?? 'Is not valid.';
    }
    const key = field === '' ? (context ?? 'body') : field;
    fields[key] ??= message;
  }
  return fields;
}

export function sendError(reply: FastifyReply, error: FaxError) {
  const body: { error: { code: string; message: string; fields?: FieldErrors } } = {
    error: { code: error.code, message: error.userMessage },
  };
  if (error.fields) body.error.fields = error.fields;
  return reply.status(error.httpStatus).type('application/json').send(body);
}

/** One mapping from anything thrown to `{ error: { code, message, fields? } }`; never a stack trace. */
export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | FaxError | Error, request: FastifyRequest, reply: FastifyReply) => {
    if (error instanceof FaxError) return sendError(reply, error);
    const fe = error as FastifyError & { validation?: ValidationIssue[]; validationContext?: string };
    if (fe.validation) {
      const fields = describeValidation(fe.validation, fe.validationContext);
      const where = fe.validationContext === 'querystring' ? 'query parameters' : fe.validationContext === 'params' ? 'address' : 'request';
      return sendError(
        reply,
        new FaxError('validation-failed', `Some ${where} fields are not valid. Correct them and try again.`, { fields }),
      );
    }
    switch (fe.code) {
      case 'FST_ERR_CTP_INVALID_JSON_BODY':
      case 'FST_ERR_CTP_EMPTY_JSON_BODY':
        return sendError(
          reply,
          new FaxError('malformed-request', 'The request body is not valid JSON. Check quotes, commas and brackets.'),
        );
      case 'FST_ERR_CTP_BODY_TOO_LARGE':
        return sendError(reply, new FaxError('payload-too-large', 'The request body is too large.'));
      case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
        return sendError(reply, new FaxError('malformed-request', 'Send the body as application/json.'));
      case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
        return sendError(reply, new FaxError('malformed-request', 'The Content-Length header does not match the body.'));
      default:
        break;
    }
    if (fe.statusCode === 429)
      return sendError(reply, new FaxError('too-many-requests', 'Too many attempts. Wait a minute and try again.'));
    if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
      return sendError(reply, new FaxError('malformed-request', 'The request could not be read.'));
    }
    const connectionLost = /ECONNREFUSED|Connection terminated|timeout exceeded when trying to connect|the database system is/i.test(
      String(error.message),
    );
    if (connectionLost) {
      request.log.warn({ err: { name: error.name, code: fe.code } }, 'database unavailable');
      return sendError(reply, new FaxError('service-unavailable', 'Chartfax cannot reach its database right now. Try again in a minute.'));
    }
    request.log.error({ err: { name: error.name, message: error.message, stack: error.stack } }, 'unhandled error');
    return sendError(reply, new FaxError('internal', ERROR_CATALOG.internal.explanation));
  });
}
