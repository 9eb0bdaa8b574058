import type { InputHTMLAttributes } from 'react';

interface PasswordFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'type'> {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** `current-password` to sign in or confirm, `new-password` for a password being set. */
  autoComplete: 'current-password' | 'new-password';
}

/** A labelled password input (password managers read `autoComplete`). */
export function PasswordField({ id, label, value, onChange, ...rest }: PasswordFieldProps) {
  return (
    <label>
      {label}
      <input {...rest} id={id} type="password" value={value} onChange={(e) => onChange(e.target.value)} />
    </label>
  );
}
