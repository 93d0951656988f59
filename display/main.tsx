import { render } from 'preact';
import '../shared/web/base.css';
import './display.css';
import { NAMESPACES } from '../shared/contract';
import { LiveQueue, RECONNECT } from '../shared/web/live';
import { Announcer } from './voice/announcer';
import { parseOptions } from './options';
import { keepConnected } from '../shared/web/keepConnected';
import { App } from './App';

// The waiting-room TV: no login, no interaction. URL options are documented in ./options.ts;
// the office's display settings (voice, repeat, profiles) come with the live snapshot.
const url = parseOptions(location.search);
const live = new LiveQueue(NAMESPACES.public, { connectTimeoutMs: RECONNECT.lanConnectTimeoutMs });
keepConnected(live);

// Until the first snapshot says otherwise, stay quiet: App applies the effective options.
const announcer = new Announcer({ options: { muted: true } });

render(<App live={live} announcer={announcer} url={url} />, document.getElementById('app') as HTMLElement);

// Keep the TV from blanking where the browser allows it (the lock is dropped when the page is hidden).
const keepAwake = () => {
  if (document.visibilityState === 'visible') void navigator.wakeLock?.request('screen').catch(() => undefined);
};
document.addEventListener('visibilitychange', keepAwake);
keepAwake();
