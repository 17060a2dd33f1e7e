import { Children, type ComponentProps, forwardRef, type ReactNode } from "react";

/**
 * The USWDS components the app uses, as thin React wrappers that render the design system's own
 * markup and classes. See docs/decisions/0004-uswds-components.md for why these are ours rather than
 * imports from @trussworks/react-uswds.
 */

function classes(...names: (string | false | null | undefined)[]): string {
  return names.filter(Boolean).join(" ");
}

type HeadingLevel = "h1" | "h2" | "h3" | "h4" | "h5" | "h6";

export function Alert({
  type,
  heading,
  headingLevel,
  slim,
  noIcon,
  className,
  children,
  ...rest
}: {
  type: "success" | "warning" | "error" | "info";
  heading?: ReactNode;
  headingLevel: HeadingLevel;
  slim?: boolean;
  noIcon?: boolean;
} & ComponentProps<"div">) {
  const Heading = headingLevel;
  return (
    <div className={classes("usa-alert", `usa-alert--${type}`, slim && "usa-alert--slim", noIcon && "usa-alert--no-icon", className)} {...rest}>
      <div className="usa-alert__body">
        {heading ? <Heading className="usa-alert__heading">{heading}</Heading> : null}
        {children ? <div className="usa-alert__text">{children}</div> : null}
      </div>
    </div>
  );
}

export function Button({
  secondary,
  outline,
  unstyled,
  big,
  className,
  type,
  ...rest
}: { secondary?: boolean; outline?: boolean; unstyled?: boolean; big?: boolean; type: "button" | "submit" | "reset" } & ComponentProps<"button">) {
  return (
    <button
      type={type}
      className={classes(
        "usa-button",
        secondary && "usa-button--secondary",
        outline && "usa-button--outline",
        unstyled && "usa-button--unstyled",
        big && "usa-button--big",
        className,
      )}
      {...rest}
    />
  );
}

export function ButtonGroup({ children, className }: { children: ReactNode; className?: string }) {
  return (
    <ul className={classes("usa-button-group", className)}>
      {Children.map(children, (child) => (child ? <li className="usa-button-group__item">{child}</li> : null))}
    </ul>
  );
}

export function Form({ large, className, ...rest }: { large?: boolean } & ComponentProps<"form">) {
  return <form className={classes("usa-form", large && "usa-form--large", className)} {...rest} />;
}

export function FormGroup({ error, className, children }: { error?: boolean; className?: string; children: ReactNode }) {
  return <div className={classes("usa-form-group", error && "usa-form-group--error", className)}>{children}</div>;
}

export function Label({ error, className, ...rest }: { error?: boolean } & ComponentProps<"label">) {
  // biome-ignore lint/a11y/noLabelWithoutControl: callers pass htmlFor
  return <label className={classes("usa-label", error && "usa-label--error", className)} {...rest} />;
}

export function ErrorMessage({ id, children }: { id: string; children: ReactNode }) {
  return (
    <span className="usa-error-message" id={id}>
      {children}
    </span>
  );
}

export const TextInput = forwardRef<HTMLInputElement, { invalid?: boolean } & ComponentProps<"input">>(function TextInput(
  { invalid, className, ...rest },
  ref,
) {
  return <input ref={ref} className={classes("usa-input", invalid && "usa-input--error", className)} {...rest} />;
});

export function Textarea({ invalid, className, ...rest }: { invalid?: boolean } & ComponentProps<"textarea">) {
  return <textarea className={classes("usa-textarea", invalid && "usa-input--error", className)} {...rest} />;
}

export function Select({ invalid, className, ...rest }: { invalid?: boolean } & ComponentProps<"select">) {
  return <select className={classes("usa-select", invalid && "usa-input--error", className)} {...rest} />;
}

/** A data table; `stacked` turns rows into labelled cards on a phone (cells need `data-label`). */
export function Table({
  caption,
  stacked,
  striped,
  children,
  className,
}: {
  caption?: ReactNode;
  stacked?: boolean;
  striped?: boolean;
  children: ReactNode;
  className?: string;
}) {
  return (
    <table
      className={classes(
        "usa-table",
        "usa-table--borderless",
        "width-full",
        stacked && "usa-table--stacked-header",
        striped && "usa-table--striped",
        className,
      )}
    >
      {caption ? <caption>{caption}</caption> : null}
      {children}
    </table>
  );
}

export function Tag({ children, className }: { children: ReactNode; className?: string }) {
  return <span className={classes("usa-tag", className)}>{children}</span>;
}

export function GridContainer({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={classes("grid-container", className)}>{children}</div>;
}
