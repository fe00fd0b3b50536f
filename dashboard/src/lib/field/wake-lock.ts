/**
 * Keeps the screen on while a field page is open (Screen Wake Lock API where the browser has it): a
 * steward's counter or an exhibitor's scanner must not go dark between visitors. The lock is lost
 * when the page is hidden, so it is asked for again when it comes back. Returns a release function.
 */
export function keepScreenOn(onChange: (held: boolean) => void): () => void {
  const wakeLock = (navigator as Navigator & { wakeLock?: { request(type: 'screen'): Promise<{ release(): Promise<void>; addEventListener(type: 'release', listener: () => void): void }> } }).wakeLock;
  if (!wakeLock) {
    onChange(false);
    return () => undefined;
  }
  let sentinel: { release(): Promise<void> } | null = null;
  let stopped = false;
  const request = async () => {
    if (stopped || document.visibilityState !== 'visible') return;
    try {
      const lock = await wakeLock.request('screen');
      sentinel = lock;
      onChange(true);
      lock.addEventListener('release', () => onChange(false));
    } catch {
      onChange(false); // refused (battery saver) or not allowed: the page works without it
    }
  };
  const visible = () => void request();
  document.addEventListener('visibilitychange', visible);
  void request();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', visible);
    void sentinel?.release();
  };
}
