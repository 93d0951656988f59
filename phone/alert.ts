/**
 * The phone's "your turn" alert: a beep through Web Audio and a vibration where allowed.
 * Mobile browsers only let a page make sound after a tap, so `unlock()` is called from the
 * first tap anywhere (and from the sound button).
 */
type Ctor = new () => AudioContext;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (ctx) return ctx;
  const g = globalThis as { AudioContext?: Ctor; webkitAudioContext?: Ctor };
  const C = g.AudioContext ?? g.webkitAudioContext;
  if (!C) return null;
  try {
    ctx = new C();
  } catch {
    return null;
  }
  return ctx;
}

/** Whether sound can play right now (the audio context runs). */
export function soundReady(): boolean {
  return ctx?.state === 'running';
}

/** Call from a user gesture: starts the audio context (with an almost silent blip). */
export async function unlock(): Promise<boolean> {
  const c = context();
  if (!c) return false;
  try {
    if (c.state !== 'running') await c.resume();
    tone(c, c.currentTime, 440, 0.03, 0.001);
  } catch {
    return false;
  }
  return c.state === 'running';
}

function tone(c: AudioContext, at: number, freq: number, seconds: number, volume = 0.35) {
  const osc = c.createOscillator();
  const gain = c.createGain();
  osc.type = 'sine';
  osc.frequency.value = freq;
  gain.gain.setValueAtTime(0, at);
  gain.gain.linearRampToValueAtTime(volume, at + 0.02);
  gain.gain.setValueAtTime(volume, at + seconds - 0.05);
  gain.gain.linearRampToValueAtTime(0, at + seconds);
  osc.connect(gain).connect(c.destination);
  osc.start(at);
  osc.stop(at + seconds + 0.02);
}

/** Three two-tone beeps and a vibration. Never throws. */
export function ring(): void {
  try {
    navigator.vibrate?.([400, 200, 400, 200, 800]);
  } catch {
    // vibration not allowed here
  }
  const c = context();
  if (!c) return;
  const play = () => {
    const t = c.currentTime + 0.05;
    for (let i = 0; i < 3; i++) {
      tone(c, t + i * 0.7, 880, 0.25);
      tone(c, t + i * 0.7 + 0.28, 1320, 0.3);
    }
  };
  if (c.state === 'running') play();
  else c.resume().then(play, () => undefined);
}
