const SHORT_DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** The day of the week (0 = Sunday) of `date` in the venue's time zone; the host's if the zone is unknown. */
export function weekdayIn(timeZone: string, date: Date): number {
  try {
    const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(date);
    const day = SHORT_DAYS.indexOf(name);
    return day >= 0 ? day : date.getDay();
  } catch {
    return date.getDay();
  }
}
