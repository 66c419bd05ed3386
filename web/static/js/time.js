// Times as the source gave them: a date alone stays a date; a clock time is shown in IST.
import { h } from "./dom.js";

const IST = "Asia/Kolkata";
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** "11:42:00 IST, 8 Oct 2024" for a time, "8 Oct 2024" for a date; null for nothing. */
export function absoluteTime(iso, dateOnly = false) {
  if (!iso) return null;
  if (DATE_ONLY.test(iso) || dateOnly) {
    const [y, m, d] = iso.slice(0, 10).split("-").map(Number);
    return new Intl.DateTimeFormat("en-IN", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
      .format(new Date(Date.UTC(y, m - 1, d)));
  }
  const when = new Date(iso);
  if (Number.isNaN(when.getTime())) return iso;
  const time = new Intl.DateTimeFormat("en-IN", {
    timeZone: IST, hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false,
  }).format(when);
  const day = new Intl.DateTimeFormat("en-IN", {
    timeZone: IST, day: "numeric", month: "short", year: "numeric",
  }).format(when);
  return `${time} IST, ${day}`;
}

/** The clock part alone ("11:42:00"), or the date for a date-only time. */
export function shortTime(iso, dateOnly = false) {
  const text = absoluteTime(iso, dateOnly) || "";
  return DATE_ONLY.test(iso || "") || dateOnly ? text : text.split(",")[0];
}

export function timeEl(iso, prefix) {
  const text = absoluteTime(iso);
  if (!text) return h("span", { class: "muted" }, `${prefix} —`);
  return h("span", { class: "updated" }, `${prefix} `, h("time", { datetime: iso }, text));
}
