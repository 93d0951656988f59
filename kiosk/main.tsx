import { render } from 'preact';
import { NAMESPACES } from '../shared/contract';
import { LiveQueue, RECONNECT } from '../shared/web/live';
import '../shared/web/base.css';
import './kiosk.css';
import './screens.css';
import { App } from './App';

// /kiosk/?id=sanh-1 names this kiosk: its tickets print on its own printer where the
// office settings give it one (settings.printer.kiosks), and record where they came from.
const kioskId = new URLSearchParams(location.search).get('id')?.trim().toLowerCase() || null;
const live = new LiveQueue(NAMESPACES.public, { connectTimeoutMs: RECONNECT.lanConnectTimeoutMs });
render(<App live={live} kioskId={kioskId} />, document.getElementById('app') as HTMLElement);
