import { href, Link } from '../routing';

export function NotFoundPage() {
  return (
    <div className="not-found">
      <h1>Page not found</h1>
      <p>There is nothing at this address in Chartfax.</p>
      <p>
        <Link href={href.patients()}>Go to patients</Link>
      </p>
    </div>
  );
}
