/**
 * The notifications bell in the header: allowance notices (80 % and 100 % of the monthly pages) and
 * other messages for the signed-in person; owners and admins also see the admins' ones. Opening an
 * unread one marks it read.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { ResponseBody } from '../api/client';
import { formatDateTime } from '../format';
import { useApi, useMe } from '../session';
import { useApiData } from '../use-api-data';
import '../styles/settings.css';

type Notification = ResponseBody<'/api/notifications', 'get'>['notifications'][number];

/** How often the bell asks for news while the page is open. */
const NOTIFICATIONS_REFRESH_MS = 60_000;

export function NotificationsMenu() {
  const api = useApi();
  const me = useMe();
  const [open, setOpen] = useState(false);
  const [tick, setTick] = useState(0);
  const panelId = useId();
  const ref = useRef<HTMLDivElement>(null);
  const data = useApiData((signal) => api.get('/api/notifications', { query: { limit: '20' }, signal }), [api, tick]);

  useEffect(() => {
    const timer = setInterval(() => setTick((n) => n + 1), NOTIFICATIONS_REFRESH_MS);
    return () => clearInterval(timer);
  }, []);

  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector('button')?.focus();
      }
    };
    const onClick = (event: MouseEvent) => {
      if (ref.current && !ref.current.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener('keydown', onKey);
    document.addEventListener('mousedown', onClick);
    return () => {
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('mousedown', onClick);
    };
  }, [open]);

  const [readIds, setReadIds] = useState<ReadonlySet<string>>(new Set());
  const list: Notification[] = data.status === 'ready' ? data.data.notifications : [];
  const unread = list.filter((n) => !n.read && !readIds.has(n.id)).length;

  const markRead = (n: Notification) => {
    if (n.read || readIds.has(n.id)) return;
    setReadIds((s) => new Set(s).add(n.id));
    api.post('/api/notifications/{id}/read', { path: { id: n.id } }).catch(() => undefined);
  };

  return (
    <div className="notifications" ref={ref}>
      <button
        type="button"
        className="button button-quiet notifications-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={unread > 0 ? `Notifications, ${unread} unread` : 'Notifications'}
        onClick={() => {
          setOpen((o) => !o);
          if (!open) setTick((n) => n + 1);
        }}
      >
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20">
          <path
            d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1z"
            fill="currentColor"
          />
        </svg>
        {unread > 0 ? (
          <span className="notifications-count" aria-hidden="true">
            {unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <div className="notifications-panel" id={panelId} role="region" aria-label="Notifications">
          <h2 className="notifications-title">Notifications</h2>
          {data.status === 'error' ? <p className="field-error">{data.error.message}</p> : null}
          {list.length === 0 && data.status === 'ready' ? <p className="muted">Nothing new.</p> : null}
          <ul>
            {list.map((n) => {
              const isRead = n.read || readIds.has(n.id);
              return (
                <li key={n.id} className={isRead ? 'notification' : 'notification notification-unread'}>
                  <p className="notification-title">
                    {isRead ? null : <span className="visually-hidden">Unread: </span>}
                    {n.title}
                  </p>
                  <p className="notification-body">{n.body}</p>
                  <p className="notification-meta">
                    <span>{formatDateTime(n.createdAt, me.clinic.timeZone)}</span>
                    {isRead ? null : (
                      <button type="button" className="button button-small" onClick={() => markRead(n)}>
                        Mark as read
                      </button>
                    )}
                  </p>
                </li>
              );
            })}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
