import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { useSession } from '../session';

/** The sign-in form; after signing in, the app returns to the address in `?next=`. */
export function SignInPage({ notice }: { notice: string | null }) {
  const { signIn } = useSession();
  const id = useId();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<{ message: string; fields: Readonly<Record<string, string>> } | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(null);
    try {
      await signIn(email.trim(), password);
    } catch (caught) {
      const fields = caught instanceof ApiError ? caught.fields : {};
      setError({ message: (caught as Error).message, fields });
      setSubmitting(false);
    }
  };

  const fieldError = (name: string) => error?.fields[name];
  return (
    <main className="sign-in" id="main">
      <div className="sign-in-card">
        <p className="brand brand-large">
          <span className="brand-mark" aria-hidden="true">
            CF
          </span>
          Chartfax
        </p>
        <h1>Sign in</h1>
        {notice && !error && (
          <p className="notice notice-info" role="status">
            {notice}
          </p>
        )}
        {error && (
          <div className="notice notice-error" role="alert">
            <p>{error.message}</p>
          </div>
        )}
        <form onSubmit={(e) => void submit(e)} noValidate>
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              type="email"
              autoComplete="username"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              required
              aria-invalid={fieldError('email') ? true : undefined}
              aria-describedby={fieldError('email') ? `${id}-email-error` : undefined}
            />
            {fieldError('email') && (
              <p id={`${id}-email-error`} className="field-error">
                {fieldError('email')}
              </p>
            )}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              required
              aria-invalid={fieldError('password') ? true : undefined}
              aria-describedby={fieldError('password') ? `${id}-password-error` : undefined}
            />
            {fieldError('password') && (
              <p id={`${id}-password-error`} className="field-error">
                {fieldError('password')}
              </p>
            )}
          </div>
          <button type="submit" className="button button-primary button-block" disabled={submitting}>
            {submitting ? 'Signing in…' : 'Sign in'}
          </button>
        </form>
      </div>
    </main>
  );
}
