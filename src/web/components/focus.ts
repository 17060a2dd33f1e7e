import { useEffect, useRef } from "react";

/**
 * Moves focus to the element with `id` when `state` changes (not on the first render). A button that
 * opens a confirmation or a form is replaced by it; without this, keyboard and screen-reader users
 * would be sent back to the top of the page.
 */
export function useFocusOnChange(state: unknown, id: string | null): void {
  const previous = useRef(state);
  useEffect(() => {
    if (Object.is(previous.current, state)) return;
    previous.current = state;
    if (id) document.getElementById(id)?.focus();
  }, [state, id]);
}
