/** The text of anything thrown: an Error's message, else the value as text. */
export function messageOf(e: unknown): string {
  const m = (e as { message?: unknown } | null)?.message;
  return typeof m === 'string' && m ? m : String(e);
}
