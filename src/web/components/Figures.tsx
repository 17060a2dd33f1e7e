import "./figures.css";
import type { ReactNode } from "react";

export interface Figure {
  key: string;
  label: string;
  value: string;
  detail?: ReactNode;
}

/** Headline figures as cards: what each is, its value, and a line saying what it counts. */
export function Figures({ figures, label }: { figures: Figure[]; label?: string }) {
  return (
    <dl className="civitas-figures" aria-label={label}>
      {figures.map((figure) => (
        <div key={figure.key} className="civitas-figure">
          <dt>{figure.label}</dt>
          <dd className="civitas-figure__value">{figure.value}</dd>
          {figure.detail ? <dd className="civitas-figure__detail">{figure.detail}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
