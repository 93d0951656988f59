/**
 * Warm spare for deploy/supervise.mjs. Loading the server's modules is most of its start
 * time (seconds on a small or busy machine), so the supervisor keeps a second process
 * with everything loaded but nothing opened: no database, no port. When the serving
 * process dies, the spare is told "activate" and is serving within a fraction of a second.
 *
 * Without the supervisor (QUAYSO_STANDBY unset, or no IPC channel), `run` starts at once.
 */
export function whenActivated(run: () => void): void {
  const send = process.send?.bind(process);
  if (process.env.QUAYSO_STANDBY !== '1' || !send) {
    run();
    return;
  }
  let active = false;
  const onMessage = (m: unknown) => {
    if (m !== 'activate' || active) return;
    active = true;
    process.off('message', onMessage);
    run();
  };
  process.on('message', onMessage);
  // A spare whose supervisor is gone has nobody to activate it; a serving process stays up.
  process.on('disconnect', () => {
    if (!active) process.exit(0);
  });
  send('standby');
}
