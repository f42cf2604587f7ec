/**
 * How the workbench writes times, durations and shares. Plan times are factory-local "YYYY-MM-DDTHH:mm"
 * with no time zone (src/time.ts); they are shown as read, formatted in UTC so that no browser time zone
 * or daylight-saving rule shifts them.
 */
import { parseDateTime } from "../src/time.ts";
import type { Lang } from "./i18n.ts";

/** A factory-local time as epoch milliseconds (the charts' time axes run in UTC), NaN when it is not one. */
export function localMs(text: string): number {
  const minutes = parseDateTime(text);
  return minutes === null ? Number.NaN : minutes * 60_000;
}

const LOCALES: Record<Lang, string> = { en: "en-GB", zh: "zh-CN" };
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(lang: Lang, style: "datetime" | "date" | "time"): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let format = dateTimeFormats.get(key);
  if (!format) {
    const date = { weekday: "short", month: "short", day: "numeric" } as const;
    const time = { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } as const;
    const parts = style === "datetime" ? { ...date, ...time } : style === "date" ? date : time;
    format = new Intl.DateTimeFormat(LOCALES[lang], { timeZone: "UTC", ...parts });
    dateTimeFormats.set(key, format);
  }
  return format;
}

/** "Wed 1 Apr, 07:30" / "4月1日周三 07:30"; the text itself when it is not a factory-local time. */
export function formatDateTime(text: string | null | undefined, lang: Lang): string {
  if (!text) return "—";
  const ms = localMs(text);
  return Number.isNaN(ms) ? text : dateTimeFormat(lang, "datetime").format(ms);
}

/** Epoch milliseconds (factory-local read as UTC) in the given style. */
export function formatMs(ms: number, lang: Lang, style: "datetime" | "date" | "time" = "datetime"): string {
  return dateTimeFormat(lang, style).format(ms);
}

/** Elapsed minutes as days, hours and minutes: "2 d 3 h 15 min" / "2天3小时15分". */
export function formatDuration(minutes: number, lang: Lang): string {
  const total = Math.round(minutes);
  if (total === 0) return lang === "zh" ? "0分" : "0 min";
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const rest = total % 60;
  const units = lang === "zh" ? (["天", "小时", "分"] as const) : ([" d", " h", " min"] as const);
  const parts = [days && `${days}${units[0]}`, hours && `${hours}${units[1]}`, rest && `${rest}${units[2]}`].filter(Boolean);
  return parts.join(lang === "zh" ? "" : " ");
}

/** 0.952 → "95.2 %". */
export function formatShare(share: number | null | undefined): string {
  return share === null || share === undefined || !Number.isFinite(share) ? "—" : `${(share * 100).toFixed(1)} %`;
}

/** A number with thousands separators and at most `digits` decimals. */
export function formatNumber(value: number | null | undefined, lang: Lang, digits = 0): string {
  return value === null || value === undefined ? "—" : value.toLocaleString(LOCALES[lang], { maximumFractionDigits: digits });
}
