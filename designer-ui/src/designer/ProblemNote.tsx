import type { PublishProblem } from './publish/usePublish';

/** The dry run's problems at the editor that owns them (announced, linked by aria-describedby). */
export function ProblemNote({ id, problems }: { id: string; problems: readonly PublishProblem[] | undefined }) {
  if (!problems || problems.length === 0) {
    return null;
  }
  return (
    <div className="problem-note" role="alert" id={id}>
      <ul>
        {problems.map((p, i) => (
          <li key={i}>
            {p.message}
            {p.line ? ` (${p.line}:${p.column ?? 1})` : ''}
          </li>
        ))}
      </ul>
    </div>
  );
}
