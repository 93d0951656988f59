import { render } from 'preact';
import '../shared/web/base.css';
import './admin.css';
import { App } from './App';

render(<App />, document.getElementById('app') as HTMLElement);
