import "./processes.css";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { ProcessContentView } from "../../../contracts/processes.ts";
import { positionsByKey, rolesInOrder } from "./parts.tsx";

/**
 * A process drawn as a swimlane diagram, in SVG drawn here (no library): a lane per actor role in
 * the order the roles first act, a numbered box per step, arrows between consecutive steps and a
 * dashed, labelled arrow for each decision. Wider than a phone, it scrolls inside its own frame.
 * Screen readers hear a one-sentence summary; the steps table beside it is the accessible version.
 */

const laneLabelWidth = 128;
const padding = 16;
const column = 176;
const boxWidth = 148;
const boxHeight = 64;
const laneHeight = 96;
const trackHeight = 30;
/** Roughly the width of a character of 12 px text, to shorten labels that do not fit. */
const characterWidth = 6.5;

function shorten(text: string, width: number): string {
  const clean = text.trim().replace(/\s+/g, " ");
  return clean.length <= width ? clean : `${clean.slice(0, Math.max(1, width - 1)).trimEnd()}…`;
}

export function ProcessDiagram({ content }: { content: ProcessContentView }) {
  const { t } = useTranslation();
  const markerId = `process-arrow-${useId().replace(/[^A-Za-z0-9_-]/g, "")}`;
  const steps = content.steps;
  if (steps.length === 0) return <p className="civitas-process-diagram__empty">{t("processes.diagram.empty")}</p>;

  const roles = rolesInOrder(steps);
  const positions = positionsByKey(steps);
  const decisions = steps.flatMap((step, index) => {
    const target = step.decision ? positions.get(step.decision.goToStepKey) : undefined;
    return step.decision && target !== undefined && target !== index + 1
      ? [{ key: step.key, from: index, to: target - 1, condition: step.decision.condition }]
      : [];
  });
  const lanesHeight = roles.length * laneHeight;
  const width = laneLabelWidth + 2 * padding + steps.length * column - (column - boxWidth);
  const height = lanesHeight + (decisions.length > 0 ? 12 + decisions.length * trackHeight : 0);

  const boxOf = (index: number) => {
    const step = steps[index];
    const lane = Math.max(0, roles.indexOf(step?.actorRole.trim() ?? ""));
    const x = laneLabelWidth + padding + index * column;
    const y = lane * laneHeight + (laneHeight - boxHeight) / 2;
    return { x, y, centreX: x + boxWidth / 2, centreY: y + boxHeight / 2 };
  };

  const summary = [
    t("processes.diagram.summary", { count: steps.length, lanes: roles.length, roles: roles.join(", ") }),
    decisions.length > 0 ? t("processes.diagram.decisions", { count: decisions.length }) : "",
  ]
    .filter(Boolean)
    .join(" ");

  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a frame that scrolls sideways must be reachable by keyboard to be scrolled
    <section className="civitas-process-diagram" tabIndex={0} aria-label={t("processes.diagram.region", { name: content.name })}>
      <svg
        className="civitas-process-diagram__svg"
        role="img"
        aria-label={summary}
        width={width}
        height={height}
        viewBox={`0 0 ${width} ${height}`}
        xmlns="http://www.w3.org/2000/svg"
      >
        <defs>
          <marker id={markerId} viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse">
            <path d="M 0 0 L 10 5 L 0 10 z" className="civitas-process-diagram__arrowhead" />
          </marker>
        </defs>
        {/* biome-ignore lint/a11y/noAriaHiddenOnFocusable: nothing in the drawing takes focus; its details are in the steps table */}
        <g aria-hidden="true">
          {roles.map((role, lane) => (
            <g key={role}>
              <rect
                x={0}
                y={lane * laneHeight}
                width={width}
                height={laneHeight}
                className={lane % 2 === 0 ? "civitas-process-diagram__lane" : "civitas-process-diagram__lane civitas-process-diagram__lane--alternate"}
              />
              <foreignObject x={4} y={lane * laneHeight + 4} width={laneLabelWidth - 8} height={laneHeight - 8}>
                <div className="civitas-process-diagram__lane-label">{role || t("processes.diagram.noRole")}</div>
              </foreignObject>
            </g>
          ))}
          <line x1={laneLabelWidth} y1={0} x2={laneLabelWidth} y2={lanesHeight} className="civitas-process-diagram__divider" />

          {steps.slice(1).map((step, at) => {
            const from = boxOf(at);
            const to = boxOf(at + 1);
            const startX = from.x + boxWidth;
            const path =
              from.centreY === to.centreY
                ? `M ${startX} ${from.centreY} H ${to.x - 2}`
                : `M ${startX} ${from.centreY} H ${startX + (column - boxWidth) / 2} V ${to.centreY} H ${to.x - 2}`;
            return <path key={`next-${step.key}`} d={path} className="civitas-process-diagram__flow" markerEnd={`url(#${markerId})`} />;
          })}

          {decisions.map((decision, track) => {
            const from = boxOf(decision.from);
            const to = boxOf(decision.to);
            const offset = (track % 3) * 8 - 8;
            const trackY = lanesHeight + 12 + track * trackHeight + 10;
            const startX = from.centreX + offset;
            const endX = to.centreX - offset;
            const left = Math.min(startX, endX);
            const room = Math.max(Math.abs(endX - startX), width - left - padding);
            const label = shorten(
              t("processes.diagram.decisionLabel", { condition: decision.condition, number: decision.to + 1 }),
              Math.floor(room / characterWidth),
            );
            return (
              <g key={`decision-${decision.key}`}>
                <path
                  d={`M ${startX} ${from.y + boxHeight} V ${trackY} H ${endX} V ${to.y + boxHeight + 2}`}
                  className="civitas-process-diagram__decision"
                  markerEnd={`url(#${markerId})`}
                />
                <text x={left + 6} y={trackY - 5} className="civitas-process-diagram__decision-label" fontSize={12}>
                  {label}
                </text>
              </g>
            );
          })}

          {steps.map((step, index) => {
            const box = boxOf(index);
            return (
              <g key={step.key}>
                <rect
                  x={box.x}
                  y={box.y}
                  width={boxWidth}
                  height={boxHeight}
                  rx={4}
                  className={`civitas-process-diagram__step civitas-process-diagram__step--${step.channel}`}
                />
                <text x={box.x + 8} y={box.y + 17} className="civitas-process-diagram__step-heading" fontSize={12}>
                  {shorten(`${index + 1} · ${t(`processes.channel.${step.channel}`)}`, Math.floor((boxWidth - 16) / characterWidth))}
                </text>
                <foreignObject x={box.x + 4} y={box.y + 22} width={boxWidth - 8} height={boxHeight - 24}>
                  <div className="civitas-process-diagram__step-name">{step.name}</div>
                </foreignObject>
              </g>
            );
          })}
        </g>
      </svg>
    </section>
  );
}
