import { type ReactNode, useId } from 'react';

export interface FieldProps {
  label: ReactNode;
  /** Shown under the label, read with the field. */
  hint?: ReactNode;
  error?: string | null | undefined;
  /** A non-blocking warning, read with the field. */
  warning?: string | null | undefined;
  children: (props: {
    id: string;
    'aria-describedby': string | undefined;
    'aria-invalid': boolean | undefined;
  }) => ReactNode;
  className?: string;
  after?: ReactNode;
  /** The control's id, when something else needs to find it (focus after an error). */
  id?: string;
}

/** A label, the control, its hint and its error, wired for screen readers (aria-describedby, aria-invalid). */
export function Field({ label, hint, error, warning, children, className, after, id: givenId }: FieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const warningId = `${id}-warning`;
  const describedBy =
    [hint ? hintId : null, error ? errorId : null, warning && !error ? warningId : null]
      .filter(Boolean)
      .join(' ') || undefined;
  return (
    <div className={`field${error ? ' field-invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      {hint && (
        <div id={hintId} className="field-hint">
          {hint}
        </div>
      )}
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {after}
      {error && (
        <p id={errorId} className="field-error">
          <span aria-hidden="true" className="icon icon-error" />
          {error}
        </p>
      )}
      {warning && !error && (
        <p id={warningId} className="field-warning">
          <span aria-hidden="true" className="icon icon-warn" />
          {warning}
        </p>
      )}
    </div>
  );
}
