import { ErrorPanel } from '../app/ErrorPanel';
import { refusalOf } from './pool/refusal';

/**
 * What went wrong in any of `errors`: the first refusal as the server worded it (in the user's
 * language) and the first other failure in the error panel.
 */
export function Refused({ errors }: { errors: readonly unknown[] }) {
  const refusal = errors.map(refusalOf).find(Boolean);
  const failure = errors.find((e) => e && !refusalOf(e));
  return (
    <>
      {failure ? <ErrorPanel error={failure} /> : null}
      {refusal && (
        <p role="alert" className="error">
          {refusal.message}
        </p>
      )}
    </>
  );
}
