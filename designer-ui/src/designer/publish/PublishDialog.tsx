import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorPanel } from '../../app/ErrorPanel';
import { editorHref, useDrafts, type Draft } from '../entity/useDrafts';
import { formHref } from '../form/form-model';
import { ruleHref } from '../rules/useMatchingRules';
import { assignmentHref, poolHref } from '../rules/useRuleDefinitions';
import { editorId, problemTarget } from './problem-path';
import { usePublishDrafts, type PublishProblem } from './usePublish';

/**
 * Runs the server's dry run of every draft when opened and shows what publishing would change, or
 * the problems that block it, each with a link to the editor that owns it. Publishing needs a
 * clean dry run first.
 */
export function PublishDialog({ onClose, onPublished }: { onClose: () => void; onPublished?: () => void }) {
  const { t } = useTranslation();
  const check = usePublishDrafts();
  const publish = usePublishDrafts();
  const drafts = useDrafts();
  const heading = useRef<HTMLHeadingElement>(null);
  const { mutate: runCheck } = check;

  useEffect(() => {
    runCheck(true);
    heading.current?.focus();
  }, [runCheck]);

  const outcome = check.data;
  const published = publish.data?.applied ? publish.data : undefined;
  const blocking = publish.data && !publish.data.applied ? publish.data.problems : (outcome?.problems ?? []);
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="publish-title">
        <h2 id="publish-title" tabIndex={-1} ref={heading}>
          {t('publishTitle')}
        </h2>
        {check.isPending && <p role="status">{t('checking')}</p>}
        {check.isError && <ErrorPanel error={check.error} />}
        {publish.isError && <ErrorPanel error={publish.error} />}
        {published && (
          <p role="status" className="success">
            {t('publishedVersion', { version: published.version })}
          </p>
        )}
        {!published && outcome && blocking.length > 0 && (
          <>
            <p>{t('dryRunProblems', { count: blocking.length })}</p>
            <ul className="problem-list" data-testid="publish-problems">
              {blocking.map((p, i) => (
                <li key={i}>
                  <ProblemLine problem={p} drafts={drafts.data ?? []} onNavigate={onClose} />
                </li>
              ))}
            </ul>
          </>
        )}
        {!published && outcome && blocking.length === 0 && (
          <>
            <p>{t('dryRunOk')}</p>
            {outcome.changes.length === 0 ? (
              <p className="muted">{t('dryRunNoChanges')}</p>
            ) : (
              <ul className="change-list" data-testid="publish-changes">
                {outcome.changes.map((c, i) => (
                  <li key={i}>
                    <code>{c}</code>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
        <div className="dialog__actions">
          {!published && outcome && blocking.length === 0 && (
            <button
              type="button"
              className="button button--primary"
              disabled={publish.isPending || (drafts.data?.length ?? 0) === 0}
              onClick={() => publish.mutate(false, { onSuccess: (outcome) => outcome?.applied && onPublished?.() })}
            >
              {t('applyPublish')}
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={onClose}>
            {published ? t('close') : t('cancel')}
          </button>
        </div>
      </div>
    </div>
  );
}

function ProblemLine({
  problem,
  drafts,
  onNavigate,
}: {
  problem: PublishProblem;
  drafts: readonly Draft[];
  onNavigate: () => void;
}) {
  const { t } = useTranslation();
  const target = problemTarget(problem.path);
  const draft = target ? drafts[target.draft] : undefined;
  const where = problem.line ? ` (${problem.line}:${problem.column ?? 1})` : '';
  return (
    <>
      <span className="problem__message">{problem.message}</span>{' '}
      <code className="problem__path">
        {problem.path}
        {where}
      </code>{' '}
      {target && draft && (
        <Link to={`${draftHref(draft)}#${editorId(target)}`} onClick={onNavigate}>
          {t('goToProblem')}
        </Link>
      )}
    </>
  );
}

/** The editor of each kind of draft other than entities (the entity designer). */
const EDITORS: Record<string, (key: string) => string> = {
  matchingRule: ruleHref,
  assignmentRule: assignmentHref,
  pool: poolHref,
  form: formHref,
};

/** The editor of a draft. */
function draftHref(draft: Draft): string {
  return (EDITORS[draft.kind] ?? editorHref)(draft.key);
}
