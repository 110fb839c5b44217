/**
 * Splits a reject's error into what belongs to one field and what does not. Java's Bean
 * Validation refuses with one line per broken constraint, each `at <path>: <message>` (sorted),
 * so one reject can name several fields; the form shows each field its own lines.
 */

/** The error's lines naming `shownPath` (displayPath form), and the other lines. */
export function linesFor(error: string, shownPath: string): { mine: string; others: string } {
  const lines = error.split("\n").filter((l) => l.trim() !== "");
  const mine: string[] = [];
  const others: string[] = [];
  for (const l of lines) {
    const named = /^at (.+?): /.exec(l)?.[1];
    if (named === shownPath || named === undefined) mine.push(l);
    else others.push(l);
  }
  // A reject naming only other fields still answers this field's proposal: show it all there.
  if (mine.length === 0) return { mine: lines.join("\n"), others: "" };
  return { mine: mine.join("\n"), others: others.join("\n") };
}
