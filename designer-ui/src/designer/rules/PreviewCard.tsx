import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorPanel } from '../../app/ErrorPanel';
import { ProblemNote } from '../ProblemNote';
import type { PublishProblem } from '../publish/usePublish';

interface Props {
  id: string;
  heading: string;
  pending: boolean;
  error: unknown;
  /** The last run's problems (the rule was not run), if it ran. */
  problems: readonly PublishProblem[] | undefined;
  /** What the run found (shown when it had no problems): a count and its table. */
  summary: string;
  onRun: () => void;
  children: ReactNode;
}

/** A rule designer's dry-run card: heading, the run button, and the server's problems or findings. */
export function PreviewCard({ id, heading, pending, error, problems, summary, onRun, children }: Props) {
  const { t } = useTranslation();
  return (
    <section className="card preview" aria-labelledby={`${id}-heading`}>
      <div className="toolbar">
        <h3 id={`${id}-heading`}>{heading}</h3>
        <span className="spacer" />
        <button type="button" className="button button--secondary" disabled={pending} onClick={onRun}>
          {t('runPreview')}
        </button>
      </div>
      {error ? <ErrorPanel error={error} /> : null}
      <ProblemNote id={`${id}-problems`} problems={problems} />
      {problems?.length === 0 && (
        <>
          <p className="muted" role="status">
            {summary}
          </p>
          {children}
        </>
      )}
    </section>
  );
}
