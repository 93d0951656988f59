import { render } from 'preact';
import '../shared/web/base.css';
import './phone.css';
import { App } from './App';

// Served by the server at /t/<publicCode> (the QR code on the printed ticket).
const code = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '').toUpperCase();

render(<App code={code} />, document.getElementById('app') as HTMLElement);
