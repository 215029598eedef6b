export { SettableClock } from './settable-clock';
