import { useEffect, useRef } from "react";
import { useLocation } from "react-router";

/**
 * The page's one h1. It names the page in the browser tab and takes focus after client-side
 * navigation, so screen-reader users hear where they arrived.
 */
export function PageHeading({ children, title }: { children: React.ReactNode; title?: string }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const location = useLocation();
  const text = title ?? (typeof children === "string" ? children : "");

  useEffect(() => {
    document.title = text ? `${text} | Civitas` : "Civitas";
  }, [text]);

  useEffect(() => {
    if (location.key !== "default") heading.current?.focus({ preventScroll: false });
  }, [location.key]);

  return (
    <h1 ref={heading} tabIndex={-1} className="civitas-page-heading">
      {children}
    </h1>
  );
}
