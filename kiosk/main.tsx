import { render } from 'preact';
import { NAMESPACES } from '../shared/contract';
import { LiveQueue } from '../shared/web/live';
import '../shared/web/base.css';
import './kiosk.css';
import './screens.css';
import { App } from './App';

const live = new LiveQueue(NAMESPACES.public);
render(<App live={live} />, document.getElementById('app') as HTMLElement);
