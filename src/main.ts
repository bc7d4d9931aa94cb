import { mount } from 'svelte';
import App from './ui/App.svelte';
import { i18n } from './ui/i18n/i18n.svelte';
import './ui/app.css';

await i18n.init();
mount(App, { target: document.getElementById('app')! });
