import { useMutation } from '@tanstack/react-query';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CHANGE_PASSWORD } from '../../api/admin-operations';
import type { ChangePasswordMutation } from '../../api/generated';
import { useClient } from '../ClientContext';
import { ErrorPanel } from '../ErrorPanel';
import { PasswordField } from './PasswordField';
import { useSession } from './SessionContext';

/**
 * Changes the signed-in user's password. The server ends every session of the user and answers
 * with a new one, which this tab continues with.
 */
export function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const session = useSession();
  const heading = useRef<HTMLHeadingElement>(null);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const change = useMutation({
    mutationFn: () =>
      client.request<ChangePasswordMutation>(CHANGE_PASSWORD, { currentPassword: current, newPassword: next }),
    onSuccess: (data) => {
      if (data.changePassword) session.start(data.changePassword);
    },
  });
  useEffect(() => heading.current?.focus(), []);
  const mismatch = repeat !== '' && repeat !== next;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!mismatch) change.mutate();
  };
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="change-password-title">
        <h2 id="change-password-title" tabIndex={-1} ref={heading}>
          {t('changePassword')}
        </h2>
        {change.isSuccess ? (
          <p role="status" className="success">
            {t('passwordChanged')}
          </p>
        ) : (
          <form id="change-password-form" className="stack" onSubmit={submit}>
            <PasswordField
              id="current-password"
              label={t('currentPassword')}
              autoComplete="current-password"
              required
              value={current}
              onChange={setCurrent}
            />
            <PasswordField
              id="new-password"
              label={t('newPassword')}
              autoComplete="new-password"
              required
              value={next}
              onChange={setNext}
            />
            <PasswordField
              id="repeat-password"
              label={t('repeatPassword')}
              autoComplete="new-password"
              required
              aria-invalid={mismatch}
              value={repeat}
              onChange={setRepeat}
            />
            {mismatch && (
              <p className="error" role="alert">
                {t('passwordsDiffer')}
              </p>
            )}
            {change.isError && <ErrorPanel error={change.error} />}
          </form>
        )}
        <div className="dialog__actions">
          {!change.isSuccess && (
            <button
              type="submit"
              form="change-password-form"
              className="button button--primary"
              disabled={change.isPending}
            >
              {t('changePassword')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {t('close')}
          </button>
        </div>
      </div>
    </div>
  );
}
