interface ExpressionInputProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  invalid?: boolean;
  describedBy?: string;
}

/** An expression (formula, default, rule condition) in a monospace editor. */
export function ExpressionInput({ id, value, onChange, invalid, describedBy }: ExpressionInputProps) {
  return (
    <textarea
      id={id}
      className="mono expression"
      rows={2}
      spellCheck={false}
      value={value}
      aria-invalid={invalid || undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
    />
  );
}
