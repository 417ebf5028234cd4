/** A fax's status as a coloured badge; the words come from the API (statusLabel). */
export function FaxStatusBadge({ status, label }: { status: string; label: string }) {
  return <span className={`badge fax-status fax-status-${status}`}>{label}</span>;
}

/** "2 of 3 pages" while sending, else "3 pages". */
export function pagesText(fax: { status: string; pageCount: number; pagesDelivered: number }): string {
  const total = `${fax.pageCount} ${fax.pageCount === 1 ? 'page' : 'pages'}`;
  if (fax.status === 'delivered') return total;
  if (fax.pagesDelivered > 0) return `${fax.pagesDelivered} of ${total} delivered`;
  return total;
}
