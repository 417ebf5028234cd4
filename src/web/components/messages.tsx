import type { ReactNode } from 'react';
import { ApiError } from '../api/client';

/** A load that failed: the API's own sentence, which says what happened and what to do. */
export function ErrorMessage({ error, children }: { error: Error; children?: ReactNode }) {
  return (
    <div className="notice notice-error" role="alert">
      <p>{error.message}</p>
      {children}
    </div>
  );
}

export function isNotFound(error: Error): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      {label}
    </p>
  );
}
