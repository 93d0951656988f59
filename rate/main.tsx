import { render } from 'preact';
import '../shared/web/base.css';
import './rate.css';
import { App } from './App';

// /rate/?counter=2: the tablet at counter 2 (its number as written on the counter).
const raw = new URLSearchParams(location.search).get('counter')?.trim() ?? '';
const counter = /^[1-9]\d{0,2}$/.test(raw) ? Number(raw) : null;
render(<App counter={counter} />, document.getElementById('app') as HTMLElement);
