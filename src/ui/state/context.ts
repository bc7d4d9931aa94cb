/** The lab session shared with every panel through Svelte context (typed, no string keys). */
import { createContext } from 'svelte';
import type { LabSession } from './labSession.svelte';

export const [getLabSession, setLabSession] = createContext<LabSession>();
